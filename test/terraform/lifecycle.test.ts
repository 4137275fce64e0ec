/**
 * Real Terraform (from PATH) applies, re-plans, changes and destroys a terraform_data stack against the
 * emulator. Assertions read the emulator's state and `terraform show -json`, never log text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import type { TerraformStack } from 'cdktf';
import {
  MediaBucket,
  VideoEnhanceBatch,
  VideoEnhanceJob,
  VideoEnhanceTemplate,
  Watermark,
  WatermarkTemplate,
} from '../../src/constructs';
import { runPlanReportCommand } from '../../src/report';
import {
  changedKeys,
  describeTerraform,
  filesUnder,
  plannedActions,
  REGION,
  SECRET_KEY,
  startTerraformHarness,
  type PlanJson,
  type TerraformHarness,
} from './terraform-harness';

const BUCKET = 'tf-1250000000';
const INPUTS = ['raw/a.mp4', 'raw/b.mp4', 'raw/c.mp4'];
const ADDED = 'raw/d.mp4';
/** Strings Terraform would read as templates, and an already-doubled escape: all reach the service as written. */
const TRICKY_USER_DATA = 'literal ${not-an-expression} %{neither} $${kept-doubled}';

interface Settings {
  readonly sharpen: number;
  readonly inputs: readonly string[];
}

function build(stack: TerraformStack, s: Settings): void {
  const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
  const hd = new VideoEnhanceTemplate(stack, 'hd', { bucket, name: 'tf-hd', msSharpen: { sharpenLevel: s.sharpen } });
  const mark = new WatermarkTemplate(stack, 'mark', {
    bucket,
    name: 'tf-mark',
    watermark: Watermark.text({ text: 'tf tier', pos: 'TopLeft', fontSize: 20 }),
  });
  new VideoEnhanceJob(stack, 'single', {
    bucket,
    input: 'raw/single.mp4',
    template: hd,
    watermarks: [mark],
    output: { object: 'out/single-$$-%{y}-$$$x.${ext}' },
    userData: TRICKY_USER_DATA,
  });
  new VideoEnhanceBatch(stack, 'batch', { bucket, inputs: s.inputs, template: hd, output: { object: 'out/batch/${InputName}.${ext}' } });
}

/** Runs `cos-media plan-report` (the CLI entry) on a plan JSON file; returns its exit code and Markdown. */
async function planReport(file: string): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk, _e, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  const code = await runPlanReportCommand([file], { stdout: sink, stderr: sink });
  return { code, out: chunks.join('') };
}

function changeOf(plan: PlanJson, construct: string) {
  const found = (plan.resource_changes ?? []).find(
    (rc) => (rc.change.after?.triggers_replace ?? rc.change.before?.triggers_replace)?.construct === construct,
  );
  if (!found) throw new Error(`no change for ${construct}`);
  return found;
}

describeTerraform('real Terraform applies a terraform_data stack against the emulator', () => {
  let h: TerraformHarness;
  let stackDir: string;
  const jobs = () => h.emulator.state().jobs;
  const jobsOf = (input: string) => jobs().filter((j) => j.inputObject === input);

  beforeAll(async () => {
    h = await startTerraformHarness();
    await h.client.putBucket({ bucket: BUCKET });
    for (const key of [...INPUTS, ADDED, 'raw/single.mp4', 'raw/fails.mp4']) {
      await h.client.putObject({ bucket: BUCKET, key, body: `stand-in ${key}` });
    }
  });
  afterAll(async () => h?.close());

  it('applies a bucket, both template kinds, a job and a batch; a second plan has nothing to do', async () => {
    stackDir = h.synth((stack) => build(stack, { sharpen: 5, inputs: INPUTS }));
    const cfg = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as Record<string, unknown>;
    expect(cfg.provider).toBeUndefined();
    expect(Object.keys(cfg.resource as object)).toEqual(['terraform_data']);

    const first = await h.plan(stackDir);
    expect(first.exitCode).toBe(2);
    expect(Object.values(plannedActions(first.json))).toEqual(['create', 'create', 'create', 'create', 'create', 'create']);
    const firstReport = await planReport(first.jsonFile);
    expect(firstReport.code).toBe(0);
    expect(firstReport.out).toContain('6 to create (6 cdktf-cos-media resources, 0 other resources)');

    const applied = await h.apply(stackDir);
    expect(applied.code).toBe(0);

    const state = h.emulator.state();
    expect(state.mediaBuckets.map((b) => b.bucket)).toContain(BUCKET);
    expect(state.templates.map((t) => [t.name, t.tag]).sort()).toEqual([
      ['tf-hd', 'VideoEnhance'],
      ['tf-mark', 'Watermark'],
    ]);
    expect(jobs().map((j) => j.inputObject).sort()).toEqual([...INPUTS, 'raw/single.mp4'].sort());
    expect(jobs().every((j) => j.state === 'Success')).toBe(true);

    const shown = await h.show(stackDir);
    expect([...shown.values()].map((r) => [r.type, r.tainted])).toEqual(Array(6).fill(['terraform_data', false]));
    expect([...shown.values()].map((r) => r.values.triggers_replace?.construct).sort()).toEqual(
      ['tf/CosMediaTemplates', 'tf/batch', 'tf/hd', 'tf/mark', 'tf/media', 'tf/single'],
    );

    const again = await h.plan(stackDir);
    expect(again.exitCode).toBe(0);
    expect(Object.values(plannedActions(again.json)).every((a) => a === 'no-op')).toBe(true);
  });

  it('passes user strings with ${, %{ and $${ to the service byte for byte', () => {
    const single = jobsOf('raw/single.mp4')[0];
    expect((single?.operation as { UserData?: string }).UserData).toBe(TRICKY_USER_DATA);
    expect((single?.operation as { Output?: { Object?: string } }).Output?.Object).toBe('out/single-$$-%{y}-$$$x.${ext}');
  });

  it('shows one changed template value as exactly that key (and the spec hash), replaces its job and batch, and re-submits exactly those jobs', async () => {
    const before = jobs().length;
    h.synth((stack) => build(stack, { sharpen: 7, inputs: INPUTS }));
    const plan = await h.plan(stackDir);
    expect(plan.exitCode).toBe(2);
    expect(plannedActions(plan.json)).toEqual({
      'tf/media': 'no-op',
      'tf/hd': 'create,delete',
      'tf/mark': 'no-op',
      'tf/single': 'create,delete',
      'tf/batch': 'create,delete',
      // The stack's template list: the same templates are declared.
      'tf/CosMediaTemplates': 'no-op',
    });
    expect(changedKeys(changeOf(plan.json, 'tf/hd'))).toEqual(['VideoEnhance.MsSharpen.SharpenLevel', 'spec_sha256']);
    // The jobs change only through the template's hash they carry.
    for (const job of ['tf/single', 'tf/batch']) {
      expect(changedKeys(changeOf(plan.json, job)).filter((k) => k !== 'spec_sha256')).toEqual([
        expect.stringMatching(/^template\..*sha256$/),
      ]);
    }
    const report = await planReport(plan.jsonFile);
    expect(report.out).toContain('`VideoEnhance.MsSharpen.SharpenLevel`: `5` -> `7`');
    expect(report.out).toContain('- **updated in place** `tf-hd` (VideoEnhance template in `tf-1250000000`): same TemplateId');
    const templateId = h.emulator.state().templates.find((t) => t.name === 'tf-hd')?.templateId;
    expect(report.out).toContain('this plan re-submits paid VideoEnhance jobs');

    const applied = await h.apply(stackDir);
    expect(applied.code).toBe(0);
    const added = jobs().slice(before);
    expect(added.map((j) => j.inputObject).sort()).toEqual([...INPUTS, 'raw/single.mp4'].sort());
    expect(h.emulator.state().templates.find((t) => t.name === 'tf-hd')).toMatchObject({ templateId, body: { MsSharpen: { SharpenLevel: '7' } } });
    expect((await h.plan(stackDir)).exitCode).toBe(0);
  });

  it('submits exactly one new job for one added batch input', async () => {
    const before = jobs().length;
    h.synth((stack) => build(stack, { sharpen: 7, inputs: [...INPUTS, ADDED] }));
    const plan = await h.plan(stackDir);
    expect(plannedActions(plan.json)['tf/batch']).toBe('create,delete');
    expect(changedKeys(changeOf(plan.json, 'tf/batch'))).toEqual(['inputs.3', 'inputs.count', 'inputs.sha256', 'spec_sha256']);
    const report = await planReport(plan.jsonFile);
    expect(report.code).toBe(0);

    expect((await h.apply(stackDir)).code).toBe(0);
    expect(jobs().slice(before).map((j) => j.inputObject)).toEqual([ADDED]);
  });

  it('fails the apply and taints the resource when the service fails a job; the next apply submits it again and nothing else', async () => {
    const failing = (stack: TerraformStack) => {
      build(stack, { sharpen: 7, inputs: [...INPUTS, ADDED] });
      const bucket = stack.node.findChild('media') as MediaBucket;
      new VideoEnhanceJob(stack, 'flaky', { bucket, input: 'raw/fails.mp4', enhance: { msSharpen: { sharpenLevel: 2 } }, output: { object: 'out/flaky.${ext}' } });
    };
    h.synth(failing);
    h.emulator.addFaults({ operation: 'RunMediaJob', times: 1, effect: { type: 'failJob', code: 'InputFileNotExist', message: 'injected' } });
    const before = jobs().length;
    const failed = await h.apply(stackDir);
    expect(failed.code).not.toBe(0);
    expect(jobs().slice(before).map((j) => [j.inputObject, j.state])).toEqual([['raw/fails.mp4', 'Failed']]);
    const shown = await h.show(stackDir);
    const flaky = [...shown.values()].find((r) => r.values.triggers_replace?.construct === 'tf/flaky');
    expect(flaky?.tainted).toBe(true);

    const plan = await h.plan(stackDir);
    expect(Object.entries(plannedActions(plan.json)).filter(([, a]) => a !== 'no-op')).toEqual([['tf/flaky', 'create,delete']]);
    const retried = await h.apply(stackDir);
    expect(retried.code).toBe(0);
    expect(jobs().slice(before + 1).map((j) => [j.inputObject, j.state])).toEqual([['raw/fails.mp4', 'Success']]);
  });

  it('adopts everything after the state is forgotten (terraform state rm): no template replaced, no job submitted', async () => {
    const templatesBefore = h.emulator.state().templates.map((t) => [t.name, t.templateId]).sort();
    const jobsBefore = jobs().length;
    const addresses = [...(await h.show(stackDir)).keys()];
    expect(addresses).toHaveLength(7); // six constructs and the stack's template list
    const removed = await h.terraform(stackDir, ['state', 'rm', '-no-color', ...addresses]);
    expect(removed.code).toBe(0);
    expect((await h.show(stackDir)).size).toBe(0);

    expect((await h.apply(stackDir)).code).toBe(0);
    expect(jobs().length).toBe(jobsBefore);
    expect(h.emulator.state().templates.map((t) => [t.name, t.templateId]).sort()).toEqual(templatesBefore);
    expect((await h.show(stackDir)).size).toBe(7);
  });

  it('destroys: templates are removed, outputs and the ledger are kept, and no file holds the secret', async () => {
    const objectsBefore = h.emulator.state().objects.filter((o) => o.bucket === BUCKET).map((o) => o.key);
    expect(objectsBefore.some((k) => k.startsWith('out/batch/'))).toBe(true);
    expect(objectsBefore.some((k) => k.startsWith('.cos-media/ledger/groups/'))).toBe(true);
    expect(objectsBefore.some((k) => k.startsWith('.cos-media/ledger/resources/'))).toBe(true);
    const destroyed = await h.terraform(stackDir, ['destroy', '-auto-approve', '-input=false', '-no-color']);
    expect(destroyed.code).toBe(0);
    const state = h.emulator.state();
    expect(state.templates).toEqual([]);
    const objectsAfter = state.objects.filter((o) => o.bucket === BUCKET).map((o) => o.key);
    for (const key of objectsBefore.filter((k) => k.startsWith('out/') || k.startsWith('.cos-media/ledger/groups/'))) {
      expect(objectsAfter).toContain(key);
    }
    // What each job resource held, and which construct owned each template, goes with them.
    expect(objectsAfter.filter((k) => k.startsWith('.cos-media/ledger/resources/') || k.startsWith('.cos-media/templates/'))).toEqual([]);
    expect((await h.show(stackDir)).size).toBe(0);

    // State, backups, plan files, plan JSON, results, the synthesized stack: nothing holds the secret key.
    const files = filesUnder(h.dir);
    expect(files.some((f) => f.endsWith('.tfstate'))).toBe(true);
    expect(files.some((f) => f.endsWith('tfplan'))).toBe(true);
    expect(files.some((f) => f.includes('cos-media-results'))).toBe(true);
    const holding = files.filter((f) => fs.readFileSync(f).includes(SECRET_KEY));
    expect(holding).toEqual([]);
  });
});
