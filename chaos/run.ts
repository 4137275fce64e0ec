/**
 * One seeded run of the reliability campaign:
 *
 * 1. start the emulator as a child process with a data directory and a planted secret key, create the two
 *    buckets and upload the inputs, synthesize both stacks (chaos/stacks.ts) with cdktf;
 * 2. install the run's fault rules (chaos/fault-plan.ts) and apply both stacks at the same time with the local
 *    runner and the real bundled handler, re-applying each until an apply succeeds (at most `maxApplies`),
 *    while the monkey SIGKILLs handlers and the emulator during the first `chaosApplies` applies;
 * 3. check the emulator's records: no duplicate job, no missing job, no stray job, no orphaned or missing
 *    template; and that a further plan is empty;
 * 4. destroy both stacks the same way (faults still on, fewer kills) and check that every template is gone,
 *    that destroy submitted nothing and that the runner's states are empty;
 * 5. stop the emulator and scan everything the run wrote for the secret key.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CosMediaClient } from '../src/client';
import { applyStack, destroyAll, loadStack, planStack, readState, type StackRunResult } from '../src/local';
import { EmulatorProcess, type EmulatorLaunch } from './emulator-process';
import { drawFaultRules, drawSlowSubmit } from './fault-plan';
import { ChaosMonkey, type KillCounts } from './monkey';
import { Random } from './random';
import { scanForSecret, type SecretHit } from './secrets-scan';
import { REGION, synthStacks, type StackUnderTest } from './stacks';
import { checkJobs, checkTemplates, type EmulatorStateView } from './verify';

/**
 * The handler's response timeout in the campaign (COS_MEDIA_RESPONSE_TIMEOUT_MS; the handler's default is
 * 30 s). The emulator is on loopback and answers in milliseconds; a short timeout keeps the settle waits after
 * unknown outcomes and killed handlers (twice this) short enough for fifty runs. It changes the time scale,
 * not what is tested.
 */
export const CHAOS_RESPONSE_TIMEOUT_MS = 5_000;

/** Planted credentials: recognisable, so that a leak is unmistakable. */
export const CHAOS_SECRET_ID = 'AKIDCHAOSCAMPAIGN00001';
export const CHAOS_SECRET_KEY = 'chaos-PLANTED-secret-key-4f2a9c71e8';

export interface RunOptions {
  readonly seed: number;
  /** Inputs of the batch stack. @default 200 */
  readonly batchInputs?: number;
  /** The small template stack (three templates, two jobs; for the short version). @default false */
  readonly smallTemplateStack?: boolean;
  /** Batch concurrency. @default 8 */
  readonly concurrency?: number;
  /**
   * The batch's first apply has this many inputs fewer; every later apply has the full list. So each run
   * replaces the batch (create-before-destroy) while its first jobs may be queued, running, or half-submitted
   * by a killed handler: the replacement must neither re-submit nor cancel any of them. @default 3
   */
  readonly growBatchBy?: number;
  /** Applies per stack before a run counts as not converged. @default 10 */
  readonly maxApplies?: number;
  /** Applies (per stack) during which processes are killed. @default 3 */
  readonly chaosApplies?: number;
  /** Destroys per stack before it counts as failed. @default 6 */
  readonly maxDestroys?: number;
  /**
   * Draw a slow submission (one `POST /jobs` held past the handler's response timeout, then committed) in one
   * run in five. Off in the short version: it adds about 15 s to a run. @default true
   */
  readonly slowSubmits?: boolean;
  /** The handler's response timeout (its settle window is twice this). @default CHAOS_RESPONSE_TIMEOUT_MS */
  readonly responseTimeoutMs?: number;
  /** How long each emulated job runs. @default 50 */
  readonly jobDurationMs?: number;
  readonly launch: EmulatorLaunch;
  /** Where run directories are made. @default os.tmpdir() */
  readonly workDir?: string;
  /** Keep the run directory: never, only when the run failed, always. @default 'failed' */
  readonly keep?: 'never' | 'failed' | 'always';
}

export interface StackFigures {
  /** Applies until one succeeded (or `maxApplies` when none did). */
  readonly applies: number;
  readonly converged: boolean;
  readonly destroys: number;
  readonly destroyed: boolean;
  readonly jobs: number;
  readonly duplicates: number;
  readonly missing: number;
  readonly strays: number;
  /** Jobs of wanted inputs that were cancelled. */
  readonly cancelled: number;
  readonly orphans: number;
  readonly absentTemplates: number;
  /** Templates left in the stack's bucket after destroy. */
  readonly leftoverTemplates: number;
}

export interface RunResult {
  readonly seed: number;
  /** Inputs of the batch stack in this run (over 200: the list went through the manifest file). */
  readonly batchInputs: number;
  readonly ok: boolean;
  readonly seconds: number;
  readonly stacks: Readonly<Record<StackUnderTest['name'], StackFigures>>;
  /** Jobs beyond one per input. */
  readonly duplicates: number;
  /** Inputs without a `Success` job. */
  readonly missing: number;
  /** Jobs for inputs the stacks do not have. */
  readonly strays: number;
  /** Jobs of wanted inputs that were cancelled. */
  readonly cancelled: number;
  /** Templates not owned (or owned twice) after apply, plus templates left after destroy. */
  readonly orphans: number;
  /** Owned templates that did not exist after apply. */
  readonly absentTemplates: number;
  readonly kills: KillCounts;
  readonly faultRules: number;
  /** Whether this run held one job submission past the client's timeout (see drawSlowSubmit). */
  readonly slowSubmit: boolean;
  /** Fault rule firings, by `operation:effect`. */
  readonly faultsFired: Readonly<Record<string, number>>;
  readonly secretScan: { readonly files: number; readonly bytes: number; readonly hits: readonly SecretHit[] };
  /** Every failed check, in words; empty when `ok`. */
  readonly problems: readonly string[];
  /** Seconds spent setting up, applying (until both converged), destroying. */
  readonly phases: { setup: number; apply: number; destroy: number };
  /** The kill and fault log of the run. */
  readonly events: readonly string[];
  /** Set when the run directory was kept. */
  readonly runDir?: string;
}

interface Converged {
  readonly attempts: number;
  readonly ok: boolean;
  readonly lastErrors: string[];
}

export async function runOnce(options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const seed = options.seed;
  const rng = new Random(seed);
  const faultRng = rng.fork('faults');
  const killRng = rng.fork('kills');
  const maxApplies = options.maxApplies ?? 10;
  const chaosApplies = options.chaosApplies ?? 3;
  const maxDestroys = options.maxDestroys ?? 6;
  const responseTimeoutMs = options.responseTimeoutMs ?? CHAOS_RESPONSE_TIMEOUT_MS;
  const runDir = fs.mkdtempSync(path.join(options.workDir ?? os.tmpdir(), `cos-media-chaos-${seed}-`));
  const logsDir = path.join(runDir, 'logs');
  fs.mkdirSync(logsDir, { recursive: true });
  const events: string[] = [];
  const note = (line: string): void => void events.push(`${((Date.now() - started) / 1000).toFixed(1)}s ${line}`);
  const problems: string[] = [];
  const phases = { setup: 0, apply: 0, destroy: 0 };
  let phaseStart = Date.now();
  const endPhase = (name: keyof typeof phases): void => {
    phases[name] = Math.round((Date.now() - phaseStart) / 100) / 10;
    phaseStart = Date.now();
  };

  const emulator = await EmulatorProcess.start({
    launch: options.launch,
    dataDir: path.join(runDir, 'emulator-data'),
    logFile: path.join(logsDir, 'emulator.log'),
    secretId: CHAOS_SECRET_ID,
    secretKey: CHAOS_SECRET_KEY,
    jobDurationMs: options.jobDurationMs ?? 50,
  });
  const kills: KillCounts = { handler: 0, emulator: 0 };
  const logStreams = new Map<string, fs.WriteStream>();
  let stacks: StackUnderTest[] = [];
  const figures: Partial<Record<StackUnderTest['name'], StackFigures>> = {};
  let faultRules = 0;
  const slow = options.slowSubmits === false ? undefined : drawSlowSubmit(rng.fork('slow'), responseTimeoutMs);
  try {
    const stackOptions = {
      batchInputs: options.batchInputs ?? 200,
      concurrency: options.concurrency ?? 8,
      smallTemplateStack: options.smallTemplateStack,
    };
    stacks = synthStacks(path.join(runDir, 'cdktf.out'), stackOptions);
    const grow = Math.min(options.growBatchBy ?? 3, stackOptions.batchInputs - 1);
    const firstBatchDir =
      grow > 0
        ? synthStacks(path.join(runDir, 'cdktf.out-first'), { ...stackOptions, batchInputs: stackOptions.batchInputs - grow })[0]?.stackDir
        : undefined;
    await seedInputs(emulator.url, stacks);

    const rules = [...drawFaultRules(faultRng), ...(slow ? [slow] : [])];
    faultRules = rules.length;
    await emulator.setFaults(seed, rules);
    note(`${rules.length} fault rules: ${rules.map((r) => `${r.operation}/${String(r.effect.type)}@${r.probability ?? `#${(r.skip ?? 0) + 1}`}`).join(', ')}`);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      COS_MEDIA_ENDPOINT: emulator.url,
      TENCENTCLOUD_SECRET_ID: CHAOS_SECRET_ID,
      TENCENTCLOUD_SECRET_KEY: CHAOS_SECRET_KEY,
      TENCENTCLOUD_SECURITY_TOKEN: '',
      COS_MEDIA_RESPONSE_TIMEOUT_MS: String(responseTimeoutMs),
      COS_MEDIA_POLL_INTERVAL_MS: '100',
      COS_MEDIA_POLL_MAX_INTERVAL_MS: '300',
      COS_MEDIA_PROGRESS_INTERVAL_MS: '1000',
      COS_MEDIA_RESULTS_DIR: path.join(runDir, 'results'),
    };
    const sinkFor = (name: string): ((line: string) => void) => {
      const stream = fs.createWriteStream(path.join(logsDir, `runner-${name}.log`), { flags: 'a' });
      logStreams.set(name, stream);
      return (line) => void stream.write(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${line}\n`);
    };
    const runOptions = (s: StackUnderTest, sink: (line: string) => void) => ({
      statePath: path.join(runDir, 'state', `${s.name}.json`),
      env,
      sink,
      progressIntervalMs: 60_000,
    });
    const sinks = new Map(stacks.map((s) => [s.name, sinkFor(s.name)]));

    /** Runs apply (or destroy) on one stack until it succeeds, waiting for the emulator between attempts. */
    const converge = async (s: StackUnderTest, mode: 'apply' | 'destroy', max: number, attempts: Map<string, number>): Promise<Converged> => {
      const sink = sinks.get(s.name) as (line: string) => void;
      let lastErrors: string[] = [];
      for (let attempt = 1; attempt <= max; attempt++) {
        await emulator.ready();
        attempts.set(s.name, attempt);
        // The batch's first apply has fewer inputs (growBatchBy); a run converges only on the full list.
        const stackDir = mode === 'apply' && attempt === 1 && s.name === 'batch' && firstBatchDir !== undefined ? firstBatchDir : s.stackDir;
        sink(`=== ${mode} #${attempt}${stackDir === s.stackDir ? '' : ' (before the batch grows)'}`);
        let result: StackRunResult;
        try {
          const config = loadStack(stackDir);
          result = mode === 'apply' ? await applyStack(config, runOptions(s, sink)) : await destroyAll(config, runOptions(s, sink));
        } catch (err) {
          lastErrors = [(err as Error).message];
          continue;
        }
        if (result.summary.ok && stackDir === s.stackDir) return { attempts: attempt, ok: true, lastErrors: [] };
        lastErrors = result.summary.errors.map((e) => `${e.address} ${e.step}: ${e.message}`);
      }
      return { attempts: max, ok: false, lastErrors };
    };

    endPhase('setup');
    // --- apply under faults and kills
    const applyAttempts = new Map<string, number>();
    const applyDone = new Set<string>();
    const applyMonkey = new ChaosMonkey({
      rng: killRng,
      emulator,
      runDir,
      // A held submission dies with the emulator, which would hide what the slow submission is there to show.
      budget: { handler: killRng.int(1, 3), emulator: slow ? 0 : killRng.int(1, 2) },
      delayMs: [150, 1500],
      downtimeMs: [0, 800],
      active: () => stacks.some((s) => !applyDone.has(s.name) && (applyAttempts.get(s.name) ?? 0) <= chaosApplies),
      note,
    });
    const applied = await Promise.all(
      stacks.map(async (s) => {
        try {
          return await converge(s, 'apply', maxApplies, applyAttempts);
        } finally {
          applyDone.add(s.name);
        }
      }),
    );
    endPhase('apply');
    const k1 = await applyMonkey.stop();
    kills.handler += k1.handler;
    kills.emulator += k1.emulator;
    await emulator.ready();
    if (slow) {
      // The held submission commits once its latency is over: wait for that before counting jobs.
      const firedAt = emulator.faultsFired()['CreateMediaJobs:latency'] ? emulator.firedAt('CreateMediaJobs:latency') : undefined;
      const heldUntil = (firedAt ?? 0) + Number(slow.effect.ms) + 1000;
      note(firedAt === undefined ? 'the slow submission did not fire' : `waiting for the held submission (until +${((heldUntil - started) / 1000).toFixed(1)}s)`);
      if (Date.now() < heldUntil) await new Promise((r) => setTimeout(r, heldUntil - Date.now()));
    }

    const before = await emulator.state<EmulatorStateView>();
    const found = stacks.map((s, i) => {
      const a = applied[i] as Converged;
      if (!a.ok) problems.push(`${s.name}: not converged after ${a.attempts} applies: ${a.lastErrors.slice(0, 3).join(' | ')}`);
      else {
        const again = planStack(loadStack(s.stackDir), { statePath: runOptions(s, () => undefined).statePath }).plan.counts;
        if (again.add + again.change + again.destroy > 0) problems.push(`${s.name}: converged, yet the next plan is not empty (${JSON.stringify(again)})`);
      }
      const jobs = checkJobs(before, s.bucket, s.inputs);
      const templates = checkTemplates(before, s.bucket, s.templateNames);
      problems.push(...jobs.details.map((d) => `${s.name}: ${d}`), ...templates.details.map((d) => `${s.name}: ${d}`));
      return { jobs, templates };
    });

    // --- destroy under faults, with fewer kills
    const destroyAttempts = new Map<string, number>();
    const destroyDone = new Set<string>();
    const destroyMonkey = new ChaosMonkey({
      rng: killRng,
      emulator,
      runDir,
      budget: { handler: killRng.int(0, 1), emulator: slow ? 0 : killRng.int(0, 1) },
      delayMs: [50, 600],
      downtimeMs: [0, 500],
      active: () => stacks.some((s) => !destroyDone.has(s.name) && (destroyAttempts.get(s.name) ?? 0) <= 1),
      note,
    });
    const destroyed = await Promise.all(
      stacks.map(async (s) => {
        try {
          return await converge(s, 'destroy', maxDestroys, destroyAttempts);
        } finally {
          destroyDone.add(s.name);
        }
      }),
    );
    endPhase('destroy');
    const k2 = await destroyMonkey.stop();
    kills.handler += k2.handler;
    kills.emulator += k2.emulator;
    await emulator.ready();
    const after = await emulator.state<EmulatorStateView>();

    stacks.forEach((s, i) => {
      const d = destroyed[i] as Converged;
      if (!d.ok) problems.push(`${s.name}: destroy failed ${d.attempts} times: ${d.lastErrors.slice(0, 3).join(' | ')}`);
      const left = readState(runOptions(s, () => undefined).statePath, s.name);
      const remaining = Object.keys(left.resources);
      if (d.ok && remaining.length > 0) problems.push(`${s.name}: destroy succeeded but the state still holds ${remaining.join(', ')}`);
      const leftover = checkTemplates(after, s.bucket, []);
      problems.push(...leftover.details.map((line) => `${s.name}: after destroy, ${line}`));
      const jobsBefore = before.jobs.filter((j) => j.bucket === s.bucket).length;
      const jobsAfter = after.jobs.filter((j) => j.bucket === s.bucket).length;
      if (jobsAfter !== jobsBefore) problems.push(`${s.name}: destroy changed the number of jobs from ${jobsBefore} to ${jobsAfter}`);
      const f = found[i] as (typeof found)[number];
      figures[s.name] = {
        applies: (applied[i] as Converged).attempts,
        converged: (applied[i] as Converged).ok,
        destroys: d.attempts,
        destroyed: d.ok,
        jobs: f.jobs.jobs,
        duplicates: f.jobs.duplicates,
        missing: f.jobs.missing,
        strays: f.jobs.strays,
        cancelled: f.jobs.cancelled,
        orphans: f.templates.orphans,
        absentTemplates: f.templates.absent,
        leftoverTemplates: leftover.orphans,
      };
    });
  } catch (err) {
    problems.push(`the run itself failed: ${(err as Error).stack ?? String(err)}`);
  } finally {
    await emulator.stop().catch((err: Error) => problems.push(`stopping the emulator: ${err.message}`));
    await Promise.all([...logStreams.values()].map((s) => new Promise<void>((resolve) => s.end(resolve))));
  }

  const secretScan = scanForSecret(CHAOS_SECRET_KEY, runDir, { 'campaign events': events.join('\n'), 'run problems': problems.join('\n') });
  for (const hit of secretScan.hits) problems.push(`secret key found (${hit.form}) in ${hit.where}`);

  const sum = (key: 'duplicates' | 'missing' | 'orphans' | 'strays' | 'cancelled' | 'leftoverTemplates' | 'absentTemplates'): number =>
    Object.values(figures).reduce((n, f) => n + (f?.[key] ?? 0), 0);
  const ok = problems.length === 0 && stacks.length === 2 && Object.keys(figures).length === 2;
  const keep = options.keep ?? 'failed';
  const kept = keep === 'always' || (keep === 'failed' && !ok);
  if (!kept) fs.rmSync(runDir, { recursive: true, force: true });
  const empty: StackFigures = {
    applies: 0, converged: false, destroys: 0, destroyed: false, jobs: 0, duplicates: 0, missing: 0, strays: 0, cancelled: 0, orphans: 0, absentTemplates: 0, leftoverTemplates: 0,
  };
  return {
    seed,
    batchInputs: options.batchInputs ?? 200,
    ok,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    stacks: { batch: figures.batch ?? empty, templates: figures.templates ?? empty },
    duplicates: sum('duplicates'),
    missing: sum('missing'),
    strays: sum('strays'),
    cancelled: sum('cancelled'),
    orphans: sum('orphans') + sum('leftoverTemplates'),
    absentTemplates: sum('absentTemplates'),
    kills,
    faultRules,
    slowSubmit: slow !== undefined,
    faultsFired: emulator.faultsFired(),
    phases,
    secretScan: { files: secretScan.files, bytes: secretScan.bytes, hits: secretScan.hits },
    problems,
    events,
    ...(kept ? { runDir } : {}),
  };
}

/** Creates both buckets and uploads small stand-in inputs, as a team's upload pipeline would (before any fault). */
async function seedInputs(url: string, stacks: readonly StackUnderTest[]): Promise<void> {
  const client = new CosMediaClient({ region: REGION, credentials: { secretId: CHAOS_SECRET_ID, secretKey: CHAOS_SECRET_KEY }, endpoint: url });
  try {
    for (const s of stacks) {
      await client.putBucket({ bucket: s.bucket });
      const queue = [...s.inputs];
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
            await client.putObject({ bucket: s.bucket, key, body: `stand-in video for ${key}` });
          }
        }),
      );
    }
  } finally {
    await client.close();
  }
}
