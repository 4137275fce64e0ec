/**
 * Runs jobs through `Submitted → Running → Success | Failed` by the emulator's clock.
 *
 * Each queue runs at most `MaxConcurrent` jobs; waiting jobs start by `JobLevel` (2 first), then in
 * submission order; jobs in a paused queue wait as `Pause`. A job ends `durationMs` after it started. A tick
 * replays every event due up to "now" in time order (an end frees a slot, which starts the next job at that
 * instant), so advancing a test clock by an hour gives the same history as waiting an hour.
 *
 * With a real-time clock the scheduler arms a timer for the next end; with a manual clock nothing moves until
 * `advance(ms)`.
 */
import type { Clock } from './clock';
import { finishJob, startJob, type JobFailure } from './domain/job-run';
import type { JobRecord, Store } from './state';

export interface SchedulerHooks {
  /** A fault rule may decide that a job fails (operation `RunMediaJob`). */
  readonly injectedFailure: (job: JobRecord) => JobFailure | undefined;
  /** Called for each job that ended, after the store was updated. */
  readonly onFinished: (job: JobRecord) => void;
  /** Called after a tick changed the store (to flush it). */
  readonly onChanged: () => void;
}

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly hooks: SchedulerHooks,
  ) {}

  /** Something changed (a submission, a queue update): with a real-time clock, run soon. */
  poke(): void {
    if (!this.clock.realtime || this.stopped || this.immediate) return;
    this.immediate = setImmediate(() => {
      this.immediate = undefined;
      this.runDue();
    });
  }

  /** Moves the clock forward by `ms` and runs everything that falls due on the way. */
  advance(ms: number): void {
    this.tick(this.clock.now());
    this.clock.advance(ms);
    this.runDue();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  private runDue(): void {
    if (this.stopped) return;
    this.tick(this.clock.now());
    this.arm();
  }

  /** Replays every end due at or before `now`, starting waiting jobs as slots free up. */
  tick(now: number): void {
    let changed = false;
    for (;;) {
      const next = this.nextEnd();
      if (!next || next.at > now) break;
      const ended = finishJob(this.store, next.job, next.at, this.hooks.injectedFailure(next.job));
      this.hooks.onFinished(ended);
      this.startWaiting(next.at);
      changed = true;
    }
    if (this.startWaiting(now)) changed = true;
    if (changed) this.hooks.onChanged();
  }

  private nextEnd(): { job: JobRecord; at: number } | undefined {
    let best: { job: JobRecord; at: number } | undefined;
    for (const job of this.store.pendingJobs()) {
      if (job.state !== 'Running') continue;
      const at = (job.startedAt ?? 0) + job.durationMs;
      if (!best || at < best.at || (at === best.at && job.seq < best.job.seq)) best = { job, at };
    }
    return best;
  }

  /** Starts waiting jobs (created at or before `at`) in every active queue with a free slot. */
  private startWaiting(at: number): boolean {
    const byQueue = new Map<string, { running: number; waiting: JobRecord[] }>();
    for (const job of this.store.pendingJobs()) {
      const entry = byQueue.get(job.queueId) ?? { running: 0, waiting: [] };
      if (job.state === 'Running') entry.running++;
      else if (job.state === 'Submitted' && job.createdAt <= at) entry.waiting.push(job);
      byQueue.set(job.queueId, entry);
    }
    let started = false;
    for (const [queueId, { running, waiting }] of byQueue) {
      const queue = this.store.get('queues', queueId);
      if (!queue || queue.state !== 'Active' || waiting.length === 0) continue;
      const free = queue.maxConcurrent - running;
      waiting.sort((a, b) => b.jobLevel - a.jobLevel || a.seq - b.seq);
      for (const job of waiting.slice(0, Math.max(0, free))) {
        startJob(this.store, job, at);
        started = true;
      }
    }
    return started;
  }

  private arm(): void {
    if (!this.clock.realtime || this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const next = this.nextEnd();
    if (!next) return;
    const delay = Math.max(0, next.at - this.clock.now());
    // Timers are capped (2^31-1 ms); a longer wait simply re-arms.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.runDue();
    }, Math.min(delay, 2 ** 31 - 1));
  }
}
