/**
 * The public way to assert on this library's constructs in a user's jest test. cdktf's
 * `Testing.toHaveResourceWithProperties(…, VideoEnhanceJob, …)` cannot find them (each is a `null_resource` or
 * `terraform_data` with a flattened trigger map), so `MediaTesting` answers in our own terms: the decoded spec
 * of a construct (kind, settings, wire request) and every construct of a kind in a scope.
 *
 *   const job = MediaTesting.specOf(myJob);
 *   expect(job.spec).toMatchObject({ Operation: { Output: { Object: 'out/${InputName}.${ext}' } } });
 *   expect(MediaTesting.findAll(stack, 'video-enhance-job')).toHaveLength(2);
 */
import type { IConstruct } from 'constructs';
import { decodeResourceTriggers, type ResourceKind, type XmlObject } from '../model';
import { triggersOf } from './media-resource';

/** A construct of this library as the handler will see it. */
export interface MediaSpec {
  /** The construct path. */
  readonly path: string;
  readonly kind: ResourceKind;
  /** Settings of ours: `bucket`, `region`, `wait`, `template.name`, `concurrency`, `inputs.0`, … */
  readonly settings: Readonly<Record<string, string>>;
  /** The wire request (`Tag`, `Operation`, `Input`, …), every value a string as on the wire. */
  readonly spec: XmlObject;
  /** The flat trigger map (values unescaped; tokens still as cdktf tokens). */
  readonly triggers: Readonly<Record<string, string>>;
}

export class MediaTesting {
  /** The decoded spec of one of our constructs; throws for any other construct. */
  static specOf(construct: IConstruct): MediaSpec {
    const triggers = triggersOf(construct);
    if (triggers === undefined) {
      throw new Error(`${construct.node.path} is not a construct of cdktf-cos-media (MediaBucket, a template, a job or a batch)`);
    }
    const decoded = decodeResourceTriggers(triggers);
    return { path: construct.node.path, kind: decoded.kind, settings: decoded.settings, spec: decoded.spec, triggers };
  }

  /** Every construct of this library under `scope` (of `kind`, when given), in tree order. */
  static findAll(scope: IConstruct, kind?: ResourceKind): MediaSpec[] {
    return scope.node
      .findAll()
      .filter((c) => triggersOf(c) !== undefined)
      .map((c) => MediaTesting.specOf(c))
      .filter((s) => kind === undefined || s.kind === kind);
  }
}
