/**
 * The request-rate limiter of a handler run. Every attempt the clients send (retries included) waits for a
 * token here (`acquire`, through the client's `pacer` option), and reports whether the service throttled it.
 *
 * A token bucket: `rate` tokens a second, holding at most a hundredth of a second's worth (at least one), so
 * a request goes at once while the run stays under the rate and waits otherwise; requests that wait go in
 * call order. A run starts with a few more (`STARTUP_TOKENS`, at most one second's worth): the handful of
 * requests one job resource sends (resource record, ledger, intent, POST, record) then go at once instead of
 * 1/rate apart (seven requests at 20/s waited 300 ms, in every provisioner); a batch goes on at the rate. (Spacing every request exactly 1/rate apart, with a timer each, cost a 1,000-job batch a
 * quarter of its time at 1,000 requests/s.) A timer that fires late on a busy event loop finds at most the
 * bucket's few tokens, never a burst.
 *
 * The rate starts at the configured one. When the service answers `SlowDown`, the limiter estimates the rate
 * the service allows from the answers it accepted — since the previous SlowDown (between two SlowDowns its
 * budget went from empty to empty, so what it accepted in between is what it allows), or for the first one
 * since the run started, assuming the service's burst budget is at most one second's worth — and continues a
 * little below that (95 %) with an empty bucket. It then probes upwards slowly (2 % of the estimate per
 * second), so it settles near the allowed rate with one SlowDown every few seconds, instead of halving and
 * overshooting again. A SlowDown answering a request sent before the limiter last slowed down teaches nothing
 * new and changes nothing. Never above the configured rate, and never below an eighth of it: SlowDowns that
 * do not come from our rate (a service busy for other reasons, injected faults) must not slow a batch down to
 * a crawl; beyond that floor the client's own retries (with backoff) take the SlowDowns. Time and sleeping
 * are injectable for tests.
 */
import type { PacerTicket, RequestPacer } from '../client';

export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realLimiterClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The share of the estimated allowed rate to continue at after a SlowDown. */
export const ESTIMATE_MARGIN = 0.95;
/** How fast the rate grows after a SlowDown: this share of the estimate per second. */
export const PROBE_GROWTH_PER_SECOND = 0.02;
/** A SlowDown always slows down at least this much (the estimate may be too generous). */
export const MIN_DECREASE = 0.9;
/** The slowest the limiter goes, requests per second. */
export const MIN_RATE = 0.5;
/** Nor slower than the configured rate divided by this. */
export const FLOOR_DIVISOR = 8;
/** The bucket holds this many seconds' worth of tokens (at least one). */
export const BURST_SECONDS = 0.01;
/** Tokens a run starts with (at most one second's worth): what a single job resource sends. */
export const STARTUP_TOKENS = 8;
/** The shortest wait worth a timer, ms. */
const MIN_SLEEP_MS = 1;
/** The service's burst budget assumed at the first SlowDown, ms of its rate. */
const ASSUMED_BURST_MS = 1000;

export class RateLimiter implements RequestPacer {
  #maxRate: number;
  #rate: number;
  readonly #clock: LimiterClock;
  #firstAt: number | undefined;
  #accepted = 0;
  /** Tokens in the bucket, as of `#refilledAt` (full, plus the startup allowance, before the first request). */
  #tokens = 0;
  #refilledAt: number | undefined;
  /** Callers waiting for a token, in order. */
  #queue: Promise<void> = Promise.resolve();
  #waiting = 0;
  /** The last reaction to a SlowDown: when, the rate it set, the estimate, and `accepted` then. */
  #reaction: { at: number; rate: number; estimate: number; accepted: number } | undefined;
  /** Attempts given a token. */
  requests = 0;
  /** Attempts the service answered SlowDown. */
  slowDowns = 0;

  /** `ratePerSecond` may be `Infinity` (no limit until the service says SlowDown). */
  constructor(ratePerSecond: number, clock: LimiterClock = realLimiterClock) {
    this.#maxRate = ratePerSecond;
    this.#rate = ratePerSecond;
    this.#clock = clock;
  }

  /** The rate tokens come at now, requests per second. */
  get currentRate(): number {
    return this.#rateAt(this.#clock.now());
  }

  /** Caps the rate (a batch's `requestsPerSecond`); what was learned from SlowDowns still holds. */
  limitTo(ratePerSecond: number): void {
    this.#maxRate = ratePerSecond;
    this.#rate = Math.min(this.#rate, ratePerSecond);
  }

  /** Waits for this attempt's token: at once if there is one and nobody is waiting, else in call order. */
  async acquire(): Promise<PacerTicket> {
    const now = this.#clock.now();
    this.#firstAt ??= now;
    this.requests += 1;
    let sentAt: number;
    if (this.#waiting === 0 && this.#take(now)) {
      sentAt = now;
    } else {
      this.#waiting += 1;
      const turn = this.#queue.then(() => this.#wait());
      this.#queue = turn.then(
        () => undefined,
        () => undefined,
      );
      try {
        sentAt = await turn;
      } finally {
        this.#waiting -= 1;
      }
    }
    return {
      answered: () => {
        this.#accepted += 1;
      },
      throttled: () => this.#onSlowDown(sentAt),
    };
  }

  /** Takes a token if there is one (always, while unlimited). */
  #take(now: number): boolean {
    const rate = this.#rateAt(now);
    if (!Number.isFinite(rate)) return true;
    const capacity = Math.max(1, rate * BURST_SECONDS);
    // What is left of the startup allowance is spent first; no refill beyond the bucket's own capacity.
    this.#tokens =
      this.#refilledAt === undefined
        ? Math.max(capacity, Math.min(STARTUP_TOKENS, rate))
        : Math.min(Math.max(capacity, this.#tokens), this.#tokens + ((now - this.#refilledAt) * rate) / 1000);
    this.#refilledAt = now;
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }

  /** Sleeps until there is a token (the rate may change meanwhile); returns when it was taken. */
  async #wait(): Promise<number> {
    for (;;) {
      const now = this.#clock.now();
      if (this.#take(now)) return now;
      const ms = ((1 - this.#tokens) * 1000) / this.#rateAt(now);
      // Timers cannot wait less than a millisecond.
      await this.#clock.sleep(Math.max(MIN_SLEEP_MS, ms));
    }
  }

  #rateAt(now: number): number {
    const r = this.#reaction;
    if (r === undefined) return this.#rate;
    const grown = r.rate + (PROBE_GROWTH_PER_SECOND * r.estimate * Math.max(0, now - r.at)) / 1000;
    return Math.min(this.#maxRate, grown);
  }

  #onSlowDown(sentAt: number): void {
    this.slowDowns += 1;
    const now = this.#clock.now();
    const last = this.#reaction;
    if (last !== undefined && sentAt < last.at) return;
    const current = this.#rateAt(now);
    let estimate: number;
    if (last !== undefined) {
      estimate = ((this.#accepted - last.accepted) * 1000) / Math.max(1, now - last.at);
    } else {
      estimate = (this.#accepted * 1000) / (now - (this.#firstAt ?? now) + ASSUMED_BURST_MS);
    }
    const finite = Number.isFinite(current) ? current * MIN_DECREASE : Infinity;
    const floor = Number.isFinite(this.#maxRate) ? Math.max(MIN_RATE, this.#maxRate / FLOOR_DIVISOR) : MIN_RATE;
    const rate = Math.max(floor, Math.min(finite, estimate * ESTIMATE_MARGIN, this.#maxRate));
    this.#rate = rate;
    this.#reaction = { at: now, rate, estimate: Math.max(estimate, MIN_RATE), accepted: this.#accepted };
    // The service's budget is empty now, and so is ours: the next request waits one interval at the new rate.
    this.#tokens = 0;
    this.#refilledAt = now;
  }
}
