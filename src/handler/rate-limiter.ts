/**
 * A request-rate limiter for batches: a token bucket at `ratePerSecond`, which halves its rate when the
 * service answers `SlowDown` and creeps back up while requests succeed (additive increase, multiplicative
 * decrease), never above the configured rate. Time and sleeping are injectable for tests.
 */
export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realLimiterClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class RateLimiter {
  private readonly maxRate: number;
  private rate: number;
  private nextAt = 0;
  private readonly clock: LimiterClock;
  /** How many times the service said SlowDown. */
  slowDowns = 0;

  constructor(ratePerSecond: number, clock: LimiterClock = realLimiterClock) {
    this.maxRate = ratePerSecond;
    this.rate = ratePerSecond;
    this.clock = clock;
  }

  get currentRate(): number {
    return this.rate;
  }

  /** Waits for this request's slot. Slots are handed out in call order, spaced 1/rate apart. */
  async acquire(): Promise<void> {
    const now = this.clock.now();
    const at = Math.max(now, this.nextAt);
    this.nextAt = at + 1000 / this.rate;
    if (at > now) await this.clock.sleep(at - now);
  }

  /** The service said SlowDown: halve the rate and pause the next slots for one new interval. */
  onSlowDown(): void {
    this.slowDowns += 1;
    this.rate = Math.max(this.maxRate / 64, this.rate / 2);
    this.nextAt = Math.max(this.nextAt, this.clock.now() + 1000 / this.rate);
  }

  /** A request went through: raise the rate a little, up to the configured one. */
  onSuccess(): void {
    if (this.rate < this.maxRate) this.rate = Math.min(this.maxRate, this.rate + this.maxRate / 50);
  }
}
