import { walkGraph, type Step } from '../../src/local/graph';

const step = (key: string, after: string[] = []): Step<null> => ({ key, after, value: null });

/** Runs the walk with steps that take a few event-loop turns; records start/end order and peak concurrency. */
async function walk(steps: Step<null>[], parallelism: number, failing: string[] = [], shouldStart?: () => boolean) {
  const events: string[] = [];
  let running = 0;
  let peak = 0;
  const outcome = await walkGraph(steps, {
    parallelism,
    shouldStart,
    run: async (s) => {
      events.push(`start ${s.key}`);
      running += 1;
      peak = Math.max(peak, running);
      for (let i = 0; i < 3; i += 1) await new Promise((r) => setImmediate(r));
      running -= 1;
      events.push(`end ${s.key}`);
      if (s.key === 'throws') throw new Error('boom');
      return !failing.includes(s.key);
    },
  });
  return { outcome: Object.fromEntries(outcome), events, peak };
}

describe('walking the step graph', () => {
  it('starts a step only once every step it depends on has succeeded', async () => {
    const { events, outcome } = await walk([step('c', ['a', 'b']), step('a'), step('b', ['a'])], 10);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(outcome).toEqual({ a: 'succeeded', b: 'succeeded', c: 'succeeded' });
  });

  it('runs at most `parallelism` steps at once, earlier steps first', async () => {
    const steps = ['a', 'b', 'c', 'd', 'e'].map((k) => step(k));
    expect((await walk(steps, 2)).peak).toBe(2);
    expect((await walk(steps, 10)).peak).toBe(5);
    const one = await walk(steps, 1);
    expect(one.peak).toBe(1);
    expect(one.events.filter((e) => e.startsWith('start'))).toEqual(['start a', 'start b', 'start c', 'start d', 'start e']);
  });

  it('skips everything downstream of a failed step and still runs independent steps', async () => {
    const { outcome } = await walk([step('a'), step('b', ['a']), step('c', ['b']), step('d'), step('throws'), step('e', ['throws'])], 1, ['a']);
    expect(outcome).toEqual({ a: 'failed', b: 'skipped', c: 'skipped', d: 'succeeded', throws: 'failed', e: 'skipped' });
  });

  it('ignores dependencies on steps that are not in the graph', async () => {
    const { outcome } = await walk([step('a', ['elsewhere'])], 1);
    expect(outcome).toEqual({ a: 'succeeded' });
  });

  it('starts nothing new once told to stop, finishes what runs, and skips the rest', async () => {
    let calls = 0;
    const { outcome } = await walk([step('a'), step('b'), step('c', ['a'])], 1, [], () => (calls += 1) <= 1);
    expect(outcome).toEqual({ a: 'succeeded', b: 'skipped', c: 'skipped' });
  });

  it('fails on a cycle, naming it', async () => {
    await expect(walkGraph([step('a', ['b']), step('b', ['a'])], { parallelism: 1, run: async () => true })).rejects.toThrow(
      'the steps form a cycle: a -> b -> a',
    );
  });
});
