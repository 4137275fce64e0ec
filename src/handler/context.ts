/**
 * What every handler operation gets: the decoded triggers, clients per region (credentials and endpoint
 * from the environment only), output, time and the results directory. Built once per run by `main.ts`;
 * tests build it with their own environment.
 */
import { CosMediaClient } from '../client';
import type { ResourceTriggers } from '../model';
import { HandlerFailure } from './failure';
import { RateLimiter } from './rate-limiter';
import { resultsDir } from './results';

export type Env = Readonly<Record<string, string | undefined>>;

export interface HandlerContext {
  readonly operation: 'create' | 'delete';
  readonly triggers: ResourceTriggers;
  /** A client for `region`, shared within the run; every request it sends is paced by `limiter`. */
  client(region: string): CosMediaClient;
  /**
   * The run's request-rate limiter, shared by all its clients: unlimited until a batch sets its
   * `requestsPerSecond` or the service answers SlowDown.
   */
  readonly limiter: RateLimiter;
  /** One line of progress to stdout. */
  log(line: string): void;
  now(): number;
  sleep(ms: number): Promise<void>;
  readonly resultsDir: string;
  /** First poll interval while waiting for jobs, ms (`COS_MEDIA_POLL_INTERVAL_MS`, default 2000). */
  readonly pollIntervalMs: number;
  /** Longest poll interval, ms (`COS_MEDIA_POLL_MAX_INTERVAL_MS`, default 15000). */
  readonly pollMaxIntervalMs: number;
  /** Interval between batch progress lines, ms (`COS_MEDIA_PROGRESS_INTERVAL_MS`, default 5000). */
  readonly progressIntervalMs: number;
  /**
   * How long after a `POST /jobs` was sent its job may still appear (`COS_MEDIA_SUBMIT_SETTLE_MS`, default
   * 60000: the client's 30 s response timeout and as much again). A submission whose outcome is unknown is
   * not sent again before this much time has passed without its job showing up.
   */
  readonly submitSettleMs: number;
  /**
   * The id of the Terraform object whose provisioner runs (`COS_MEDIA_RESOURCE_ID`, set to `${self.id}` by the
   * constructs); a replacement has a new one. Undefined for stacks synthesized by an earlier version.
   */
  readonly resourceId: string | undefined;
  close(): Promise<void>;
}

function intFromEnv(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new HandlerFailure(`${name} must be a non-negative integer, got ${JSON.stringify(raw)}`, 2);
  return n;
}

export function createContext(
  operation: 'create' | 'delete',
  triggers: ResourceTriggers,
  env: Env,
  log: (line: string) => void,
): HandlerContext {
  const clients = new Map<string, CosMediaClient>();
  const limiter = new RateLimiter(Infinity);
  const headersMs = intFromEnv(env, 'COS_MEDIA_RESPONSE_TIMEOUT_MS', 30_000);
  return {
    operation,
    triggers,
    limiter,
    client(region: string): CosMediaClient {
      let c = clients.get(region);
      if (!c) {
        // COS_MEDIA_RESPONSE_TIMEOUT_MS bounds the whole response (headers and body), however slowly it trickles.
        c = new CosMediaClient({ region, env, pacer: limiter, timeouts: { headersMs, totalMs: headersMs } });
        clients.set(region, c);
      }
      return c;
    },
    log,
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    resultsDir: resultsDir(env),
    pollIntervalMs: intFromEnv(env, 'COS_MEDIA_POLL_INTERVAL_MS', 2000),
    pollMaxIntervalMs: intFromEnv(env, 'COS_MEDIA_POLL_MAX_INTERVAL_MS', 15000),
    progressIntervalMs: intFromEnv(env, 'COS_MEDIA_PROGRESS_INTERVAL_MS', 5000),
    submitSettleMs: intFromEnv(env, 'COS_MEDIA_SUBMIT_SETTLE_MS', 2 * headersMs),
    resourceId: env.COS_MEDIA_RESOURCE_ID === '' ? undefined : env.COS_MEDIA_RESOURCE_ID,
    async close() {
      await Promise.all([...clients.values()].map((c) => c.close()));
    },
  };
}

/** A setting the constructs always write; its absence means the triggers were not made by them. */
export function setting(ctx: HandlerContext, name: string): string {
  const value = ctx.triggers.settings[name];
  if (value === undefined) throw new HandlerFailure(`trigger '${name}' is missing (not synthesized by cdktf-cos-media?)`, 2);
  return value;
}
