import { ESTIMATE_MARGIN, PROBE_GROWTH_PER_SECOND, RateLimiter, STARTUP_TOKENS, type LimiterClock } from '../../src/handler/rate-limiter';

/** A clock that only moves when the limiter sleeps or the test says so. */
class FakeClock implements LimiterClock {
  t = 1_000_000;
  readonly sleeps: number[] = [];
  now(): number {
    return this.t;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.t += ms;
  }
}

describe('RateLimiter', () => {
  it('lets the startup allowance go at once, then hands out slots spaced 1/rate apart at the configured rate', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(10, clock);
    const start = clock.t;
    for (let i = 0; i < STARTUP_TOKENS; i++) (await limiter.acquire()).answered();
    expect(clock.t - start).toBe(0);
    for (let i = 0; i < 5; i++) (await limiter.acquire()).answered();
    expect(clock.t - start).toBe(500);
    expect(clock.sleeps).toEqual([100, 100, 100, 100, 100]);
    expect(limiter.requests).toBe(STARTUP_TOKENS + 5);
  });

  it('starts with at most one second of requests at once', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(2, clock);
    const start = clock.t;
    for (let i = 0; i < 4; i++) (await limiter.acquire()).answered();
    expect(clock.sleeps).toEqual([500, 500]);
    expect(clock.t - start).toBe(1000);
  });

  it('does not wait at all while unlimited and never throttled', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(Infinity, clock);
    for (let i = 0; i < 100; i++) (await limiter.acquire()).answered();
    expect(clock.sleeps).toEqual([]);
  });

  it('continues just below the rate the service accepted after the first SlowDown, allowing it a one-second burst', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(200, clock);
    const start = clock.t;
    for (let i = 0; i < 99; i++) (await limiter.acquire()).answered();
    clock.t += 5;
    (await limiter.acquire()).throttled();
    expect(limiter.slowDowns).toBe(1);
    // 99 answers in the time since the first request, plus the one second of burst the service may have allowed.
    expect(limiter.currentRate).toBeCloseTo(ESTIMATE_MARGIN * (99 / ((clock.t - start) / 1000 + 1)), 5);
  });

  it('always slows down at least 10 %, even when the answers suggest a higher rate', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(100, clock);
    for (let i = 0; i < 100; i++) (await limiter.acquire()).answered();
    const inFlight = [];
    for (let i = 0; i < 20; i++) inFlight.push(await limiter.acquire());
    (await limiter.acquire()).throttled();
    const slowed = limiter.currentRate;
    // 20 answers to earlier requests arrive at once, then the next request is throttled too: 20 answers in
    // a few ms would mean hundreds per second, but the limiter still slows down by 10 %.
    for (const t of inFlight) t.answered();
    const next = await limiter.acquire();
    next.throttled();
    expect(limiter.currentRate).toBeCloseTo(slowed * 0.9, 1);
  });

  it('learns the allowed rate from the answers accepted between two SlowDowns', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(100, clock);
    for (let i = 0; i < 150; i++) (await limiter.acquire()).answered();
    (await limiter.acquire()).throttled();
    const first = clock.t;
    // 40 more requests, of which the service answered 30 (the others failed on the way).
    for (let i = 0; i < 40; i++) {
      const ticket = await limiter.acquire();
      if (i % 4 !== 0) ticket.answered();
    }
    const last = await limiter.acquire();
    const window = clock.t - first;
    last.throttled();
    expect(limiter.currentRate).toBeCloseTo(ESTIMATE_MARGIN * ((30 * 1000) / window), 5);
  });

  it('changes nothing on a SlowDown answering a request sent before it last slowed down', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(100, clock);
    for (let i = 0; i < 50; i++) (await limiter.acquire()).answered();
    const early = await limiter.acquire();
    (await limiter.acquire()).throttled();
    const rate = limiter.currentRate;
    early.throttled();
    expect(limiter.slowDowns).toBe(2);
    expect(limiter.currentRate).toBe(rate);
  });

  it('probes upwards slowly after a SlowDown, never above the configured rate', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(60, clock);
    for (let i = 0; i < 75; i++) (await limiter.acquire()).answered();
    (await limiter.acquire()).throttled();
    const after = limiter.currentRate;
    const estimate = after / ESTIMATE_MARGIN;
    clock.t += 5000;
    expect(limiter.currentRate).toBeCloseTo(after + 5 * PROBE_GROWTH_PER_SECOND * estimate, 5);
    clock.t += 3_600_000;
    expect(limiter.currentRate).toBe(60);
  });

  it('waits one new interval after a SlowDown before the next slot', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(1000, clock);
    for (let i = 0; i < 10; i++) (await limiter.acquire()).answered();
    (await limiter.acquire()).throttled();
    const at = clock.t;
    await limiter.acquire();
    expect(clock.t - at).toBeCloseTo(1000 / limiter.currentRate, 0);
  });

  it('caps the rate with limitTo', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(Infinity, clock);
    limiter.limitTo(4);
    const start = clock.t;
    // One second's worth at once (the startup allowance), then 1/4 s apart.
    for (let i = 0; i < 6; i++) await limiter.acquire();
    expect(clock.t - start).toBe(500);
  });
});

describe('RateLimiter under SlowDowns that do not come from its rate', () => {
  it('never goes below an eighth of the configured rate', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(400, clock);
    for (let i = 0; i < 200; i++) {
      const ticket = await limiter.acquire();
      if (i % 10 === 9) ticket.throttled();
      else ticket.answered();
    }
    expect(limiter.currentRate).toBeGreaterThanOrEqual(50);
  });
});

describe('RateLimiter with requests waiting for their slots', () => {
  /** Sleeps end only when the test moves the clock. */
  class ManualClock implements LimiterClock {
    t = 0;
    private timers: Array<{ at: number; resolve(): void }> = [];
    now(): number {
      return this.t;
    }
    sleep(ms: number): Promise<void> {
      return new Promise((resolve) => this.timers.push({ at: this.t + ms, resolve }));
    }
    /** Runs every sleep that ends by `t`, in order, letting the limiter go on after each. */
    async advanceTo(t: number): Promise<void> {
      for (;;) {
        await new Promise((r) => setImmediate(r));
        const due = this.timers.filter((x) => x.at <= t).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        this.timers = this.timers.filter((x) => x !== due);
        this.t = due.at;
        due.resolve();
      }
      this.t = t;
    }
  }

  it('recomputes the slots of requests waiting when a SlowDown changes the rate', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(100, clock);
    // 100 answers in the first second, then a request answered SlowDown while 4 more wait for tokens.
    for (let i = 0; i < 100; i++) {
      const ticket = limiter.acquire();
      await clock.advanceTo(i * 10);
      (await ticket).answered();
    }
    // Six more at once empty the bucket; the last one is still on its way when the SlowDown comes.
    const six = [1, 2, 3, 4, 5, 6].map(() => limiter.acquire());
    let got = 0;
    for (const p of six) void p.then(() => (got += 1));
    for (let t = 1000; got < 6; t += 10) await clock.advanceTo(t);
    const sent = (await Promise.all(six))[5] as Awaited<(typeof six)[number]>;
    const released: number[] = [];
    const waiting = [1, 2, 3, 4].map(() => limiter.acquire().then(() => released.push(clock.t)));
    sent.throttled();
    const rate = limiter.currentRate;
    await clock.advanceTo(10_000);
    await Promise.all(waiting);
    expect(rate).toBeLessThan(50);
    // Spaced at the new rate, starting one new interval after the SlowDown.
    const gaps = released.slice(1).map((t, i) => t - (released[i] as number));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(1000 / rate - 1);
  });
});

describe('RateLimiter after a stall', () => {
  /** A clock whose timers fire late, all at once, as on a busy event loop. */
  class LateClock implements LimiterClock {
    t = 0;
    private timers: Array<{ at: number; resolve(): void }> = [];
    now(): number {
      return this.t;
    }
    sleep(ms: number): Promise<void> {
      return new Promise((resolve) => this.timers.push({ at: this.t + ms, resolve }));
    }
    /** Jumps to `t`, then fires every timer due by then (they all see `t`), letting the limiter go on. */
    async jumpTo(t: number): Promise<void> {
      this.t = t;
      for (;;) {
        await new Promise((r) => setImmediate(r));
        const due = this.timers.filter((x) => x.at <= this.t);
        if (due.length === 0) break;
        this.timers = this.timers.filter((x) => !due.includes(x));
        for (const d of due) d.resolve();
      }
    }
  }

  it('does not turn slots that came due while the event loop was busy into a burst', async () => {
    const clock = new LateClock();
    const limiter = new RateLimiter(10, clock);
    for (let i = 0; i < STARTUP_TOKENS; i++) (await limiter.acquire()).answered();
    const released: number[] = [];
    const waiting = [1, 2, 3, 4].map(() => limiter.acquire().then(() => released.push(clock.t)));
    // Their slots were 100, 200, 300 and 400 ms; the event loop was busy until 1,000 ms.
    await clock.jumpTo(1000);
    for (let t = 1000; released.length < 4; t += 10) await clock.jumpTo(t);
    await Promise.all(waiting);
    const gaps = released.slice(1).map((t, i) => t - (released[i] as number));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(50);
  });
});
