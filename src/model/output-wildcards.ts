/**
 * Output key wildcards of a VideoEnhance job (ci-api.md §8.1 correction, §14 row 1).
 *
 * The "Submit VideoEnhance job" page documents exactly two wildcards for `Request.Operation.Output.Object`:
 * `${ext}` (the container's extension) and `${jobid}` (the job id). The service expands those. The per-input
 * names `${InputName}`, `${InputNameAndExt}` and `${InputPath}` are documented for workflows only, so
 * cdktf-cos-media expands them itself, from each job's input key, before `POST /jobs`: only `${ext}` and
 * `${jobid}` reach the service.
 *
 * How the per-input names are computed from an input key (decisions, since the workflow page gives only
 * one-line meanings):
 * - `${InputNameAndExt}`: the part after the last `/` (`in/2026.v2/clip.final.mp4` → `clip.final.mp4`). Dots
 *   in directory names never count.
 * - `${InputName}`: that part without its last extension (`clip.final.mp4` → `clip.final`). A name without a
 *   dot (`clip`), with only a leading dot (`.hidden`) or ending with a dot (`clip.`) has no extension and is
 *   kept whole.
 * - `${InputPath}`: the part before the last `/`, without that `/` (`in/2026.v2`). A key without a directory
 *   (`clip.mp4`) has an empty path, and then a `/` written right after `${InputPath}` is dropped with it, so
 *   `${InputPath}/${InputName}` gives `clip`, never `/clip` (an invalid key) or `a//clip`.
 * Names are case-sensitive: `${inputname}` is not a wildcard (and is refused by `checkOutputWildcards`).
 * Known limit: an input key that itself contains the text `${ext}` or `${jobid}` carries it into the expanded
 * key, where the service expands it in turn.
 */
import type { Checker } from './checker';

/** Expanded by the service (the seed page's table). */
export const SERVICE_WILDCARDS = ['ext', 'jobid'] as const;
/** Expanded by cdktf-cos-media from each input key before `POST /jobs`. */
export const PER_INPUT_WILDCARDS = ['InputName', 'InputNameAndExt', 'InputPath'] as const;

const WILDCARD = /\$\{([^}]*)\}/g;

const written = (names: readonly string[]): string => names.map((n) => `\${${n}}`).join(', ');

/** The wildcard names written in a key, in order, repeats included. */
export function wildcardsIn(key: string): string[] {
  return [...key.matchAll(WILDCARD)].map((m) => m[1] as string);
}

/** Whether the key holds a wildcard the handler expands per input. */
export function hasPerInputWildcard(key: string): boolean {
  return wildcardsIn(key).some((n) => (PER_INPUT_WILDCARDS as readonly string[]).includes(n));
}

/** The values of the per-input wildcards for one input key (see the file comment for the edge cases). */
export function perInputValues(inputKey: string): { InputName: string; InputNameAndExt: string; InputPath: string } {
  const slash = inputKey.lastIndexOf('/');
  const nameAndExt = inputKey.slice(slash + 1);
  const dot = nameAndExt.lastIndexOf('.');
  const hasExt = dot > 0 && dot < nameAndExt.length - 1;
  return {
    InputName: hasExt ? nameAndExt.slice(0, dot) : nameAndExt,
    InputNameAndExt: nameAndExt,
    InputPath: slash >= 0 ? inputKey.slice(0, slash) : '',
  };
}

/**
 * `pattern` with `${InputName}`, `${InputNameAndExt}` and `${InputPath}` replaced from `inputKey`; every other
 * `${…}` (notably `${ext}` and `${jobid}`, which the service expands) is left as written.
 */
export function expandPerInputWildcards(pattern: string, inputKey: string): string {
  if (!pattern.includes('${')) return pattern;
  const values = perInputValues(inputKey);
  let out = pattern;
  if (values.InputPath === '') out = out.split('${InputPath}/').join('');
  return out.replace(WILDCARD, (whole, name: string) => (name in values ? values[name as keyof typeof values] : whole));
}

/**
 * Rule: an output key uses only the documented wildcards: `${ext}` and `${jobid}` (the service's) and the
 * per-input ones the handler expands. Any other `${…}` (`${Ext}`, `${Jobid}`, `${RunId}`, a typo) would be
 * written literally into the key by the service, so it is refused.
 */
export function checkOutputWildcards(c: Checker, key: unknown, path: string): void {
  if (typeof key !== 'string' || !c.isKnown(key)) return;
  const allowed: readonly string[] = [...SERVICE_WILDCARDS, ...PER_INPUT_WILDCARDS];
  const unknown = [...new Set(wildcardsIn(key).filter((n) => !allowed.includes(n)))];
  if (unknown.length > 0) {
    c.add(
      path,
      `must use only the wildcards ${written(SERVICE_WILDCARDS)} (expanded by the service) and ${written(PER_INPUT_WILDCARDS)} ` +
        `(expanded by cdktf-cos-media from each input key); the service would write ${written(unknown)} literally`,
      key,
    );
  }
}
