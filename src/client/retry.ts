/**
 * The retry policy: which failures are worth another attempt, and how long to wait (exponential backoff
 * with full jitter, bounded attempts and total time). Clock, randomness and sleep are injectable.
 *
 * Creates (`POST /jobs`, `POST /template`, `POST /mediabucket`) are never retried here; pipeline.ts turns
 * their unknown outcomes into `UnknownOutcomeError`.
 */
import { SpecValidationError, type Problem } from '../model/problems';
import { ConnectionError, TencentApiError, TimeoutError } from './errors';
import { TRANSIENT_CONNECTION_REASONS } from './transport';

/** Milliseconds since the Unix epoch. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export interface RetryOptions {
  /** Attempts in all, the first included. @default 4 */
  readonly maxAttempts?: number;
  /** The backoff cap of the first retry; doubles with each retry. @default 200 */
  readonly baseDelayMs?: number;
  /** The largest backoff cap. @default 5000 */
  readonly maxDelayMs?: number;
  /** No retry starts when its wait would end later than this after the first attempt. @default 60000 */
  readonly maxElapsedMs?: number;
  /** A number in [0, 1). @default Math.random */
  readonly random?: () => number;
  /** @default - a timer */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxElapsedMs: number;
  readonly random: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Fills in defaults; throws one `SpecValidationError` listing every bad number. */
export function retryPolicy(options: RetryOptions = {}): RetryPolicy {
  const policy: RetryPolicy = {
    maxAttempts: options.maxAttempts ?? 4,
    baseDelayMs: options.baseDelayMs ?? 200,
    maxDelayMs: options.maxDelayMs ?? 5000,
    maxElapsedMs: options.maxElapsedMs ?? 60_000,
    random: options.random ?? Math.random,
    sleep: options.sleep ?? realSleep,
  };
  const problems: Problem[] = [];
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    problems.push({ path: 'retry.maxAttempts', rule: 'must be an integer >= 1', value: policy.maxAttempts });
  }
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxElapsedMs'] as const) {
    const v = policy[key];
    if (!Number.isFinite(v) || v < 0) problems.push({ path: `retry.${key}`, rule: 'must be a finite number >= 0', value: v });
  }
  if (problems.length > 0) throw new SpecValidationError(problems, 'client options');
  return policy;
}

/**
 * The wait before retry number `retry` (1 for the first retry): a uniformly random time in
 * `[0, min(maxDelayMs, baseDelayMs * 2^(retry-1)))` ("full jitter").
 */
export function backoffDelay(retry: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  const r = Math.min(Math.max(policy.random(), 0), 1);
  return Math.floor(cap * r);
}

/** Throttling codes: CI answers `429 SlowDown`, COS `503 SlowDown`. */
export function isThrottle(error: TencentApiError): boolean {
  return error.statusCode === 429 || error.code === 'SlowDown';
}

/** Whether a failure of a repeatable (non-create) request is worth another attempt. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof TimeoutError) return true;
  if (error instanceof ConnectionError) return TRANSIENT_CONNECTION_REASONS.has(error.reason);
  if (error instanceof TencentApiError) return error.statusCode >= 500 || isThrottle(error);
  return false;
}

/** Codes that mean "your clock is off": COS `RequestTimeTooSkewed`, CI `SignatureExpired` (ci-api.md §2.5). */
export function isClockSkew(error: TencentApiError): boolean {
  return (
    error.code === 'RequestTimeTooSkewed' ||
    error.code === 'SignatureExpired' ||
    // COS reports an expired signature as 403 AccessDenied with the message "Request has expired" (§2.5).
    (error.statusCode === 403 && /request has expired/i.test(error.serverMessage))
  );
}
