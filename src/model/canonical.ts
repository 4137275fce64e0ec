/**
 * The canonical form of a request spec: what "the same spec" means for hashing, the trigger map and
 * comparing a local spec with what the service echoes back.
 *
 * - Keys in documented order (`SPEC_ORDER`); elements no table knows follow, sorted by name, so the result
 *   does not depend on how the object was built.
 * - `undefined` members and empty lists are removed: neither can be told apart from "absent" on the wire.
 * - An empty or whitespace-only string where the order table has a container becomes `{}`: that is how an
 *   empty `<FrameEnhance/>` (or a pretty-printed empty one) parses, and it means the same as `{}`.
 * - Nothing else changes: no trimming, no defaults filled in, strings stay strings.
 */
import { createHash } from 'node:crypto';
import { SPEC_ORDER } from './element-order';
import type { ElementOrder } from './xml';

/** Returns the canonical copy of `spec` (see the file comment); `order` defaults to every request's order. */
export function canonicalize<T>(spec: T, order: ElementOrder = SPEC_ORDER): T {
  return canonicalValue(spec, order) as T;
}

function canonicalValue(value: unknown, order: ElementOrder | true | undefined): unknown {
  if (Array.isArray(value)) {
    return value.filter((v) => v !== undefined).map((v) => canonicalValue(v, order));
  }
  if (typeof value === 'string') {
    return typeof order === 'object' && value.trim() === '' ? {} : value;
  }
  if (typeof value !== 'object' || value === null) return value;

  const obj = value as Record<string, unknown>;
  const table = typeof order === 'object' ? order : {};
  const known = Object.keys(table).filter((k) => k in obj);
  const unknown = Object.keys(obj)
    .filter((k) => !(k in table))
    .sort();
  const out: Record<string, unknown> = {};
  for (const key of [...known, ...unknown]) {
    const child = obj[key];
    if (child === undefined) continue;
    if (Array.isArray(child) && child.every((v) => v === undefined)) continue;
    out[key] = canonicalValue(child, table[key]);
  }
  return out;
}

/** Hex sha256 of the canonical spec's JSON: equal for specs that mean the same request. */
export function specSha256(spec: unknown, order: ElementOrder = SPEC_ORDER): string {
  const json = JSON.stringify(canonicalize(spec, order)) ?? 'null';
  return createHash('sha256').update(json, 'utf8').digest('hex');
}
