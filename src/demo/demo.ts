/**
 * `npm start`: the offline demo. Starts the emulator on a free loopback port (data under .demo/), uploads
 * small stand-ins for the example's inputs, synthesizes examples/enhance-pipeline, prints the plan and its
 * plan-report (from the plan written as Terraform JSON, as `cos-media plan --out` writes it), applies it with
 * the local runner (the real handler, real signed requests), and prints a summary.
 *
 * Run it again: nothing to do, nothing submitted. `DEMO_SHARPEN_LEVEL=7 npm start` changes one template
 * parameter: the plan shows that one key, and only the jobs that use the template are submitted again.
 * `npm start -- --reset` starts over.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { CosMediaClient, TencentApiError } from '../client';
import { startEmulator } from '../emulator';
import { applyPlan, loadStack, planStack, planToJson, writePlanJson, type OutputSink } from '../local';
import { planReport } from '../report';
import { formatCompactPlan } from './compact-plan';
import { formatSummary, readResults } from './summary';

const REGION = 'ap-guangzhou';
const BUCKET = 'media-1250000000';
/** The demo's own credentials for its emulator; not a secret of anyone's. */
const SECRET_ID = 'AKIDCOSMEDIADEMO0000001';
const SECRET_KEY = 'cos-media-demo-secret';
const INPUTS = [
  'input/intro.mp4',
  'input/keynote.mov',
  ...Array.from({ length: 12 }, (_, i) => `catalog/episode-${String(i + 1).padStart(2, '0')}.mp4`),
];

export interface DemoIo {
  out(line: string): void;
  err(line: string): void;
}

function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the package root');
    dir = parent;
  }
  return dir;
}

/** Synthesizes the example app into `outdir` in a child process (cdktf stays out of this layer). */
function synthExample(root: string, outdir: string, env: NodeJS.ProcessEnv): Promise<void> {
  const script = path.join(root, 'scripts', 'run-ts.js');
  const example = path.join(root, 'examples', 'enhance-pipeline', 'main.ts');
  if (!fs.existsSync(script) || !fs.existsSync(example)) {
    throw new Error('the demo runs from a clone of the repository (examples/ and scripts/ are not in the package)');
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, example], { cwd: root, env: { ...env, CDKTF_OUTDIR: outdir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`synth failed:\n${errors.trim()}`))));
  });
}

async function seedInputs(client: CosMediaClient): Promise<number> {
  try {
    await client.putBucket({ bucket: BUCKET });
  } catch (err) {
    if (!(err instanceof TencentApiError && err.code === 'BucketAlreadyOwnedByYou')) throw err;
  }
  const existing = new Set((await client.listObjects({ bucket: BUCKET })).objects.map((o) => o.key));
  let added = 0;
  for (const key of INPUTS) {
    if (existing.has(key)) continue;
    // A few KB stand in for a video: the emulator copies bytes, it does not transcode.
    await client.putObject({ bucket: BUCKET, key, body: `demo input ${key}\n`.repeat(64), contentType: 'video/mp4' });
    added += 1;
  }
  return added;
}

/** Shows what a person wants to see of an apply: the handler's own lines and each resource's completion. */
function demoSink(io: DemoIo, names: ReadonlyMap<string, string>): OutputSink {
  return (line, level) => {
    const exec = /^((?:null_resource|terraform_data)\.[^ ]+) \(local-exec\): (.*)$/.exec(line);
    if (exec) {
      if (!/^Executing:/.test(exec[2] as string)) io.out(`    ${exec[2]}`);
      return;
    }
    const done = /^((?:null_resource|terraform_data)\.[^:]+): (Creation|Destruction) complete after (\S+)/.exec(line);
    if (done) {
      io.out(`  ${done[2] === 'Creation' ? 'done   ' : 'removed'} ${names.get(done[1] as string) ?? done[1]} (${done[3]})`);
      return;
    }
    if (level === 'error' && line.trim() !== '') io.err(line);
    else if (level === 'warning') io.out(line);
  };
}

export async function runDemo(args: readonly string[], io: DemoIo): Promise<number> {
  let values: { reset?: boolean; help?: boolean; 'work-dir'?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { reset: { type: 'boolean' }, 'work-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (err) {
    io.err(`cos-media demo: ${(err as Error).message}`);
    return 2;
  }
  if (values.help) {
    io.out('usage: npm start [-- --reset] [-- --work-dir DIR]   (DEMO_SHARPEN_LEVEL=N changes one template parameter)');
    return 0;
  }
  const started = Date.now();
  const root = repoRoot();
  const work = path.resolve(values['work-dir'] ?? path.join(root, '.demo'));
  if (values.reset) fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const resultsDir = path.join(work, 'results');

  const emulator = await startEmulator({
    dataDir: path.join(work, 'emulator'),
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    jobDurationMs: 1500,
    warn: (m) => io.err(`emulator: ${m}`),
  });
  const client = new CosMediaClient({ region: REGION, credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emulator.url });
  try {
    io.out(`cos-media demo: emulator on ${emulator.url} (data in ${path.relative(root, work) || '.'}/emulator)`);
    const added = await seedInputs(client);
    io.out(`  ${added > 0 ? `uploaded ${added} stand-in inputs to ${BUCKET}` : `inputs already in ${BUCKET}`}`);

    const outdir = path.join(work, 'cdktf.out');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      COS_MEDIA_ENDPOINT: emulator.url,
      TENCENTCLOUD_SECRET_ID: SECRET_ID,
      TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
      COS_MEDIA_RESULTS_DIR: resultsDir,
      COS_MEDIA_POLL_INTERVAL_MS: '500',
      COS_MEDIA_POLL_MAX_INTERVAL_MS: '1000',
      COS_MEDIA_PROGRESS_INTERVAL_MS: '1000',
    };
    delete env.TENCENTCLOUD_SECURITY_TOKEN;
    await synthExample(root, outdir, env);
    const stackDir = path.join(outdir, 'stacks', 'enhance-pipeline');
    const statePath = path.join(work, 'state.json');
    io.out(`  synthesized examples/enhance-pipeline into .demo/cdktf.out (sharpen level ${process.env.DEMO_SHARPEN_LEVEL ?? 5})`);

    const config = loadStack(stackDir);
    const { plan, state } = planStack(config, { statePath });
    io.out('');
    for (const line of formatCompactPlan(plan)) io.out(line);
    // What `cos-media plan --out` writes, and what `cos-media plan-report` makes of it for a pull request.
    const planFile = path.join(work, 'plan.json');
    writePlanJson(planFile, planToJson(config, state, plan));
    io.out(
      `  (the full plan: node bin/cos-media.js plan ${path.relative(root, stackDir)} --state ${path.relative(root, statePath)}` +
        ` --out ${path.relative(root, planFile)})`,
    );
    io.out('');
    io.out(`The review summary of this plan (cos-media plan-report ${path.relative(root, planFile)}):`);
    io.out('');
    for (const line of planReport(fs.readFileSync(planFile, 'utf8')).trimEnd().split('\n')) io.out(`  | ${line}`);

    const jobsBefore = emulator.state().jobs.length;
    if (plan.changes.length > 0) {
      io.out('');
      io.out('Applying with the local runner (each resource runs the bundled handler, as Terraform would):');
      const names = new Map(config.resources.map((r) => [r.address, r.triggers?.construct?.split('/').slice(1).join('/') ?? r.address]));
      const summary = await applyPlan(config, plan, { statePath, env, sink: demoSink(io, names), parallelism: 4 });
      if (!summary.ok) {
        io.err(`Apply failed: ${summary.errors.map((e) => `${names.get(e.address) ?? e.address}: ${e.message}`).join('; ')}`);
        io.err('Run `npm start` again to retry: nothing that was submitted is submitted twice.');
        return 1;
      }
    }
    const submitted = emulator.state().jobs.length - jobsBefore;
    io.out('');
    for (const line of formatSummary(readResults(resultsDir))) io.out(line);
    io.out('');
    io.out(
      `${submitted} job${submitted === 1 ? '' : 's'} submitted this run, ${emulator.state().jobs.length} in all; ` +
        `${((Date.now() - started) / 1000).toFixed(1)}s. Results: .demo/results/. ` +
        (submitted > 0 ? 'Run `npm start` again: nothing to do.' : 'Try `DEMO_SHARPEN_LEVEL=7 npm start` to change one parameter.'),
    );
    return 0;
  } finally {
    await client.close();
    await emulator.stop();
  }
}
