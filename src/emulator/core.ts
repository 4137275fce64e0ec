/**
 * The emulator without its HTTP server: the store (and its data directory), clock, scheduler, faults, rate
 * limiter and callbacks, wired together. `server.ts` puts HTTP in front of it; tests may drive it directly.
 */
import type { Credentials } from './auth';
import { CallbackSender, type CallbackAttempt } from './callbacks';
import { ManualClock, SystemClock, type Clock } from './clock';
import { FaultInjector, RUN_JOB_OPERATION, type FaultRule } from './faults';
import { Persistence } from './persistence';
import { RateLimiter } from './rate-limit';
import { Scheduler } from './scheduler';
import { Store, type CorruptInputRecord, type JobRecord, type MediaBucketRecord, type QueueRecord, type TemplateRecord } from './state';
import { formatCiTime } from './time';
import { jobDetail, progressOf } from './views';

/** Credentials the emulator accepts when none are configured (part of the public surface: documented in the README). */
export const DEFAULT_SECRET_ID = 'AKIDCOSMEDIAEMULATOR';
export const DEFAULT_SECRET_KEY = 'cos-media-emulator-secret';

export interface EmulatorSettings {
  /** How long a job runs once started. */
  readonly jobDurationMs: number;
  /** `MaxConcurrent` of new default queues. */
  readonly queueMaxConcurrent: number;
  /** `MaxSize` of new default queues. */
  readonly queueMaxSize: number;
  /** Largest object body accepted by PUT Object. */
  readonly maxObjectBytes: number;
  /** Largest XML (or control JSON) body accepted. */
  readonly maxXmlBytes: number;
}

export interface CoreOptions {
  readonly dataDir?: string;
  /** Repair an unreadable data directory instead of refusing to start (`Persistence.open`). */
  readonly repair?: boolean;
  readonly secretId?: string;
  readonly secretKey?: string;
  readonly sessionToken?: string;
  /** A test clock; without one, wall time (which `advance` can still move forward). */
  readonly clock?: Clock;
  /** Requests per second per bucket; unlimited when not set. */
  readonly rateLimit?: number;
  /** Seed of the fault rules' random draws. @default 1 */
  readonly faultSeed?: number;
  readonly settings?: Partial<EmulatorSettings>;
  /** Where warnings (a torn journal line repaired, a failed background write) go. @default stderr */
  readonly warn?: (message: string) => void;
}

export const DEFAULT_SETTINGS: EmulatorSettings = {
  jobDurationMs: 1000,
  queueMaxConcurrent: 10,
  queueMaxSize: 10000,
  maxObjectBytes: 64 * 1024 * 1024,
  maxXmlBytes: 1024 * 1024,
};

/** The JSON of `GET /_emulator/state`: every record, no object bodies, no credentials. */
export interface StateDump {
  readonly clock: { readonly now: number; readonly time: string; readonly manual: boolean };
  readonly buckets: readonly { name: string; region: string; ciBound: boolean; mediaProcessing: boolean; createdAt: number }[];
  readonly objects: readonly { bucket: string; key: string; size: number; etag: string; contentType: string; lastModified: number }[];
  readonly mediaBuckets: readonly MediaBucketRecord[];
  readonly queues: readonly QueueRecord[];
  readonly templates: readonly TemplateRecord[];
  readonly jobs: readonly (JobRecord & { readonly progress: number })[];
  readonly corruptInputs: readonly CorruptInputRecord[];
  readonly faults: { readonly seed: number; readonly rules: readonly FaultRule[] };
  readonly rateLimit: { readonly requestsPerSecond: number | null };
  readonly callbacks: readonly CallbackAttempt[];
}

export class EmulatorCore {
  readonly store: Store;
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  readonly faults: FaultInjector;
  readonly rateLimiter: RateLimiter;
  readonly callbacks: CallbackSender;
  readonly settings: EmulatorSettings;
  readonly credentials: Credentials;
  private readonly warn: (message: string) => void;

  private constructor(
    options: CoreOptions,
    private readonly persistence: Persistence | undefined,
    clock: Clock,
  ) {
    this.warn = options.warn ?? ((m) => process.stderr.write(`cos-media emulator: ${m}\n`));
    this.settings = { ...DEFAULT_SETTINGS, ...options.settings };
    this.credentials = {
      secretId: options.secretId ?? process.env.TENCENTCLOUD_SECRET_ID ?? DEFAULT_SECRET_ID,
      secretKey: options.secretKey ?? process.env.TENCENTCLOUD_SECRET_KEY ?? DEFAULT_SECRET_KEY,
      sessionToken: options.sessionToken,
    };
    this.store = new Store(persistence);
    this.clock = clock;
    this.faults = new FaultInjector(options.faultSeed ?? 1);
    this.rateLimiter = new RateLimiter(clock, options.rateLimit);
    this.callbacks = new CallbackSender(this.store);
    this.scheduler = new Scheduler(this.store, clock, {
      injectedFailure: (job) => {
        const effect = this.faults.pick(RUN_JOB_OPERATION, 'ci', job.bucket).find((e) => e.type === 'failJob');
        return effect?.type === 'failJob' ? { code: effect.code, message: effect.message ?? `injected failure ${effect.code}` } : undefined;
      },
      onFinished: (job) => this.callbacks.jobFinished(job, jobDetail(job, this.clock.now())),
      onChanged: () => {
        this.store.flush().catch((err: Error) => this.warn(`could not persist job progress: ${err.message}`));
      },
    });
    if (persistence) persistence.snapshotSource = () => this.store.snapshot();
  }

  /** Opens the data directory (if any), loads its state and resumes jobs that were waiting or running. */
  static async create(options: CoreOptions = {}): Promise<EmulatorCore> {
    let persistence: Persistence | undefined;
    let loaded: Awaited<ReturnType<typeof Persistence.open>>['loaded'] | undefined;
    if (options.dataDir !== undefined) ({ persistence, loaded } = await Persistence.open(options.dataDir, { repair: options.repair }));
    const savedOffset = loaded?.snapshot.meta.find(([k]) => k === 'clockOffsetMs')?.[1].value ?? 0;
    const clock = options.clock ?? new SystemClock(savedOffset);
    const core = new EmulatorCore(options, persistence, clock);
    if (loaded) {
      core.store.load(loaded.snapshot, loaded.bodies);
      for (const w of loaded.warnings) core.warn(w);
    }
    core.scheduler.poke();
    return core;
  }

  /** Moves the clock forward, runs the jobs that fall due, and waits until their writes and callbacks are done. */
  async advance(ms: number): Promise<void> {
    this.scheduler.advance(ms);
    if (this.clock instanceof SystemClock) this.store.put('meta', 'clockOffsetMs', { value: this.clock.offset });
    await this.store.flush();
    await this.callbacks.settle();
  }

  /** Forgets all state, fault rules and the callback log (the data directory too). */
  async reset(): Promise<void> {
    this.store.reset();
    this.faults.clear();
    this.callbacks.clearLog();
    this.rateLimiter.set(this.rateLimiter.requestsPerSecond);
    await this.store.flush();
  }

  dump(): StateDump {
    const now = this.clock.now();
    return {
      clock: { now, time: formatCiTime(now), manual: !this.clock.realtime },
      buckets: this.store.all('buckets').map((b) => ({ ...b, mediaProcessing: this.store.get('mediaBuckets', b.name) !== undefined })),
      objects: this.store.all('objects').map(({ bucket, key, size, etag, contentType, lastModified }) => ({
        bucket,
        key,
        size,
        etag,
        contentType,
        lastModified,
      })),
      mediaBuckets: this.store.all('mediaBuckets'),
      queues: this.store.all('queues'),
      templates: this.store.all('templates'),
      jobs: this.store.all('jobs').map((j) => ({ ...j, progress: progressOf(j, now) })),
      corruptInputs: this.store.all('corruptInputs'),
      faults: { seed: this.faults.seed, rules: this.faults.list() },
      rateLimit: { requestsPerSecond: this.rateLimiter.requestsPerSecond ?? null },
      callbacks: this.callbacks.log,
    };
  }

  /** Stops the scheduler and closes the data directory after the last write. */
  async close(): Promise<void> {
    this.scheduler.stop();
    await this.callbacks.settle();
    await this.store.flush().catch(() => undefined);
    await this.persistence?.close();
  }
}

export { ManualClock, SystemClock };
