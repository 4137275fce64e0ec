/**
 * V8 flags set while the handler runs (`v8.setFlagsFromString`). V8 refuses a code cache made under other
 * flags than the ones the loading process started with, so a cache created after such a change would be
 * refused by every later run, which would then write it again: whoever changes a flag goes through here, and
 * code-cache.ts writes no cache for that run (it still loads the core with the cache it found).
 *
 * The mark lives on `globalThis` under a registered symbol: the entry and the core are two bundles, each with
 * its own copy of this module.
 */
const CHANGED = Symbol.for('cdktf-cos-media.v8-flags-changed-at-run-time');

/** Sets V8 `flags` for the rest of the process; false (and nothing changed) where they cannot be set. */
export function setV8FlagsAtRunTime(flags: string): boolean {
  try {
    (globalThis as Record<symbol, unknown>)[CHANGED] = true;
    (require('node:v8') as typeof import('node:v8')).setFlagsFromString(flags);
    return true;
  } catch {
    return false;
  }
}

/** Whether this process changed a V8 flag since it started. */
export function v8FlagsChangedAtRunTime(): boolean {
  return (globalThis as Record<symbol, unknown>)[CHANGED] === true;
}
