/**
 * The request-rate limiter of a handler run. Every attempt the clients send (retries included) waits for a
 * slot here (`acquire`, through the client's `pacer` option), and reports whether the service throttled it.
 *
 * Slots are spaced `1 / rate` apart. The rate starts at the configured one. When the service answers
 * `SlowDown`, the limiter estimates the rate the service allows from the answers it accepted — since the
 * previous SlowDown (between two SlowDowns its budget went from empty to empty, so what it accepted in
 * between is what it allows), or for the first one since the run started, assuming the service's burst
 * budget is at most one second's worth — and continues a little below that (95 %). It then probes upwards
 * slowly (2 % of the estimate per second), so it settles near the allowed rate with one SlowDown every few
 * seconds, instead of halving and overshooting again. A SlowDown answering a request sent before the
 * limiter last slowed down teaches nothing new and changes nothing. Never above the configured rate, and
 * never below an eighth of it: SlowDowns that do not come from our rate (a service busy for other reasons,
 * injected faults) must not slow a batch down to a crawl; beyond that floor the client's own retries (with
 * backoff) take the SlowDowns. Time and sleeping are injectable for tests.
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
/** The service's burst budget assumed at the first SlowDown, ms of its rate. */
const ASSUMED_BURST_MS = 1000;

export class RateLimiter implements RequestPacer {
  #maxRate: number;
  #rate: number;
  #nextAt = 0;
  readonly #clock: LimiterClock;
  #firstAt: number | undefined;
  #accepted = 0;
  /** The last reaction to a SlowDown: when, the rate it set, the estimate, and `accepted` then. */
  #reaction: { at: number; rate: number; estimate: number; accepted: number } | undefined;
  /** Changes with every reaction to a SlowDown: a slot being waited for is recomputed. */
  #generation = 0;
  /** Callers waiting for their slot, in order. */
  #queue: Promise<void> = Promise.resolve();
  /** Attempts given a slot. */
  requests = 0;
  /** Attempts the service answered SlowDown. */
  slowDowns = 0;

  /** `ratePerSecond` may be `Infinity` (no limit until the service says SlowDown). */
  constructor(ratePerSecond: number, clock: LimiterClock = realLimiterClock) {
    this.#maxRate = ratePerSecond;
    this.#rate = ratePerSecond;
    this.#clock = clock;
  }

  /** The rate slots are handed out at now, requests per second. */
  get currentRate(): number {
    return this.#rateAt(this.#clock.now());
  }

  /** Caps the rate (a batch's `requestsPerSecond`); what was learned from SlowDowns still holds. */
  limitTo(ratePerSecond: number): void {
    this.#maxRate = ratePerSecond;
    this.#rate = Math.min(this.#rate, ratePerSecond);
  }

  /**
   * Waits for this attempt's slot. Slots are handed out one after the other in call order, spaced 1/rate
   * apart; one being waited for when a SlowDown changes the rate is recomputed at the new rate.
   */
  async acquire(): Promise<PacerTicket> {
    this.#firstAt ??= this.#clock.now();
    this.requests += 1;
    const turn = this.#queue.then(() => this.#slot());
    this.#queue = turn.then(
      () => undefined,
      () => undefined,
    );
    const sentAt = await turn;
    return {
      answered: () => {
        this.#accepted += 1;
      },
      throttled: () => this.#onSlowDown(sentAt),
    };
  }

  /** Sleeps until the next slot and returns when it was released. */
  async #slot(): Promise<number> {
    for (;;) {
      const now = this.#clock.now();
      const generation = this.#generation;
      const rate = this.#rateAt(now);
      if (!Number.isFinite(rate)) return now;
      const interval = 1000 / rate;
      const at = Math.max(now, this.#nextAt);
      if (at > now) await this.#clock.sleep(at - now);
      if (generation !== this.#generation) continue;
      const released = this.#clock.now();
      // The next slot is one interval after this one was due, but never less than half an interval after
      // this one was really released: a late timer (a busy event loop) does not turn into a burst.
      this.#nextAt = Math.max(at + interval, released + interval / 2);
      return released;
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
    // The service's budget is empty now: the next slot is one new interval away, and slots handed out at the
    // old rate are handed out again.
    this.#nextAt = now + 1000 / rate;
    this.#generation += 1;
  }
}
