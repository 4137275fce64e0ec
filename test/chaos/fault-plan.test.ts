import { startEmulator } from '../../src/emulator';
import { drawFaultRules, drawSlowSubmit } from '../../chaos/fault-plan';
import { Random } from '../../chaos/random';

describe('Random', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = new Random(7);
    const b = new Random(7);
    const c = new Random(8);
    const draw = (r: Random) => Array.from({ length: 20 }, () => r.next());
    const first = draw(a);
    expect(draw(b)).toEqual(first);
    expect(draw(c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('draws whole numbers within both bounds, reaching each', () => {
    const r = new Random(3);
    const seen = new Set(Array.from({ length: 500 }, () => r.int(1, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('forks independent generators: draws from one leave the other unchanged', () => {
    const one = new Random(5);
    const faults = one.fork('faults');
    const expected = new Random(5).fork('kills').next();
    faults.next();
    faults.next();
    expect(one.fork('kills').next()).toBe(expected);
    expect(new Random(5).fork('faults').next()).not.toBe(expected);
  });

  it('fails to pick from an empty list', () => {
    expect(() => new Random(1).pick([])).toThrow(RangeError);
  });
});

describe('drawFaultRules', () => {
  it('draws the same rules for the same seed, and others for another', () => {
    expect(drawFaultRules(new Random(42))).toEqual(drawFaultRules(new Random(42)));
    expect(drawFaultRules(new Random(42))).not.toEqual(drawFaultRules(new Random(43)));
  });

  it('always includes 5xx, SlowDown, resets, latency and commit-then-drop', () => {
    for (let seed = 0; seed < 200; seed++) {
      const rules = drawFaultRules(new Random(seed));
      const kinds = new Set(rules.map((r) => (r.effect.code === 'SlowDown' ? 'SlowDown' : (r.effect.status as number) >= 500 ? '5xx' : r.effect.type)));
      expect([seed, ['5xx', 'SlowDown', 'reset', 'latency', 'commitThenDrop'].filter((k) => !kinds.has(k))]).toEqual([seed, []]);
      for (const r of rules) expect(r.probability).toBeLessThanOrEqual(0.5);
    }
  });

  it('draws rules the emulator accepts', async () => {
    const emulator = await startEmulator({ warn: () => undefined });
    try {
      for (const seed of [1, 2, 3, 4, 5]) {
        const rules = drawFaultRules(new Random(seed));
        expect(emulator.addFaults(...(rules as Parameters<typeof emulator.addFaults>))).toHaveLength(rules.length);
      }
    } finally {
      await emulator.stop();
    }
  });
});

describe('drawSlowSubmit', () => {
  it('holds one submission in about one run in five, past the response timeout and within twice it', () => {
    const drawn = Array.from({ length: 500 }, (_, seed) => drawSlowSubmit(new Random(seed).fork('slow'), 10_000)).filter((r) => r !== undefined);
    expect(drawn.length).toBeGreaterThan(70);
    expect(drawn.length).toBeLessThan(130);
    for (const rule of drawn) {
      expect(rule).toMatchObject({ operation: 'CreateMediaJobs', times: 1, effect: { type: 'latency' } });
      expect(rule.effect.ms).toBeGreaterThan(10_000);
      expect(rule.effect.ms).toBeLessThan(20_000);
    }
  });
});
