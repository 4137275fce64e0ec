/** Rules of a job's `Output` container (ci-api.md §8.1): where the result is written. */
import { at, Checker, type ValidateOptions } from './checker';
import { JOB_OUTPUT_ORDER } from './element-order';
import type { Problem } from './problems';
import { checkBucketName, checkObjectKey, checkRegion } from './validate-names';

/**
 * Checks one `Output` container at `path` (e.g. `Operation.Output`): a known region, a bucket name that fits
 * that region's domain, and an object key. Wildcards such as `${ext}` in `Object` are counted as written.
 */
export function validateJobOutput(value: unknown, path: string, opts?: ValidateOptions): Problem[] {
  const c = new Checker(opts);
  checkJobOutput(c, value, path, true);
  return c.problems;
}

export function checkJobOutput(c: Checker, value: unknown, path: string, required: boolean): void {
  const o = c.container(value, path, JOB_OUTPUT_ORDER, required);
  if (o === undefined) return;
  const region = checkRegion(c, o.Region, at(path, 'Region'));
  checkBucketName(c, o.Bucket, at(path, 'Bucket'), region);
  checkObjectKey(c, o.Object, at(path, 'Object'));
}
