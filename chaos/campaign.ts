/**
 * The campaign: seeded runs one after another (seed, seed + 1, …, or a seed taken from the clock for each
 * run), the bad-input corpus, a secrets scan of the results file, and the summary the README quotes.
 */
import { BAD_INPUTS, runBadInput } from './bad-inputs';
import { Random } from './random';
import type { EmulatorLaunch } from './emulator-process';
import { runOnce, CHAOS_SECRET_KEY, type RunOptions, type RunResult } from './run';
import { scanForSecret } from './secrets-scan';

export interface CampaignOptions extends Omit<RunOptions, 'seed' | 'launch'> {
  readonly runs: number;
  /** The first seed (run i uses seed + i), or `'clock'`: each run takes a new seed from the clock. */
  readonly seed: number | 'clock';
  /**
   * One run in three (drawn from its seed) gets a batch of 201–260 inputs, so its input list goes through the
   * manifest file instead of trigger keys; the others get `batchInputs`. @default false
   */
  readonly manifestBatches?: boolean;
  readonly launch: EmulatorLaunch;
  /**
   * Runs at the same time (each has its own emulator, directories and handlers). The campaign's figures
   * come from one at a time; the short version in `npm test` runs its two together to save wall time.
   * @default 1
   */
  readonly concurrentRuns?: number;
  /** Called after each run (progress lines). */
  readonly onRun?: (result: RunResult, index: number) => void;
}

export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

export interface CampaignSummary {
  readonly runs: number;
  readonly failedRuns: number;
  /** Runs that held one job submission past the client's timeout. */
  readonly slowSubmitRuns: number;
  readonly firstSeed: number;
  /** Every run's seed, in run order. */
  readonly seeds: readonly number[];
  /** The batch size of runs without a manifest-size batch. */
  readonly batchInputs: number;
  /** Runs whose batch was over the inline limit (the input list went through the manifest file). */
  readonly manifestBatchRuns: number;
  /** Batch sizes over all runs. */
  readonly batchSizes: Spread;
  readonly appliesToConverge: { readonly batch: Spread; readonly templates: Spread };
  readonly destroysToFinish: { readonly batch: Spread; readonly templates: Spread };
  readonly jobs: number;
  readonly duplicates: number;
  readonly missing: number;
  readonly orphans: number;
  readonly strays: number;
  /** Jobs of wanted inputs that were cancelled. */
  readonly cancelled: number;
  readonly absentTemplates: number;
  readonly kills: { readonly handler: number; readonly emulator: number };
  readonly faultsFired: number;
  readonly secretHits: number;
  readonly filesScanned: number;
  readonly badInputs: { readonly cases: number; readonly rejectedWell: number; readonly failures: readonly { name: string; reasons: string[] }[] };
  readonly seconds: number;
  readonly ok: boolean;
}

export interface CampaignResult {
  readonly summary: CampaignSummary;
  readonly runs: readonly RunResult[];
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { min: 0, median: 0, max: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { min: sorted[0] as number, median, max: sorted[sorted.length - 1] as number };
}

/** Judges the corpus: every case must be rejected at synth as the bar says. */
export function runBadInputCorpus(): CampaignSummary['badInputs'] {
  const outcomes = BAD_INPUTS.map(runBadInput);
  return {
    cases: outcomes.length,
    rejectedWell: outcomes.filter((o) => o.ok).length,
    failures: outcomes.filter((o) => !o.ok).map((o) => ({ name: `${o.case.construct}: ${o.case.name}`, reasons: o.reasons })),
  };
}

export function summarize(runs: readonly RunResult[], badInputs: CampaignSummary['badInputs'], seconds: number, batchInputs: number): CampaignSummary {
  const total = (f: (r: RunResult) => number): number => runs.reduce((n, r) => n + f(r), 0);
  const secretHits = total((r) => r.secretScan.hits.length);
  const failedRuns = runs.filter((r) => !r.ok).length;
  return {
    runs: runs.length,
    failedRuns,
    slowSubmitRuns: runs.filter((r) => r.slowSubmit).length,
    firstSeed: runs[0]?.seed ?? 0,
    seeds: runs.map((r) => r.seed),
    batchInputs,
    manifestBatchRuns: runs.filter((r) => r.batchInputs >= MANIFEST_BATCH_MIN).length,
    batchSizes: spread(runs.map((r) => r.batchInputs)),
    appliesToConverge: { batch: spread(runs.map((r) => r.stacks.batch.applies)), templates: spread(runs.map((r) => r.stacks.templates.applies)) },
    destroysToFinish: { batch: spread(runs.map((r) => r.stacks.batch.destroys)), templates: spread(runs.map((r) => r.stacks.templates.destroys)) },
    jobs: total((r) => r.stacks.batch.jobs + r.stacks.templates.jobs),
    duplicates: total((r) => r.duplicates),
    missing: total((r) => r.missing),
    orphans: total((r) => r.orphans),
    strays: total((r) => r.strays),
    cancelled: total((r) => r.cancelled ?? 0),
    absentTemplates: total((r) => r.absentTemplates),
    kills: { handler: total((r) => r.kills.handler), emulator: total((r) => r.kills.emulator) },
    faultsFired: total((r) => Object.values(r.faultsFired).reduce((a, b) => a + b, 0)),
    secretHits,
    filesScanned: total((r) => r.secretScan.files),
    badInputs,
    seconds,
    ok: failedRuns === 0 && secretHits === 0 && badInputs.rejectedWell === badInputs.cases && runs.length > 0,
  };
}

export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const started = Date.now();
  const runs: RunResult[] = new Array<RunResult>(options.runs);
  let next = 0;
  const used = new Set<number>();
  const worker = async (): Promise<void> => {
    for (let i = next++; i < options.runs; i = next++) {
      const seed = options.seed === 'clock' ? clockSeed(used) : options.seed + i;
      const batchInputs = batchInputsFor(seed, options.batchInputs ?? 200, options.manifestBatches === true);
      runs[i] = await runOnce({ ...options, seed, batchInputs });
      options.onRun?.(runs[i] as RunResult, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrentRuns ?? 1) }, worker));
  const badInputs = runBadInputCorpus();
  const summary = summarize(runs, badInputs, Math.round((Date.now() - started) / 1000), options.batchInputs ?? 200);
  return { summary, runs };
}

/** Manifest-size batches: just over the 200 inputs that go inline as trigger keys. */
export const MANIFEST_BATCH_MIN = 201;
export const MANIFEST_BATCH_MAX = 260;

/** A seed from the wall clock (milliseconds, below 2^31), different from every seed already `used`. */
export function clockSeed(used: Set<number>): number {
  let seed = Date.now() % 2_147_483_647;
  while (used.has(seed)) seed = (seed + 1) % 2_147_483_647;
  used.add(seed);
  return seed;
}

/** The batch size of the run with `seed`: with `manifestBatches`, one run in three gets 201–260 inputs. */
export function batchInputsFor(seed: number, base: number, manifestBatches: boolean): number {
  if (!manifestBatches) return base;
  const rng = new Random(seed).fork('batch-size');
  return rng.chance(1 / 3) ? rng.int(MANIFEST_BATCH_MIN, MANIFEST_BATCH_MAX) : base;
}

/** `5–9` for consecutive seeds, else the list. */
export function seedsText(seeds: readonly number[]): string {
  if (seeds.length === 0) return 'none';
  const consecutive = seeds.every((s, i) => i === 0 || s === (seeds[i - 1] as number) + 1);
  return consecutive ? (seeds.length === 1 ? String(seeds[0]) : `${seeds[0]}–${seeds[seeds.length - 1]}`) : seeds.join(', ');
}

/** The results file must not carry the secret either (it quotes problems and events). */
export function scanResultsText(text: string): number {
  return scanForSecret(CHAOS_SECRET_KEY, undefined, { 'results.json': text }).hits.length;
}
