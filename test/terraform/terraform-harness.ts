/**
 * The real-Terraform tier's harness: `terraform` from PATH, stacks synthesized with the `terraform_data`
 * backing (which needs no provider download) into a working directory of the test's own, and the real emulator
 * started by the test on loopback. Terraform runs the real bundled handler (dist/handler-bundle/, built
 * by jest's global setup) through the stack's local-exec provisioners.
 *
 * Without `terraform` on PATH the tier fails with one line saying so, unless COS_MEDIA_SKIP_TERRAFORM=1.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { CosMediaClient } from '../../src/client';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { handlerEnv } from '../e2e/e2e-helpers';

export const REGION = 'ap-guangzhou';
export const SECRET_ID = 'AKIDTERRAFORMTIER0001';
/** A canary: no file Terraform or the handler writes may contain it. */
export const SECRET_KEY = 'tf-tier-canary-secret-4d1c9e';

/** Whether the tier runs: true with terraform on PATH; false only when COS_MEDIA_SKIP_TERRAFORM=1 says to skip. */
export function terraformTier(): boolean {
  if (process.env.COS_MEDIA_SKIP_TERRAFORM === '1') return false;
  const probe = spawnSync('terraform', ['version', '-json'], { encoding: 'utf8', env: process.env });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      'the real-Terraform tier needs `terraform` (>= 1.4) on PATH and could not run it' +
        `${probe.error ? ` (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message})` : ''}; ` +
        'install Terraform, or set COS_MEDIA_SKIP_TERRAFORM=1 to skip this tier',
    );
  }
  return true;
}

/** `describe` when the tier runs, `describe.skip` when COS_MEDIA_SKIP_TERRAFORM=1; throws when terraform is missing. */
export const describeTerraform: jest.Describe = terraformTier() ? describe : describe.skip;

export interface TerraformRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A resource of `terraform show -json`'s state. */
export interface ShownResource {
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly tainted: boolean;
  readonly values: { readonly id: string; readonly triggers_replace: Record<string, string> | null };
}

/** One entry of a plan's `resource_changes`. */
export interface PlanChange {
  readonly address: string;
  readonly type: string;
  readonly change: {
    readonly actions: string[];
    readonly before: { triggers_replace?: Record<string, string> | null } | null;
    readonly after: { triggers_replace?: Record<string, string> | null } | null;
  };
  readonly action_reason?: string;
}

export interface PlanJson {
  readonly format_version: string;
  readonly terraform_version: string;
  readonly resource_changes?: PlanChange[];
}

export interface TerraformHarness {
  readonly emulator: RunningEmulator;
  readonly client: CosMediaClient;
  /** The test's own directory: project (outdir), state and results live under it. */
  readonly dir: string;
  /** The environment Terraform (and so the handler) runs with. */
  readonly env: NodeJS.ProcessEnv;
  /** Synthesizes (or re-synthesizes) the stack `name` with the terraform_data backing; returns its directory. */
  synth(build: (stack: TerraformStack) => void, name?: string): string;
  /** Runs terraform in `stackDir` with the harness environment (plus `env`); never throws on a non-zero exit. */
  terraform(stackDir: string, args: readonly string[], env?: NodeJS.ProcessEnv): Promise<TerraformRun>;
  /** `terraform init` once per stack directory (later calls do nothing). */
  init(stackDir: string): Promise<void>;
  /** `terraform apply -auto-approve`; never throws on a failed apply: look at `code`. */
  apply(stackDir: string, extra?: readonly string[]): Promise<TerraformRun>;
  /** `terraform plan -out` then `terraform show -json` of it: the JSON plan, and the plan file's path. */
  plan(stackDir: string, extra?: readonly string[]): Promise<{ json: PlanJson; planFile: string; jsonFile: string; exitCode: number | null }>;
  /** The resources of `terraform show -json` (the state), by address. */
  show(stackDir: string): Promise<Map<string, ShownResource>>;
  close(): Promise<void>;
}

const initialized = new Set<string>();

export async function startTerraformHarness(options: { jobDurationMs?: number } = {}): Promise<TerraformHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-tf-'));
  const emulator = await startEmulator({
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    jobDurationMs: options.jobDurationMs ?? 100,
    warn: () => undefined,
  });
  const client = new CosMediaClient({ region: REGION, credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emulator.url });
  const env: NodeJS.ProcessEnv = {
    ...handlerEnv(emulator.url, SECRET_ID, SECRET_KEY),
    COS_MEDIA_POLL_INTERVAL_MS: '50',
    COS_MEDIA_POLL_MAX_INTERVAL_MS: '200',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  };
  delete env.COS_MEDIA_RESULTS_DIR; // results go to the stack directory, where the secret scan looks

  const outdir = path.join(dir, 'cdktf.out');
  const run = (stackDir: string, args: readonly string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<TerraformRun> =>
    new Promise((resolve, reject) => {
      const child = spawn('terraform', [...args], { cwd: stackDir, env: { ...env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (b: Buffer) => out.push(b));
      child.stderr.on('data', (b: Buffer) => err.push(b));
      child.on('error', reject);
      child.on('close', (code, signal) =>
        resolve({ code, signal, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
      );
    });
  const mustRun = async (stackDir: string, args: readonly string[]): Promise<TerraformRun> => {
    const r = await run(stackDir, args);
    if (r.code !== 0) throw new Error(`terraform ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
    return r;
  };

  const h: TerraformHarness = {
    emulator,
    client,
    dir,
    env,
    synth(build, name = 'tf') {
      const app = new App({ outdir, stackTraces: false, context: { 'cdktf-cos-media:backing': 'terraform_data' } });
      const stack = new TerraformStack(app, name);
      new LocalBackend(stack, { path: path.join(dir, `terraform.${name}.tfstate`) });
      build(stack);
      app.synth();
      return path.join(outdir, 'stacks', name);
    },
    terraform: run,
    async init(stackDir) {
      if (initialized.has(stackDir)) return;
      await mustRun(stackDir, ['init', '-input=false', '-no-color']);
      initialized.add(stackDir);
    },
    async apply(stackDir, extra = []) {
      await h.init(stackDir);
      return run(stackDir, ['apply', '-auto-approve', '-input=false', '-no-color', ...extra]);
    },
    async plan(stackDir, extra = []) {
      await h.init(stackDir);
      const planFile = path.join(stackDir, 'tfplan');
      const r = await run(stackDir, ['plan', '-input=false', '-no-color', '-detailed-exitcode', `-out=${planFile}`, ...extra]);
      if (r.code !== 0 && r.code !== 2) throw new Error(`terraform plan exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
      const shown = await mustRun(stackDir, ['show', '-json', '-no-color', planFile]);
      const jsonFile = path.join(stackDir, 'tfplan.json');
      fs.writeFileSync(jsonFile, shown.stdout);
      return { json: JSON.parse(shown.stdout) as PlanJson, planFile, jsonFile, exitCode: r.code };
    },
    async show(stackDir) {
      await h.init(stackDir);
      const shown = await mustRun(stackDir, ['show', '-json', '-no-color']);
      const doc = JSON.parse(shown.stdout) as { values?: { root_module?: { resources?: ShownResource[] } } };
      const out = new Map<string, ShownResource>();
      for (const r of doc.values?.root_module?.resources ?? []) out.set(r.address, { ...r, tainted: (r as { tainted?: boolean }).tainted === true });
      return out;
    },
    async close() {
      await client.close();
      await emulator.stop();
      for (const d of [...initialized]) if (d.startsWith(dir)) initialized.delete(d);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** The construct path (the `construct` trigger) of each planned change that is not a no-op, with its actions. */
export function plannedActions(plan: PlanJson): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rc of plan.resource_changes ?? []) {
    const construct = (rc.change.after?.triggers_replace ?? rc.change.before?.triggers_replace)?.construct ?? rc.address;
    out[construct] = rc.change.actions.join(',');
  }
  return out;
}

/** The trigger keys whose values differ between `before` and `after` of a change. */
export function changedKeys(change: PlanChange): string[] {
  const before = change.change.before?.triggers_replace ?? {};
  const after = change.change.after?.triggers_replace ?? {};
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k]).sort();
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : e.isFile() ? [p] : [];
  });
}
