/**
 * `CosMediaTemplates`: one backing resource per stack that has templates, created by the stack's first
 * template construct. Terraform does not run the destroy step of a resource whose block was removed from the
 * configuration, so a template construct removed from the code cannot delete its own template. This resource
 * lists, per bucket, the construct paths of the templates the stack declares; removing one changes the list
 * and replaces it, and its create (src/handler/kinds/template-set.ts) deletes the templates this stack's owner
 * records name that the code no longer declares. It depends on every template of the stack, so it runs after
 * their creates (and is destroyed before them, doing nothing).
 */
import { dependable, Lazy, TerraformStack, type TerraformResource } from 'cdktf';
import { Construct, type IConstruct } from 'constructs';
import { encodeResourceTriggers } from '../model';
import { backingOf } from './backing';
import { escapeTriggers } from './escape';
import { createBackingResource } from './media-resource';
import type { IMediaBucket } from './media-bucket';
import { triggerSizeProblems } from './trigger-size';

/** The construct id of the stack's template set. */
export const TEMPLATE_SET_ID = 'CosMediaTemplates';

interface BucketEntry {
  readonly bucket: string;
  readonly region: string;
  readonly constructs: string[];
}

/** The stack-level list of the templates a stack declares (see the file comment). */
export class CosMediaTemplates extends Construct {
  readonly resource: TerraformResource;
  readonly #buckets = new Map<string, BucketEntry>();
  readonly #stackName: string;

  /** The template set of the stack that holds `scope`, created on first use with the endpoint of that bucket. */
  static of(scope: IConstruct, bucket: IMediaBucket): CosMediaTemplates {
    const stack = TerraformStack.of(scope);
    const found = stack.node.tryFindChild(TEMPLATE_SET_ID);
    if (found instanceof CosMediaTemplates) return found;
    return new CosMediaTemplates(stack, bucket.endpoint);
  }

  private constructor(stack: TerraformStack, endpoint: string | undefined) {
    super(stack, TEMPLATE_SET_ID);
    this.#stackName = stack.node.path;
    const backing = backingOf(this);
    const value = Lazy.anyValue({ produce: () => escapeTriggers(this.triggers()) }) as unknown as Record<string, string>;
    this.resource = createBackingResource(this, backing, value, { endpoint });
    // The list grows with every template of the stack: the same size limit as every other resource's triggers.
    this.node.addValidation({
      validate: () =>
        triggerSizeProblems(this.triggers(), 'split the templates over more stacks').map(
          (p) => `${this.node.path}: \`${p.path}\` ${p.rule}`,
        ),
    });
  }

  /** Declares the template of `construct` (a template construct) in `bucket`, and orders this resource after it. */
  add(construct: IConstruct & { readonly resource: TerraformResource }, bucket: IMediaBucket): void {
    const key = `${bucket.bucketName}\n${bucket.region}`;
    let entry = this.#buckets.get(key);
    if (!entry) {
      entry = { bucket: bucket.bucketName, region: bucket.region, constructs: [] };
      this.#buckets.set(key, entry);
    }
    entry.constructs.push(construct.node.path);
    this.resource.dependsOn = [...(this.resource.dependsOn ?? []), dependable(construct.resource)];
  }

  /**
   * The trigger map (unescaped): `stack`, `buckets.count`, and per bucket `bucket.<i>` (its name),
   * `bucket.<i>.region` and `bucket.<i>.templates` (the JSON list of the declaring construct paths, sorted).
   */
  triggers(): Record<string, string> {
    const settings: Record<string, string> = { construct: this.node.path, stack: this.#stackName };
    const entries = [...this.#buckets.values()];
    settings['buckets.count'] = String(entries.length);
    entries.forEach((e, i) => {
      settings[`bucket.${i}`] = e.bucket;
      settings[`bucket.${i}.region`] = e.region;
      settings[`bucket.${i}.templates`] = JSON.stringify([...e.constructs].sort());
    });
    return encodeResourceTriggers('template-set', settings);
  }
}
