/**
 * A caller-side request-rate limiter the client consults on every attempt it sends, its own retries
 * included, and tells how the service answered. The handler's `RateLimiter` is one; the client works the
 * same without any.
 */
export interface RequestPacer {
  /** Resolves when the next attempt may be sent; the ticket reports that attempt's answer. */
  acquire(): Promise<PacerTicket>;
}

export interface PacerTicket {
  /** The service answered, with anything but a throttling error. */
  answered(): void;
  /** The service refused the attempt as too many requests (HTTP 429, or the code `SlowDown`). */
  throttled(): void;
}
