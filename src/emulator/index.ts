/**
 * A local COS + Cloud Infinite media-processing emulator for tests and offline demos. See "The emulator" in README.md.
 *
 * ```ts
 * const emulator = await startEmulator({ clock: new ManualClock() });
 * // point a client at emulator.url, with the real virtual host in `Host`
 * await emulator.advance(1000); // jobs submitted so far run to their end
 * await emulator.stop();
 * ```
 */
import type { AddressInfo } from 'node:net';
import type { Clock } from './clock';
import { EmulatorCore, type EmulatorSettings, type StateDump } from './core';
import type { FaultRule, FaultRuleSpec } from './faults';
import { createServer } from './server';

export { ManualClock, SystemClock, type Clock } from './clock';
export { DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY, EmulatorCore, type EmulatorSettings, type StateDump } from './core';
export type { FaultEffect, FaultRule, FaultRuleSpec } from './faults';
export type { CallbackAttempt } from './callbacks';

export interface EmulatorOptions {
  /** @default 0 (any free port) */
  readonly port?: number;
  /** @default '127.0.0.1' */
  readonly host?: string;
  /** Persist here (every acknowledged write survives `kill -9`). @default - memory only */
  readonly dataDir?: string;
  /**
   * When `dataDir` cannot be read (a corrupt journal line, a truncated snapshot): keep every readable record
   * and move the originals and the rest into `<dataDir>/aside-<time>/`. Without it start-up fails with the
   * file, line and problem, and changes nothing. @default false
   */
  readonly repair?: boolean;
  /** @default TENCENTCLOUD_SECRET_ID, else `AKIDCOSMEDIAEMULATOR` */
  readonly secretId?: string;
  /** @default TENCENTCLOUD_SECRET_KEY, else `cos-media-emulator-secret` */
  readonly secretKey?: string;
  /** Require this temporary-credential token (`x-ci-security-token` / `x-cos-security-token`). @default - none */
  readonly sessionToken?: string;
  /** How long a job runs once started. @default 1000 */
  readonly jobDurationMs?: number;
  /** A test clock (`ManualClock`): jobs then move only on `advance`. @default - wall time */
  readonly clock?: Clock;
  /** Requests per second per bucket before `SlowDown`. @default - unlimited */
  readonly rateLimit?: number;
  /** Seed of probabilistic fault rules. @default 1 */
  readonly faultSeed?: number;
  /** `MaxConcurrent` of new default queues. @default 10 */
  readonly queueMaxConcurrent?: number;
  /** `MaxSize` of new default queues. @default 10000 */
  readonly queueMaxSize?: number;
  /** Largest object a PUT accepts. @default 64 MiB */
  readonly maxObjectBytes?: number;
  /** Largest XML or control body accepted. @default 1 MiB */
  readonly maxXmlBytes?: number;
  /** Where warnings go. @default stderr */
  readonly warn?: (message: string) => void;
}

export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`: the origin to send requests to (with the real virtual host in `Host`). */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** The secret id requests must be signed with (the key is not exposed). */
  readonly secretId: string;
  /** Moves the emulator's clock forward and runs the jobs that fall due; resolves after their writes and callbacks. */
  advance(ms: number): Promise<void>;
  /** The same JSON as `GET /_emulator/state`. */
  state(): StateDump;
  /** Adds fault rules (as `POST /_emulator/faults`). */
  addFaults(...rules: FaultRuleSpec[]): FaultRule[];
  /** Forgets everything (as `POST /_emulator/reset`). */
  reset(): Promise<void>;
  /** The emulator's parts, for tests that need to look deeper. */
  readonly core: EmulatorCore;
  /** Closes the server and the data directory. Safe to call twice. */
  stop(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const settings: Partial<EmulatorSettings> = {
    ...(options.jobDurationMs !== undefined && { jobDurationMs: options.jobDurationMs }),
    ...(options.queueMaxConcurrent !== undefined && { queueMaxConcurrent: options.queueMaxConcurrent }),
    ...(options.queueMaxSize !== undefined && { queueMaxSize: options.queueMaxSize }),
    ...(options.maxObjectBytes !== undefined && { maxObjectBytes: options.maxObjectBytes }),
    ...(options.maxXmlBytes !== undefined && { maxXmlBytes: options.maxXmlBytes }),
  };
  const core = await EmulatorCore.create({
    dataDir: options.dataDir,
    repair: options.repair,
    secretId: options.secretId,
    secretKey: options.secretKey,
    sessionToken: options.sessionToken,
    clock: options.clock,
    rateLimit: options.rateLimit,
    faultSeed: options.faultSeed,
    settings,
    warn: options.warn,
  });
  const server = createServer(core);
  const host = options.host ?? '127.0.0.1';
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await core.close();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  let stopping: Promise<void> | undefined;
  return {
    url,
    port,
    host,
    secretId: core.credentials.secretId,
    advance: (ms) => core.advance(ms),
    state: () => core.dump(),
    addFaults: (...rules) => core.faults.add(rules),
    reset: () => core.reset(),
    core,
    stop: () => {
      stopping ??= (async () => {
        core.scheduler.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await core.close();
      })();
      return stopping;
    },
  };
}
