import { runChaosCommand } from '../../chaos/main';
import { formatRunTable, summaryLines, summaryMarkdown } from '../../chaos/report';
import { batchInputsFor, clockSeed, seedsText, spread, summarize } from '../../chaos/campaign';
import type { RunResult } from '../../chaos/run';

async function run(args: string[]): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await runChaosCommand(args, (t) => void (text += t));
  return { code, text };
}

const figures = { applies: 2, converged: true, destroys: 1, destroyed: true, jobs: 200, duplicates: 0, missing: 0, strays: 0, cancelled: 0, orphans: 0, absentTemplates: 0, leftoverTemplates: 0 };
const result = (seed: number, over: Partial<RunResult> = {}): RunResult => ({
  seed,
  batchInputs: 200,
  ok: true,
  seconds: 18.4,
  stacks: { batch: figures, templates: { ...figures, applies: 3, jobs: 6 } },
  duplicates: 0,
  missing: 0,
  strays: 0,
  cancelled: 0,
  orphans: 0,
  absentTemplates: 0,
  kills: { handler: 2, emulator: 1 },
  faultRules: 12,
  slowSubmit: false,
  faultsFired: { 'CreateMediaJobs:commitThenDrop': 5, '*:latency': 30 },
  secretScan: { files: 600, bytes: 1000, hits: [] },
  phases: { setup: 1, apply: 10, destroy: 5 },
  problems: [],
  events: [],
  ...over,
});

describe('npm run chaos (arguments)', () => {
  it('prints the usage with --help', async () => {
    const { code, text } = await run(['--help']);
    expect(code).toBe(0);
    expect(text).toContain('--runs N');
  });

  it('fails with status 2 on an unknown option', async () => {
    const { code, text } = await run(['--rnus', '3']);
    expect(code).toBe(2);
    expect(text).toMatch(/Unknown option '--rnus'/);
  });

  it('fails with status 2 naming every bad value at once', async () => {
    const { code, text } = await run(['--runs', '0', '--inputs', 'many', '--keep', 'sometimes']);
    expect(code).toBe(2);
    expect(text).toContain('--runs must be a whole number of at least 1, got "0"');
    expect(text).toContain('--inputs must be a whole number of at least 2, got "many"');
    expect(text).toContain('--keep must be never, failed or always, got "sometimes"');
  });
});

describe('the campaign report', () => {
  it('prints one row per run with applies and destroys per stack, counts, kills and seconds', () => {
    const table = formatRunTable([result(1), result(2, { ok: false, missing: 3 })]).split('\n');
    expect(table[0]).toMatch(/seed\s+inputs\s+ok\s+slow\s+applies b\/t\s+destroys b\/t\s+jobs\s+dup\s+missing\s+orphans\s+kills h\/e\s+faults\s+secrets\s+s$/);
    expect(table[1]?.trim().split(/\s+/)).toEqual(['1', '200', 'yes', '-', '2/3', '1/1', '206', '0', '0', '0', '2/1', '35', '0', '18.4']);
    expect(table[2]?.trim().split(/\s+/).slice(0, 3)).toEqual(['2', '200', 'NO']);
    expect(table[2]?.trim().split(/\s+/)[8]).toBe('3');
  });

  it('sums the runs, fails the campaign on any failed run, and gives the spread of applies', () => {
    const corpus = { cases: 100, rejectedWell: 100, failures: [] };
    const good = summarize([result(5), result(6)], corpus, 40, 200);
    expect(good).toMatchObject({ runs: 2, failedRuns: 0, firstSeed: 5, jobs: 412, faultsFired: 70, kills: { handler: 4, emulator: 2 }, ok: true });
    expect(good.appliesToConverge.templates).toEqual({ min: 3, median: 3, max: 3 });
    expect(summarize([result(5), result(6, { ok: false })], corpus, 40, 200).ok).toBe(false);
    expect(summarize([result(5)], { cases: 100, rejectedWell: 99, failures: [] }, 40, 200).ok).toBe(false);
    expect(summaryLines(good)).toContain('result: PASS');
    expect(summaryMarkdown(good, 'npm run chaos -- --runs 2 --seed 5')).toContain('| Duplicate jobs | 0 |');
    expect(summaryMarkdown(good, 'npm run chaos -- --runs 2 --seed 5')).toContain('| Jobs cancelled that the configuration still wants | 0 |');
    expect(spread([4, 1, 3, 2])).toEqual({ min: 1, median: 2.5, max: 4 });
  });

  it('lists clock-chosen seeds one by one and counts the runs with a manifest-size batch', () => {
    const corpus = { cases: 1, rejectedWell: 1, failures: [] };
    const s = summarize([result(1732960000123), result(1732960031456, { batchInputs: 237 })], corpus, 40, 200);
    expect(s).toMatchObject({ seeds: [1732960000123, 1732960031456], manifestBatchRuns: 1, batchSizes: { min: 200, max: 237 } });
    expect(summaryLines(s)[0]).toContain('seeds 1732960000123, 1732960031456');
    expect(summaryLines(s)[1]).toBe('batch sizes: 200–237 (median 218.5); runs with a manifest-size batch (over 200 inputs): 1');
    expect(seedsText([5, 6, 7])).toBe('5–7');
  });
});

describe('seeds and batch sizes of the campaign', () => {
  it('takes a different seed from the clock for each run', () => {
    const used = new Set<number>();
    const seeds = [clockSeed(used), clockSeed(used), clockSeed(used)];
    expect(new Set(seeds).size).toBe(3);
    for (const seed of seeds) expect(Math.abs(seed - (Date.now() % 2_147_483_647))).toBeLessThan(60_000);
  });

  it('gives about one run in three a manifest-size batch, the same for the same seed, and none without the option', () => {
    const sizes = Array.from({ length: 300 }, (_, seed) => batchInputsFor(seed, 200, true));
    const manifest = sizes.filter((n) => n > 200);
    expect(manifest.length).toBeGreaterThan(60);
    expect(manifest.length).toBeLessThan(140);
    expect(Math.min(...manifest)).toBeGreaterThanOrEqual(201);
    expect(Math.max(...manifest)).toBeLessThanOrEqual(260);
    expect(sizes.filter((n) => n <= 200).every((n) => n === 200)).toBe(true);
    expect(batchInputsFor(17, 200, true)).toBe(batchInputsFor(17, 200, true));
    expect(Array.from({ length: 50 }, (_, seed) => batchInputsFor(seed, 200, false)).every((n) => n === 200)).toBe(true);
  });
});
