/**
 * A requests-per-second budget per bucket (a token bucket holding at most one second's worth), by the
 * emulator's clock, so a test clock makes it deterministic. Over budget: `SlowDown` (see `slowDown`).
 */
import type { Clock } from './clock';

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly clock: Clock,
    private perSecond?: number,
  ) {}

  get requestsPerSecond(): number | undefined {
    return this.perSecond;
  }

  /** `undefined` turns limiting off. */
  set(perSecond: number | undefined): void {
    this.perSecond = perSecond;
    this.buckets.clear();
  }

  /** Spends one request of `key`'s budget; false when there is none left. */
  take(key: string): boolean {
    const rate = this.perSecond;
    if (rate === undefined) return true;
    const now = this.clock.now();
    const entry = this.buckets.get(key) ?? { tokens: rate, at: now };
    const tokens = Math.min(rate, entry.tokens + ((now - entry.at) / 1000) * rate);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now });
      return false;
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now });
    return true;
  }
}
