/**
 * `VideoEnhanceJob`: one `Tag=VideoEnhance` job over one input object (ci-api.md §8.1).
 *
 * Submitted at most once per spec: the handler keeps an idempotency record in the output bucket, so a
 * re-applied, retried or killed pipeline never submits the same paid job twice.
 */
import type { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { validateObjectKey } from '../model';
import { buildJob, jobReferenceProblems, jobSpec, type VideoEnhanceJobSettings } from './job-settings';
import type { IMediaBucket } from './media-bucket';
import { VIDEO_ENHANCE_JOB_SHAPE } from './prop-shapes';
import { allowExtraRegions } from './region';
import { unknownProps } from './unknown-props';
import { createMediaResource, SKIP_TOKENS, throwIfProblems } from './media-resource';
import { addWarnings } from './source-findings';
import { checkScope } from './compat-check';

export interface VideoEnhanceJobProps extends VideoEnhanceJobSettings {
  /** The bucket of the input object (and of the templates). */
  readonly bucket: IMediaBucket;
  /** Input object key, e.g. `input/demo.mp4`. */
  readonly input: string;
}

export class VideoEnhanceJob extends Construct {
  /** The `null_resource` or `terraform_data` behind this construct (for overrides, or `dependsOn` of other resources). */
  readonly resource: TerraformResource;
  /** The trigger map the handler receives (for tests and tooling). */
  readonly triggers: Readonly<Record<string, string>>;

  /**
   * The backing resource's address, so that any cdktf resource or module can list this construct in its own
   * `dependsOn` (this makes the construct an `ITerraformDependable`).
   */
  get fqn(): string {
    return this.resource.fqn;
  }

  constructor(scope: Construct, id: string, props: VideoEnhanceJobProps) {
    super(checkScope(scope), id);
    throwIfProblems(this, jobReferenceProblems(props.bucket, props));
    const built = buildJob(props.bucket, props, props.input);
    throwIfProblems(
      this,
      allowExtraRegions(this, [
        ...unknownProps(props, VIDEO_ENHANCE_JOB_SHAPE),
        ...validateObjectKey(props.input, 'input', SKIP_TOKENS),
        ...built.problems,
      ]),
    );
    addWarnings(this, built.warnings);
    const { resource, triggers } = createMediaResource(this, {
      kind: 'video-enhance-job',
      settings: built.settings,
      spec: jobSpec(built.request, props.input),
      dependsOn: built.dependsOn,
      endpoint: props.bucket.endpoint,
      createBeforeDestroy: true,
      userDependsOn: props.dependsOn,
    });
    this.resource = resource;
    this.triggers = triggers;
  }
}
