/**
 * The name a template construct gets when none is given: `cosmedia-<path words>-<8 hex>`, deterministic from
 * the construct path, valid, at most 64 characters. The handler uses it too: a template under the derived
 * name of the construct that applies it is that construct's own (made by an earlier version of this library).
 */
import { createHash } from 'node:crypto';

export function derivedTemplateName(constructPath: string): string {
  const hash = createHash('sha256').update(constructPath, 'utf8').digest('hex').slice(0, 8);
  const words = constructPath.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  const head = `cosmedia-${words}`.slice(0, 64 - 9);
  return `${head}-${hash}`;
}
