/** Input checks shared by the operations: every problem collected, one `SpecValidationError` thrown. */
import { SpecValidationError, type Problem } from '../../model/problems';
import { bucketProblems } from '../endpoints';

/** Throws one error listing every problem, with the operation as subject. */
export function check(operation: string, problems: readonly Problem[]): void {
  if (problems.length > 0) throw new SpecValidationError(problems, operation);
}

/** An id that is one path segment of letters, digits, `_` and `-` (job, template and queue ids). */
export function idProblems(value: unknown, path: string): Problem[] {
  return typeof value === 'string' && /^[A-Za-z0-9_-]+$/.test(value)
    ? []
    : [{ path, rule: 'must be an id of letters, digits, `_` and `-`', value }];
}

export function positiveIntProblems(value: unknown, path: string, max?: number): Problem[] {
  if (value === undefined) return [];
  const ok = typeof value === 'number' && Number.isInteger(value) && value >= 1 && (max === undefined || value <= max);
  return ok ? [] : [{ path, rule: `must be an integer in [1, ${max ?? 'infinity'}]`, value }];
}

export { bucketProblems };

/** The number as query text, or `undefined` to leave the parameter out. */
export function numberParam(value: number | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

/** A list as a comma-separated query value, or `undefined` when absent or empty. */
export function listParam(values: readonly string[] | undefined): string | undefined {
  return values === undefined || values.length === 0 ? undefined : values.join(',');
}

/** The request id of a response: header first, then `<RequestId>` in the body. */
export function requestIdOf(headers: Readonly<Record<string, string>>, bodyId?: string): string | undefined {
  return headers['x-ci-request-id'] ?? headers['x-cos-request-id'] ?? (bodyId || undefined);
}
