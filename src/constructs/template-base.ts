/**
 * What the two template constructs share: a name (given, or derived from the construct path), the bucket
 * they live in, and what jobs need to refer to them.
 */
import { createHash } from 'node:crypto';
import type { IConstruct } from 'constructs';
import type { IMediaBucket } from './media-bucket';
import type { IMediaDependable } from './media-resource';

export interface ITemplate extends IMediaDependable {
  /** The template's name: its identity (ids are assigned by the service at apply time). */
  readonly templateName: string;
  readonly bucket: IMediaBucket;
  /** Changes whenever the template's spec changes; jobs carry it so that they are re-submitted with it. */
  readonly specSha256: string;
}

export interface TemplateProps {
  /** The media bucket the template lives in. */
  readonly bucket: IMediaBucket;
  /**
   * Template name: the template's identity. At most 64 characters: CJK, letters, digits, `_`, `-`, `*`.
   * @default - derived from the construct path, stable across synths
   */
  readonly name?: string;
  /**
   * Take over a template of the same name whose spec differs (it is updated to this spec). Without it, such
   * a template is an error on apply; an identical one is always adopted.
   * @default false
   */
  readonly takeOver?: boolean;
}

/** `cosmedia-<path words>-<8 hex>`: deterministic, valid, ≤ 64 characters. */
export function deriveTemplateName(scope: IConstruct): string {
  const path = scope.node.path;
  const hash = createHash('sha256').update(path, 'utf8').digest('hex').slice(0, 8);
  const words = path.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  const head = `cosmedia-${words}`.slice(0, 64 - 9);
  return `${head}-${hash}`;
}
