/**
 * Unknown props are errors at every level, with a "did you mean" for near misses (`deleteOnDestory` →
 * `deleteOnDestroy`): a misspelt optional prop would otherwise be silently ignored.
 *
 * Props of ours are checked against a shape (`PropShape<T>` lists every key of `T`, so tsc fails when a prop is
 * added to an interface and not here). The VideoEnhance parameters are not listed: they become the wire spec
 * mechanically, and the model rejects an unknown element there; `withDidYouMean` adds the suggestion to that
 * problem.
 */
import { Token } from 'cdktf';
import type { Problem } from '../model';
import { toPropName } from './wire-names';

/** `true`: any value (checked elsewhere); a nested shape: a plain object whose keys are checked too. */
export type PropShape<T> = { readonly [K in keyof Required<T>]-?: true | PropShape<NonNullable<T[K]>> };

/** Edit distance (insertions, deletions, substitutions), two rows at a time. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    prev = row;
  }
  return prev[b.length] as number;
}

/** The known name nearest to `name`, when it is near enough to be a slip (case-insensitive, ≤ 1/3 of its length). */
export function nearest(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(name.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

function unknownRule(name: string, known: readonly string[]): string {
  const guess = nearest(name, known);
  const list = `known here: ${[...known].sort().join(', ')}`;
  return guess ? `is not a known prop (did you mean \`${guess}\`? ${list})` : `is not a known prop (${list})`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Token.isUnresolved(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A value safe to print: constructs by their path, objects that cannot be serialized by their type. */
function shown(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const node = (value as { node?: { path?: unknown } }).node;
  if (node && typeof node.path === 'string') return `construct ${node.path}`;
  try {
    JSON.stringify(value);
    return value;
  } catch {
    return `a ${(value.constructor as { name?: string } | undefined)?.name ?? 'value'}`;
  }
}

/** Every key of `props` (at any level of `shape`) that the shape does not list, as problems under `prefix`. */
export function unknownProps<T>(props: T, shape: PropShape<T>, prefix = ''): Problem[] {
  if (!isPlainObject(props)) return [];
  const problems: Problem[] = [];
  const known = Object.keys(shape);
  for (const [key, value] of Object.entries(props)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const sub = (shape as Record<string, unknown>)[key];
    if (sub === undefined) problems.push({ path, rule: unknownRule(key, known), value: shown(value) });
    else if (sub !== true) problems.push(...unknownProps(value, sub as PropShape<unknown>, path));
  }
  return problems;
}

const UNKNOWN_ELEMENT = /^is not a known element \(known here: (.*)\)$/;

/** A model problem about an unknown element, in prop names and with a "did you mean"; others unchanged. */
export function withDidYouMean(p: Problem): Problem {
  const m = UNKNOWN_ELEMENT.exec(p.rule);
  if (!m) return p;
  const name = p.path.split('.').pop() as string;
  const known = (m[1] as string).split(', ').map(toPropName);
  return { ...p, rule: unknownRule(name, known) };
}
