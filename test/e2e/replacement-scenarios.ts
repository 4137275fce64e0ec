/**
 * Two end-to-end scenarios about replacements, run by both the local runner (test/e2e, the null_resource
 * backing) and real Terraform (test/terraform, the terraform_data backing), against the real emulator and the
 * real bundled handler:
 * - a template changed twice keeps its TemplateId, its jobs are re-submitted once per change, and destroying
 *   it deletes it; a stale delete of an older version leaves it alone;
 * - a batch whose jobs wait in a paused queue gains and loses inputs: kept inputs' jobs are neither cancelled
 *   nor submitted again, only a removed input's job is cancelled.
 * Assertions read the emulator's state, never log text.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import type { CosMediaClient } from '../../src/client';
import { MediaBucket, useBacking, VideoEnhanceBatch, VideoEnhanceJob, VideoEnhanceTemplate } from '../../src/constructs';
import type { RunningEmulator } from '../../src/emulator';

const HANDLER = path.join(__dirname, '..', '..', 'dist', 'handler-bundle', 'cos-media-handler.js');

/** What a scenario needs from a runner (local or Terraform). */
export interface ScenarioRunner {
  readonly emulator: RunningEmulator;
  readonly client: CosMediaClient;
  readonly region: string;
  /** The environment the handler runs with (credentials, endpoint). */
  readonly env: NodeJS.ProcessEnv;
  synth(build: (stack: TerraformStack) => void): string;
  /** Applies; resolves to whether it succeeded. */
  apply(stackDir: string): Promise<boolean>;
  destroy(stackDir: string): Promise<boolean>;
  /** The planned action of each construct that changes: `create`, `create,delete` (create before destroy), … */
  actions(stackDir: string): Promise<Record<string, string>>;
  /** Marks the resource of the construct whose path ends with `/<id>` as tainted. */
  taint(stackDir: string, id: string): Promise<void>;
}

/** The trigger map of the construct whose path ends with `/<id>`, as the handler receives it. */
export function triggersOf(stackDir: string, id: string): Record<string, string> {
  const doc = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as {
    resource: Record<string, Record<string, { triggers?: Record<string, string>; triggers_replace?: Record<string, string> }>>;
  };
  for (const byName of Object.values(doc.resource)) {
    for (const body of Object.values(byName)) {
      const t = body.triggers ?? body.triggers_replace;
      if (t?.construct?.endsWith(`/${id}`)) {
        // The synthesized JSON escapes `${` and `%{` for Terraform; the handler gets them back unescaped.
        return Object.fromEntries(Object.entries(t).map(([k, v]) => [k.replace(/([$%])\1\{/g, '$1{'), v.replace(/([$%])\1\{/g, '$1{')]));
      }
    }
  }
  throw new Error(`no resource for a construct named ${id} in ${stackDir}`);
}

/** Runs the bundled handler's `command` for these triggers, as a provisioner would (the emulator runs in this process: never block it). */
export function runHandler(env: NodeJS.ProcessEnv, command: 'create' | 'delete', triggers: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [HANDLER, command], { env: { ...env, COS_MEDIA_TRIGGERS: JSON.stringify(triggers) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (out += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

const TEMPLATE_INPUTS = ['tpl/one.mp4', 'tpl/b1.mp4', 'tpl/b2.mp4'];

/** A changed template keeps its TemplateId; its jobs are re-submitted exactly once per change. */
export async function templateUpdatedInPlace(r: ScenarioRunner, bucketName: string): Promise<void> {
  await r.client.putBucket({ bucket: bucketName });
  for (const key of TEMPLATE_INPUTS) await r.client.putObject({ bucket: bucketName, key, body: `stand-in ${key}` });
  const build = (level: number) => (stack: TerraformStack) => {
    const bucket = new MediaBucket(stack, 'media', { bucket: bucketName, region: r.region });
    const hd = new VideoEnhanceTemplate(stack, 'hd', { bucket, name: 'in-place-hd', msSharpen: { sharpenLevel: level } });
    new VideoEnhanceJob(stack, 'single', { bucket, input: 'tpl/one.mp4', template: hd, output: { object: 'out/one-${jobid}.${ext}' } });
    new VideoEnhanceBatch(stack, 'batch', { bucket, inputs: ['tpl/b1.mp4', 'tpl/b2.mp4'], template: hd, output: { object: 'out/${InputName}-${jobid}.${ext}' } });
  };
  const templates = () => r.emulator.state().templates.filter((t) => t.bucket === bucketName && t.name === 'in-place-hd');
  const jobs = () => r.emulator.state().jobs.filter((j) => j.bucket === bucketName);
  const level = (j: { templateParams?: unknown }) => (j.templateParams as { MsSharpen?: { SharpenLevel?: string } } | undefined)?.MsSharpen?.SharpenLevel;

  let stackDir = r.synth(build(5));
  expect(await r.apply(stackDir)).toBe(true);
  expect(templates()).toHaveLength(1);
  const templateId = templates()[0]?.templateId;
  expect(jobs().map((j) => j.inputObject).sort()).toEqual([...TEMPLATE_INPUTS].sort());
  const v5Triggers = triggersOf(stackDir, 'hd');

  for (const [change, value] of [[1, 6], [2, 7]] as const) {
    stackDir = r.synth(build(value));
    expect(await r.actions(stackDir)).toEqual({ 'hd': 'create,delete', 'single': 'create,delete', 'batch': 'create,delete' });
    expect(await r.apply(stackDir)).toBe(true);
    // The same template, updated in place: same id, the new value, never two under the name.
    expect(templates().map((t) => [t.templateId, (t.body as { MsSharpen?: { SharpenLevel?: string } }).MsSharpen?.SharpenLevel])).toEqual([
      [templateId, String(value)],
    ]);
    // Each input re-submitted exactly once per change; the earlier jobs keep what they were submitted with.
    const all = jobs();
    expect(all).toHaveLength(TEMPLATE_INPUTS.length * (change + 1));
    for (const input of TEMPLATE_INPUTS) {
      expect(all.filter((j) => j.inputObject === input).map(level)).toEqual(['5', '6', '7'].slice(0, change + 1));
    }
    expect(all.every((j) => j.state === 'Success' && j.operation.TemplateId === templateId)).toBe(true);
  }

  // Tainted and re-applied: the create runs again, finds its own template as it is; nothing else happens.
  await r.taint(stackDir, 'hd');
  expect(await r.actions(stackDir)).toEqual({ 'hd': 'create,delete' });
  expect(await r.apply(stackDir)).toBe(true);
  expect(templates().map((t) => t.templateId)).toEqual([templateId]);
  expect(jobs()).toHaveLength(TEMPLATE_INPUTS.length * 3);

  // A late delete of the first version (a replaced object's, or a racing apply's) leaves the updated template alone.
  const stale = await runHandler(r.env, 'delete', v5Triggers);
  expect(stale).toEqual({ code: 0, out: expect.stringContaining('left in place') });
  expect(templates().map((t) => t.templateId)).toEqual([templateId]);

  // Destroying the template resource deletes it (by name), and its owner record.
  expect(await r.destroy(stackDir)).toBe(true);
  expect(templates()).toEqual([]);
  const objects = r.emulator.state().objects.filter((o) => o.bucket === bucketName).map((o) => o.key);
  expect(objects.filter((k) => k.startsWith('.cos-media/templates/'))).toEqual([]);
}

const QUEUED = ['q/a.mp4', 'q/b.mp4', 'q/c.mp4', 'q/d.mp4'];

/** A batch whose jobs wait in a paused queue gains and loses inputs: only what it drops is cancelled. */
export async function queuedJobsKept(r: ScenarioRunner, bucketName: string): Promise<void> {
  await r.client.putBucket({ bucket: bucketName });
  for (const key of QUEUED) await r.client.putObject({ bucket: bucketName, key, body: `stand-in ${key}` });
  await r.client.enableMediaProcessing({ bucket: bucketName });
  const queue = r.emulator.state().queues.find((q) => q.bucket === bucketName);
  if (!queue) throw new Error('no queue');
  await r.client.updateQueue({ bucket: bucketName, queueId: queue.queueId, queue: { Name: 'paused', State: 'Paused', NotifyConfig: { State: 'Off' } } });

  const build = (inputs: readonly string[], waitTimeoutSeconds = 600) => (stack: TerraformStack) => {
    const bucket = new MediaBucket(stack, 'media', { bucket: bucketName, region: r.region });
    new VideoEnhanceBatch(stack, 'catalog', {
      bucket,
      inputs,
      enhance: { msSharpen: { sharpenLevel: 3 } },
      output: { object: 'out/${InputName}.${ext}' },
      wait: false,
      waitTimeoutSeconds,
    });
  };
  const jobs = () => r.emulator.state().jobs.filter((j) => j.bucket === bucketName);
  const byInput = () => Object.fromEntries(jobs().map((j) => [`${j.inputObject} ${j.jobId}`, j.state]));

  let stackDir = r.synth(build(QUEUED.slice(0, 3)));
  expect(await r.apply(stackDir)).toBe(true);
  const first = jobs();
  expect(first.map((j) => [j.inputObject, j.state])).toEqual(QUEUED.slice(0, 3).map((k) => [k, 'Pause']));

  // One input added: the batch is replaced; the three queued jobs stay queued, only the new input is submitted.
  stackDir = r.synth(build(QUEUED));
  expect(await r.actions(stackDir)).toEqual({ catalog: 'create,delete' });
  expect(await r.apply(stackDir)).toBe(true);
  expect(jobs().map((j) => [j.inputObject, j.state])).toEqual(QUEUED.map((k) => [k, 'Pause']));
  expect(jobs().slice(0, 3).map((j) => j.jobId)).toEqual(first.map((j) => j.jobId));

  // A setting that is not part of the job spec: replaced, nothing cancelled, nothing submitted.
  const before = byInput();
  stackDir = r.synth(build(QUEUED, 900));
  expect(await r.actions(stackDir)).toEqual({ catalog: 'create,delete' });
  expect(await r.apply(stackDir)).toBe(true);
  expect(byInput()).toEqual(before);

  // One input removed: its queued job is cancelled, the others stay queued.
  stackDir = r.synth(build(['q/a.mp4', 'q/b.mp4', 'q/d.mp4'], 900));
  expect(await r.apply(stackDir)).toBe(true);
  expect(jobs().map((j) => [j.inputObject, j.state])).toEqual([
    ['q/a.mp4', 'Pause'],
    ['q/b.mp4', 'Pause'],
    ['q/c.mp4', 'Cancel'],
    ['q/d.mp4', 'Pause'],
  ]);

  // Destroying the batch cancels what it still holds.
  expect(await r.destroy(stackDir)).toBe(true);
  expect(jobs().map((j) => j.state)).toEqual(['Cancel', 'Cancel', 'Cancel', 'Cancel']);
}

/**
 * A stack with two templates loses one construct: the next apply deletes exactly that template (Terraform does
 * not run the removed resource's delete; the stack's template set does it), the other keeps its TemplateId, and
 * a template another stack made in the same bucket, under the same construct id, is untouched.
 */
export async function removedTemplateDeleted(r: ScenarioRunner, bucketName: string): Promise<void> {
  await r.client.putBucket({ bucket: bucketName });
  const build = (ids: readonly string[]) => (stack: TerraformStack) => {
    const bucket = new MediaBucket(stack, 'media', { bucket: bucketName, region: r.region });
    ids.forEach((id, i) => new VideoEnhanceTemplate(stack, id, { bucket, name: `removal-${id}`, msSharpen: { sharpenLevel: 3 + i } }));
  };
  const templates = () =>
    r.emulator
      .state()
      .templates.filter((t) => t.bucket === bucketName)
      .map((t) => [t.name, t.templateId] as const)
      .sort(([a], [b]) => a.localeCompare(b));
  const ownerRecords = () => r.emulator.state().objects.filter((o) => o.bucket === bucketName && o.key.startsWith('.cos-media/templates/'));

  let stackDir = r.synth(build(['keep', 'drop']));
  expect(await r.apply(stackDir)).toBe(true);

  // Another stack's template in the same bucket, made by its own create step (its construct is also called `drop`).
  const otherOut = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-other-stack-'));
  try {
    const app = new App({ outdir: otherOut, stackTraces: false });
    const other = new TerraformStack(app, 'other');
    useBacking(other, 'terraform_data');
    const bucket = new MediaBucket(other, 'media', { bucket: bucketName, region: r.region });
    new VideoEnhanceTemplate(other, 'drop', { bucket, name: 'other-drop', msSharpen: { sharpenLevel: 9 } });
    app.synth();
    const made = await runHandler(r.env, 'create', triggersOf(path.join(otherOut, 'stacks', 'other'), 'drop'));
    expect(made.code).toBe(0);
  } finally {
    fs.rmSync(otherOut, { recursive: true, force: true });
  }
  const before = templates();
  expect(before.map(([name]) => name)).toEqual(['other-drop', 'removal-drop', 'removal-keep']);
  expect(ownerRecords()).toHaveLength(3);

  // The `drop` construct is removed from the code: the next apply deletes its template, and only that one.
  stackDir = r.synth(build(['keep']));
  expect(await r.actions(stackDir)).toMatchObject({ CosMediaTemplates: expect.stringMatching(/create/) });
  expect(await r.apply(stackDir)).toBe(true);
  expect(templates()).toEqual(before.filter(([name]) => name !== 'removal-drop'));
  expect(ownerRecords()).toHaveLength(2);

  // Applied again: nothing else is removed.
  expect(await r.apply(stackDir)).toBe(true);
  expect(templates()).toEqual(before.filter(([name]) => name !== 'removal-drop'));

  // Destroying the stack deletes its remaining template; the other stack's stays.
  expect(await r.destroy(stackDir)).toBe(true);
  expect(templates()).toEqual(before.filter(([name]) => name === 'other-drop'));
}
