/**
 * References between constructs cannot be confused with each other: a VideoEnhance template, a watermark
 * template and a media bucket each carry a member the others lack (`templateTag: 'VideoEnhance'`,
 * `templateTag: 'Watermark'`, `bucketName`), so TypeScript refuses one where another is expected, in the
 * style of aws-cdk-lib's `IBucket` and `ITopic`. A JavaScript user (or an `as any`) gets the same check at
 * synth: `referenceProblem` names the prop, the kind expected and the kind given.
 */
import type { Problem } from '../model';

/** The kinds of reference a prop can take. */
export type ReferenceKind = 'VideoEnhance template' | 'watermark template' | 'media bucket';

/** What a construct class a kind stands for is called, for messages. */
const CLASS_OF: Readonly<Record<ReferenceKind, string>> = {
  'VideoEnhance template': 'VideoEnhanceTemplate',
  'watermark template': 'WatermarkTemplate',
  'media bucket': 'MediaBucket',
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The kind of reference `value` is, or undefined when it is none of ours. */
export function referenceKindOf(value: unknown): ReferenceKind | undefined {
  if (!isObject(value)) return undefined;
  if (value.templateTag === 'VideoEnhance' && typeof value.templateName === 'string') return 'VideoEnhance template';
  if (value.templateTag === 'Watermark' && typeof value.templateName === 'string') return 'watermark template';
  if (typeof value.bucketName === 'string' && typeof value.region === 'string') return 'media bucket';
  return undefined;
}

/** Describes a value given where a reference was expected: its kind and construct path, or its type. */
function describe(value: unknown): string {
  const kind = referenceKindOf(value);
  const path = isObject(value) && isObject(value.node) && typeof value.node.path === 'string' ? ` ${value.node.path}` : '';
  if (kind !== undefined) return `a ${kind} (${CLASS_OF[kind]}${path})`;
  if (value === null) return 'null';
  if (isObject(value)) {
    const name = (value.constructor as { name?: string } | undefined)?.name;
    return `${name && name !== 'Object' ? `a ${name}` : 'an object'}${path}`;
  }
  return `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * A problem when `value` is not a reference of kind `expected` (undefined is the caller's business: optional
 * props skip it, required ones are checked with `required`).
 */
export function referenceProblem(prop: string, value: unknown, expected: ReferenceKind, required = false): Problem | undefined {
  if (value === undefined && !required) return undefined;
  if (referenceKindOf(value) === expected) return undefined;
  return { path: prop, rule: `must be a ${expected} (a ${CLASS_OF[expected]})`, value: describe(value) };
}

export function isProblem(p: Problem | undefined): p is Problem {
  return p !== undefined;
}
