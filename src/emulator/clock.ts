/**
 * The emulator's notion of "now" for job pacing, timestamps and rate limiting.
 *
 * Tests inject a `ManualClock` and move it with `advance(ms)`; a running emulator uses a `SystemClock`
 * (wall time plus an offset, so `POST /_emulator/clock` can still jump ahead). Signature time windows are
 * checked against the wall clock, never against this one, so moving it does not expire clients' signatures.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** Moves time forward by `ms` (≥ 0). */
  advance(ms: number): void;
  /** True when time also moves by itself, so the scheduler must set timers. */
  readonly realtime: boolean;
}

/** Wall time plus an offset that only grows. */
export class SystemClock implements Clock {
  readonly realtime = true;
  private offsetMs: number;

  constructor(offsetMs = 0) {
    this.offsetMs = Math.max(0, offsetMs);
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += Math.max(0, ms);
  }

  /** The offset added to wall time (persisted, so a restart never moves time backwards). */
  get offset(): number {
    return this.offsetMs;
  }
}

/** A clock that moves only when told to: the test clock. */
export class ManualClock implements Clock {
  readonly realtime = false;
  private current: number;

  constructor(startMs: number = Date.now()) {
    this.current = startMs;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): void {
    this.current += Math.max(0, ms);
  }
}
