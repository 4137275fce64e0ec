/**
 * Synth-time conflicts across the whole app (every stack, since resources of two stacks would fight at apply):
 * - two templates with the same name in one bucket (a name is a template's identity: each apply would
 *   overwrite the other's spec, or fail);
 * - two `MediaBucket`s that create (own) the same bucket. References through `MediaBucket.fromBucketName` may
 *   repeat: they never create or delete the bucket.
 * Each construct in a conflict gets a validation error naming the other construct paths. Names that are still
 * tokens are not compared.
 */
import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';

/** What a construct claims: one key per identity (`template media-1250000000 "hd"`). */
const CLAIMS = new WeakMap<IConstruct, string>();

/** How many claims each app root has seen: an index of fewer is stale. */
const CLAIM_COUNTS = new WeakMap<IConstruct, number>();

interface Index {
  readonly claims: number;
  readonly byKey: ReadonlyMap<string, readonly IConstruct[]>;
}

/** Computed once per validation round (all constructs exist by then), recomputed when claims were added. */
const INDEXES = new WeakMap<IConstruct, Index>();

function indexOf(root: IConstruct): Index {
  const claims = CLAIM_COUNTS.get(root) ?? 0;
  const known = INDEXES.get(root);
  if (known?.claims === claims) return known;
  const byKey = new Map<string, IConstruct[]>();
  for (const c of root.node.findAll()) {
    const key = CLAIMS.get(c);
    if (key !== undefined) byKey.set(key, [...(byKey.get(key) ?? []), c]);
  }
  const index = { claims, byKey };
  INDEXES.set(root, index);
  return index;
}

function claim(construct: IConstruct, key: string, what: string): void {
  CLAIMS.set(construct, key);
  const root = construct.node.root;
  CLAIM_COUNTS.set(root, (CLAIM_COUNTS.get(root) ?? 0) + 1);
  construct.node.addValidation({
    validate: () => {
      const others = (indexOf(root).byKey.get(key) ?? []).filter((c) => c !== construct);
      if (others.length === 0) return [];
      return [`${what} is also declared by ${others.map((c) => c.node.path).join(', ')} (in this or another stack of the app); they would fight at apply`];
    },
  });
}

/** A template named `name` in `bucket`: no other template of the app may have that name in that bucket. */
export function claimTemplateName(construct: IConstruct, bucket: string, name: string): void {
  if (Token.isUnresolved(bucket) || Token.isUnresolved(name)) return;
  claim(construct, `template\0${bucket}\0${name}`, `template name "${name}" in bucket ${bucket}`);
}

/** A `MediaBucket` that owns (creates) `bucket`: no other construct of the app may own it. */
export function claimBucket(construct: IConstruct, bucket: string): void {
  if (Token.isUnresolved(bucket)) return;
  claim(construct, `bucket\0${bucket}`, `MediaBucket for bucket ${bucket}`);
}
