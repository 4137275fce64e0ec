/**
 * 1. Per-resource cost under real Terraform: `terraform apply` (from PATH, `-parallelism=10`) of a stack of N
 * single-input `VideoEnhanceJob`s on the `terraform_data` backing against the emulator (jobs of 5 ms), vs the
 * same stack with every provisioner's interpreter replaced by `node -e 0` (the floor: Terraform plus one Node
 * start per provisioner); once with `wait: false`, once with `wait: true`. Each apply starts from no state on
 * a freshly seeded emulator; ours and the floor alternate. Wall time and CPU time (Terraform and everything it
 * ran: the handlers or `node -e 0`) are both measured; on a shared machine the CPU ratio is the steadier one.
 *
 * And the handler's CPU per job resource: `node <handler> create` of one job resource (as its provisioner runs
 * it) vs `node -e 0`, alternating, each run a resource not created before.
 *
 * Skipped, with one line, when `terraform` is not on PATH.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { MediaBucket, VideoEnhanceJob } from '../src/constructs';
import { BACKING_CONTEXT_KEY } from '../src/constructs/backing';
import type { BenchContext } from './lib/context';
import { childScript, lastJsonLine, runNodeOk } from './lib/children';
import { BUCKET, countByOperation, EmulatorProcess, inputKeys, REGION, SECRET_ID, SECRET_KEY } from './lib/emulator-process';
import { handlerPath } from './lib/handler-run';
import { measured, type Row } from './lib/report';
import { median, round } from './lib/stats';

const PARALLELISM = 10;
const JOB_MS = 5;

interface CpuRuns {
  readonly cpuMs: number[][];
  readonly wallMs: number[][];
  readonly unsupported?: boolean;
}

interface Command {
  readonly file?: string;
  readonly args: string[];
  readonly env?: Record<string, string>;
  readonly cwd?: string;
  readonly variants?: Record<string, string>[];
}

async function cpuRuns(commands: Command[], rounds: number, perRound: number, warmup: number): Promise<CpuRuns> {
  const script = await childScript('cpu-runs');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-bench-cpu-runs-'));
  try {
    const file = path.join(dir, 'commands.json');
    fs.writeFileSync(file, JSON.stringify({ commands, rounds, perRound, warmup }));
    return lastJsonLine<CpuRuns>((await runNodeOk([script, file])).stdout);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `terraform` on PATH, or why not. */
function terraformVersion(): string | undefined {
  const probe = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) return undefined;
  return (JSON.parse(probe.stdout) as { terraform_version: string }).terraform_version;
}

interface Stack {
  readonly dir: string;
  readonly triggers: Record<string, string>[];
}

/** N single-input jobs on the terraform_data backing, with a local state file in the stack directory. */
function synthJobs(root: string, name: string, inputs: readonly string[], wait: boolean): Stack {
  const outdir = path.join(root, `${name}-out`);
  const app = new App({ outdir, stackTraces: false, context: { [BACKING_CONTEXT_KEY]: 'terraform_data' } });
  const stack = new TerraformStack(app, name);
  const dir = path.join(outdir, 'stacks', name);
  new LocalBackend(stack, { path: 'terraform.tfstate' });
  const bucket = MediaBucket.fromBucketName(stack, 'media', { bucket: BUCKET, region: REGION });
  const jobs = inputs.map(
    (input, i) =>
      new VideoEnhanceJob(stack, `job-${String(i).padStart(5, '0')}`, {
        bucket,
        input,
        enhance: { msSharpen: { sharpenLevel: 4 } },
        output: { object: 'enhanced/${InputName}.${ext}' },
        wait,
      }),
  );
  app.synth();
  return { dir, triggers: jobs.map((j) => ({ ...j.triggers })) };
}

/** A copy of the stack whose provisioners run `node -e 0` (same triggers, environment and commands). */
function floorOf(stack: Stack, root: string, name: string): Stack {
  const dir = path.join(root, name);
  fs.cpSync(stack.dir, dir, { recursive: true });
  const file = path.join(dir, 'cdk.tf.json');
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    resource: { terraform_data: Record<string, { provisioner: { 'local-exec': { interpreter: string[] } }[] }> };
  };
  for (const r of Object.values(doc.resource.terraform_data)) {
    for (const p of r.provisioner) p['local-exec'].interpreter = ['node', '-e', '0'];
  }
  fs.writeFileSync(file, JSON.stringify(doc, null, 2));
  return { dir, triggers: stack.triggers };
}

export async function benchTerraform(ctx: BenchContext): Promise<Row[]> {
  const version = terraformVersion();
  if (version === undefined) {
    ctx.log('  terraform: skipped (no `terraform` on PATH)');
    return [];
  }
  const n = ctx.quick ? 20 : 200;
  const rounds = ctx.quick ? 1 : 3;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-bench-tf-'));
  const emulator = await EmulatorProcess.start({ jobDurationMs: JOB_MS });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? root,
    COS_MEDIA_ENDPOINT: emulator.url,
    TENCENTCLOUD_SECRET_ID: SECRET_ID,
    TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
    COS_MEDIA_RESULTS_DIR: path.join(root, 'results'),
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  };
  const rows: Row[] = [];
  try {
    const inputs = inputKeys(n);
    for (const wait of [false, true]) {
      const ours = synthJobs(root, wait ? 'wait' : 'nowait', inputs, wait);
      const floor = floorOf(ours, root, `${wait ? 'wait' : 'nowait'}-floor`);
      for (const s of [ours, floor]) {
        const init = spawnSync('terraform', ['init', '-input=false', '-no-color'], { cwd: s.dir, env, encoding: 'utf8' });
        if (init.status !== 0) throw new Error(`bench: terraform init failed in ${s.dir}: ${init.stderr}`);
      }
      const apply = async (s: Stack): Promise<{ wallMs: number; cpuMs: number; emulatorCpuMs: number; requests: Record<string, { total: number }> }> => {
        fs.rmSync(path.join(s.dir, 'terraform.tfstate'), { force: true });
        await emulator.seed(inputs);
        const emulatorBefore = (await emulator.stats()).cpuMs;
        const r = await cpuRuns(
          [{ file: 'terraform', args: ['apply', '-auto-approve', '-input=false', '-no-color', `-parallelism=${PARALLELISM}`], env, cwd: s.dir }],
          1,
          1,
          0,
        );
        if (s === ours) {
          const jobs = await emulator.jobs();
          if (jobs.total !== n || jobs.duplicates !== 0) throw new Error(`bench: the apply left ${jobs.total} jobs for ${n} resources`);
          if (wait && jobs.byState.Success !== n) throw new Error(`bench: waited apply ended with ${JSON.stringify(jobs.byState)}`);
        }
        return {
          wallMs: r.wallMs[0]?.[0] ?? NaN,
          cpuMs: r.unsupported ? NaN : (r.cpuMs[0]?.[0] ?? NaN),
          emulatorCpuMs: (await emulator.stats()).cpuMs - emulatorBefore,
          requests: countByOperation(await emulator.log()),
        };
      };
      const wall = { ours: [] as number[], floor: [] as number[] };
      const cpu = { ours: [] as number[], floor: [] as number[] };
      /** The emulator's CPU time during our applies: it shares the two cores with Terraform and the handlers. */
      const emulatorCpu: number[] = [];
      let requests: Record<string, { total: number }> = {};
      for (let i = 0; i < rounds; i++) {
        const order = i % 2 === 0 ? [ours, floor] : [floor, ours];
        for (const s of order) {
          const r = await apply(s);
          const side = s === ours ? 'ours' : 'floor';
          wall[side].push(r.wallMs);
          cpu[side].push(r.cpuMs);
          if (s === ours) {
            requests = r.requests;
            emulatorCpu.push(r.emulatorCpuMs);
          }
        }
        ctx.log(
          `  terraform apply ${n} jobs, wait ${wait}, round ${i + 1}/${rounds}: ours ${Math.round(wall.ours[i] as number)} ms ` +
            `(CPU ${Math.round(cpu.ours[i] as number)} ms), floor ${Math.round(wall.floor[i] as number)} ms (CPU ${Math.round(cpu.floor[i] as number)} ms)`,
        );
      }
      const total = Object.values(requests).reduce((a, v) => a + v.total, 0);
      const goal = wait ? 2 : 1.5;
      rows.push({
        name: `terraform apply ${n} VideoEnhanceJobs (wait: ${wait}) vs node -e 0 provisioners`,
        ours: measured(wall.ours, 'ms', median),
        baseline: measured(wall.floor, 'ms', median),
        ratio: median(wall.ours) / median(wall.floor),
        goal: { op: '<=', value: goal, label: `≤ ${goal}×` },
        notes: [
          `Terraform ${version}, -parallelism=${PARALLELISM}, terraform_data backing, jobs of ${JOB_MS} ms, no state at start; ` +
            `CPU of Terraform and all it ran (median): ${Math.round(median(cpu.ours))} ms vs ${Math.round(median(cpu.floor))} ms = ` +
            `${(median(cpu.ours) / median(cpu.floor)).toFixed(2)}×; requests per resource ${round(total / n, 2)}; ` +
            `the emulator's own CPU during our apply (not in either figure, but on the same two cores): ${Math.round(median(emulatorCpu))} ms`,
        ],
        details: { resources: n, cpuMs: { ours: measured(cpu.ours, 'ms', median), floor: measured(cpu.floor, 'ms', median) }, requests },
      });
    }

    // The handler's CPU per job resource (wait: false), each run creating a resource not created before:
    // with its code cache (made by the warm-up run, as after the first resource on a pipeline machine), and
    // without it (the first resource on a machine); then the floor of any Node program sending as many requests.
    const perRound = ctx.quick ? 3 : 5;
    const cpuRounds = ctx.quick ? 3 : 8;
    const warmup = 1;
    const runsNeeded = (cpuRounds + warmup) * perRound;
    const keys = inputKeys(2 * runsNeeded);
    const stack = synthJobs(root, 'cpu', keys, false);
    await emulator.seed(keys);
    const handlerEnv = { ...env, COS_MEDIA_PROGRESS_INTERVAL_MS: '60000', COS_MEDIA_CODE_CACHE_DIR: path.join(root, 'code-cache') };
    const variants = stack.triggers.map((t) => ({ COS_MEDIA_TRIGGERS: JSON.stringify(t) }));
    const r = await cpuRuns(
      [
        { args: [handlerPath(), 'create'], env: handlerEnv, cwd: stack.dir, variants: variants.slice(0, runsNeeded) },
        { args: ['-e', '0'], env: handlerEnv, cwd: stack.dir },
        { args: [handlerPath(), 'create'], env: { ...handlerEnv, COS_MEDIA_CODE_CACHE: 'off' }, cwd: stack.dir, variants: variants.slice(runsNeeded) },
      ],
      cpuRounds,
      perRound,
      warmup,
    );
    if (!r.unsupported) {
      const [h, z, cold] = r.cpuMs as [number[], number[], number[]];
      const requests = countByOperation(await emulator.log());
      const perResource = Object.values(requests).reduce((a, v) => a + v.total, 0) / (2 * runsNeeded);
      // The floor: a bare node:http script sending as many requests (see children/bare-requests.ts).
      const bare = await cpuRuns(
        [
          { args: [await childScript('bare-requests')], env: { ...handlerEnv, BARE_REQUESTS: String(Math.round(perResource)) } },
          { args: ['-e', '0'], env: handlerEnv },
        ],
        cpuRounds,
        perRound,
        warmup,
      );
      const [b, bz] = bare.cpuMs as [number[], number[]];
      ctx.log(
        `  handler create CPU ${Math.round(median(h))} ms (no code cache ${Math.round(median(cold))} ms) vs node -e 0 ${Math.round(median(z))} ms; ` +
          `bare node:http script ${Math.round(median(b))} ms vs ${Math.round(median(bz))} ms`,
      );
      rows.push({
        name: 'handler CPU per job resource (create, wait: false) vs node -e 0',
        ours: measured(h, 'ms', median),
        baseline: measured(z, 'ms', median),
        ratio: median(h) / median(z),
        goal: { op: '<=', value: 2, label: '≤ 2×' },
        notes: [
          `user + system CPU of the whole process (from /proc cutime/cstime), mean of ${perRound} runs per round, ${cpuRounds} rounds, alternating; ` +
            `requests per resource ${round(perResource, 2)}; wall ${Math.round(median(r.wallMs[0] as number[]))} ms vs ${Math.round(median(r.wallMs[1] as number[]))} ms`,
          `without the code cache (the first resource on a machine): ${Math.round(median(cold))} ms = ${(median(cold) / median(z)).toFixed(2)}× node -e 0`,
          `the floor, a bare node:http script sending ${Math.round(perResource)} requests over one keep-alive connection (children/bare-requests.ts): ` +
            `${Math.round(median(b))} ms vs ${Math.round(median(bz))} ms = ${(median(b) / median(bz)).toFixed(2)}× node -e 0; the handler is ` +
            `${(median(h) / median(b)).toFixed(2)}× that script`,
        ],
        details: { requests, noCodeCacheMs: measured(cold, 'ms', median), bareScriptMs: measured(b, 'ms', median) },
      });
    }
  } finally {
    await emulator.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
  return rows;
}
