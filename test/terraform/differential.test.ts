/**
 * The local runner checked against real Terraform: the same terraform_data stack and the same sequence of
 * changes (create, no-op, changed value, added input, removed resource, removed template, taint after a failure) applied in
 * lockstep by `terraform` (its own state, its own emulator) and by the local runner (its own state file, its
 * own emulator). At each step `terraform show -json` of Terraform's plan and `cos-media plan --out` of the
 * runner's are compared JSON with JSON: every resource's entry must be the same, field by field (actions,
 * action_reason, before, after, after_unknown, sensitivity, replace_paths), ids aside (both are random UUIDs).
 * `cos-media plan-report` must accept the runner's file and say the same as on Terraform's. A second case
 * does the same for trigger-map edge cases on hand-written resources.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import type { TerraformStack } from 'cdktf';
import { MediaBucket, VideoEnhanceBatch, VideoEnhanceJob, VideoEnhanceTemplate, Watermark, WatermarkTemplate } from '../../src/constructs';
import { runLocalCommand } from '../../src/local';
import { runPlanReportCommand } from '../../src/report';
import { changedKeys, describeTerraform, REGION, startTerraformHarness, type PlanChange, type PlanJson, type TerraformHarness } from './terraform-harness';

const BUCKET = 'diff-1250000000';
const OBJECTS = ['raw/a.mp4', 'raw/b.mp4', 'raw/c.mp4', 'raw/single.mp4', 'raw/flaky.mp4'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Settings {
  readonly sharpen: number;
  readonly inputs: readonly string[];
  readonly single: boolean;
  readonly flaky: boolean;
  /** A third template, removed in one step: the stack's template list deletes it. */
  readonly spare: boolean;
}

function build(stack: TerraformStack, s: Settings): void {
  const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
  const hd = new VideoEnhanceTemplate(stack, 'hd', { bucket, name: 'diff-hd', msSharpen: { sharpenLevel: s.sharpen } });
  const mark = new WatermarkTemplate(stack, 'mark', { bucket, name: 'diff-mark', watermark: Watermark.text({ text: 'diff mark', pos: 'TopLeft' }) });
  if (s.spare) new VideoEnhanceTemplate(stack, 'spare', { bucket, name: 'diff-spare', msSharpen: { sharpenLevel: 1 } });
  if (s.single) {
    new VideoEnhanceJob(stack, 'single', {
      bucket,
      input: 'raw/single.mp4',
      template: hd,
      watermarks: [mark],
      output: { object: 'out/single-$$-%{y}.${ext}' },
      userData: 'literal ${not-an-expression} %{neither}',
    });
  }
  new VideoEnhanceBatch(stack, 'batch', { bucket, inputs: s.inputs, template: hd, output: { object: 'out/batch/${InputName}.${ext}' } });
  if (s.flaky) {
    new VideoEnhanceJob(stack, 'flaky', { bucket, input: 'raw/flaky.mp4', enhance: { msSharpen: { sharpenLevel: 2 } }, output: { object: 'out/flaky.${ext}' } });
  }
}

function collector(): { stream: Writable; text(): string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _e, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** A resource change with its ids masked: the only field that may differ between the two plans. */
function masked(rc: PlanChange): unknown {
  const mask = (v: Record<string, unknown> | null): unknown => {
    if (v === null || v.id === undefined) return v;
    expect(v.id).toMatch(UUID);
    return { ...v, id: '<id>' };
  };
  const change = rc.change as unknown as Record<string, unknown>;
  return { ...rc, change: { ...change, before: mask(change.before as Record<string, unknown> | null), after: mask(change.after as Record<string, unknown> | null) } };
}

/** Actions and changed trigger keys by address: what a reviewer reads off a plan. */
function summary(plan: PlanJson): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rc of plan.resource_changes ?? []) {
    const keys = changedKeys(rc);
    const reason = rc.action_reason ? ` (${rc.action_reason})` : '';
    const construct = (rc.change.after?.triggers_replace ?? rc.change.before?.triggers_replace)?.construct ?? rc.address;
    out[construct.replace(/^diff\//, '')] =
      `${rc.change.actions.join(',')}${reason}${rc.change.actions.includes('delete') && rc.change.actions.includes('create') ? ` [${keys.join(' ')}]` : ''}`;
  }
  return out;
}

describeTerraform('the local runner plans exactly as real Terraform 1.11 does, step by step (terraform_data)', () => {
  let tf: TerraformHarness;
  let local: TerraformHarness;
  let settings: Settings = { sharpen: 5, inputs: ['raw/a.mp4', 'raw/b.mp4'], single: true, flaky: false, spare: true };
  let tfDir = '';
  let localDir = '';
  let last: { tf: PlanJson; local: PlanJson; tfPlanFile: string };

  beforeAll(async () => {
    [tf, local] = await Promise.all([startTerraformHarness(), startTerraformHarness()]);
    for (const h of [tf, local]) {
      await h.client.putBucket({ bucket: BUCKET });
      for (const key of OBJECTS) await h.client.putObject({ bucket: BUCKET, key, body: `stand-in ${key}` });
    }
  });
  afterAll(async () => Promise.all([tf?.close(), local?.close()]));

  /** Synthesizes `next` for both sides, plans both, compares the two JSON plans and their plan-reports. */
  async function planBoth(next: Settings): Promise<Record<string, string>> {
    settings = next;
    tfDir = tf.synth((stack) => build(stack, settings), 'diff');
    localDir = local.synth((stack) => build(stack, settings), 'diff');
    const localFile = path.join(local.dir, 'local-plan.json');
    const out = collector();
    const [tfPlan, localCode] = await Promise.all([
      tf.plan(tfDir),
      runLocalCommand(['plan', localDir, '--out', localFile], { stdout: out.stream, stderr: out.stream }),
    ]);
    expect(localCode).toBe(0);
    expect(out.text()).toContain(`Saved the plan to: ${localFile}`);
    const localPlan = JSON.parse(fs.readFileSync(localFile, 'utf8')) as PlanJson;

    expect(localPlan.format_version).toBe(tfPlan.json.format_version);
    expect(tfPlan.json.terraform_version).toMatch(/^1\./);
    expect(localPlan.terraform_version).toBe('cos-media-local');
    expect((localPlan.resource_changes ?? []).map(masked)).toEqual((tfPlan.json.resource_changes ?? []).map(masked));
    expect(summary(localPlan)).toEqual(summary(tfPlan.json));

    // plan-report reads the runner's file and says what it says of Terraform's (its last line names the source).
    const [tfReport, localReport] = [collector(), collector()];
    expect(await runPlanReportCommand([tfPlan.jsonFile], { stdout: tfReport.stream, stderr: tfReport.stream })).toBe(0);
    expect(await runPlanReportCommand([localFile], { stdout: localReport.stream, stderr: localReport.stream })).toBe(0);
    const body = (text: string): string => text.replace(/<sub>From .*<\/sub>\n$/, '');
    expect(body(localReport.text())).toEqual(body(tfReport.text()));
    expect(localReport.text()).toContain('<sub>From the cos-media local runner (not Terraform), JSON plan format `1.2`');

    last = { tf: tfPlan.json, local: localPlan, tfPlanFile: tfPlan.planFile };
    return summary(tfPlan.json);
  }

  /** Applies Terraform's saved plan and the runner's (re-made from the same state); returns both exit codes. */
  async function applyBoth(): Promise<[number | null, number]> {
    const out = collector();
    const [t, l] = await Promise.all([
      tf.apply(tfDir, [last.tfPlanFile]),
      runLocalCommand(['apply', localDir], { stdout: out.stream, stderr: out.stream, env: local.env }),
    ]);
    return [t.code, l];
  }

  const jobInputs = (h: TerraformHarness) => h.emulator.state().jobs.map((j) => `${j.inputObject}:${j.state}`).sort();

  it('create: every resource created', async () => {
    expect(await planBoth(settings)).toEqual({
      batch: 'create', hd: 'create', mark: 'create', media: 'create', single: 'create', spare: 'create', CosMediaTemplates: 'create',
    });
    expect(await applyBoth()).toEqual([0, 0]);
    expect(jobInputs(local)).toEqual(jobInputs(tf));
    expect(jobInputs(tf)).toEqual(['raw/a.mp4:Success', 'raw/b.mp4:Success', 'raw/single.mp4:Success']);
  });

  it('no-op: nothing to do', async () => {
    expect(Object.values(await planBoth(settings))).toEqual(Array(7).fill('no-op'));
  });

  it('changed value: the template replaced on its changed keys, and the jobs that use it', async () => {
    expect(await planBoth({ ...settings, sharpen: 7 })).toEqual({
      batch: expect.stringMatching(/^create,delete \(replace_because_cannot_update\) \[spec_sha256 template\.spec_sha256\]$/),
      hd: 'create,delete (replace_because_cannot_update) [VideoEnhance.MsSharpen.SharpenLevel spec_sha256]',
      mark: 'no-op',
      media: 'no-op',
      single: 'create,delete (replace_because_cannot_update) [spec_sha256 template.spec_sha256]',
      spare: 'no-op',
      CosMediaTemplates: 'no-op',
    });
    expect(await applyBoth()).toEqual([0, 0]);
    expect(jobInputs(local)).toEqual(jobInputs(tf));
  });

  it('added input: the batch replaced on its input keys', async () => {
    expect((await planBoth({ ...settings, inputs: [...settings.inputs, 'raw/c.mp4'] })).batch).toBe(
      'create,delete (replace_because_cannot_update) [inputs.2 inputs.count inputs.sha256 spec_sha256]',
    );
    expect(await applyBoth()).toEqual([0, 0]);
    expect(jobInputs(local)).toEqual(jobInputs(tf));
  });

  it('removed resource: deleted because it has no configuration', async () => {
    const planned = await planBoth({ ...settings, single: false });
    expect(planned.single).toBe('delete (delete_because_no_resource_config)');
    expect(Object.entries(planned).filter(([, a]) => a !== 'no-op')).toHaveLength(1);
    expect(await applyBoth()).toEqual([0, 0]);
  });

  it('removed template: the template list replaced, and its create deletes exactly that template', async () => {
    const planned = await planBoth({ ...settings, spare: false });
    expect(planned.spare).toBe('delete (delete_because_no_resource_config)');
    expect(planned.CosMediaTemplates).toBe('delete,create (replace_because_cannot_update) [bucket.0.templates spec_sha256]');
    expect(Object.entries(planned).filter(([, a]) => a !== 'no-op')).toHaveLength(2);
    expect(await applyBoth()).toEqual([0, 0]);
    for (const h of [tf, local]) expect(h.emulator.state().templates.map((t) => t.name).sort()).toEqual(['diff-hd', 'diff-mark']);
  });

  it('taint after a failure: the failed job planned for replacement because it is tainted, then retried', async () => {
    expect((await planBoth({ ...settings, flaky: true })).flaky).toBe('create');
    for (const h of [tf, local]) {
      h.emulator.addFaults({ operation: 'RunMediaJob', times: 1, effect: { type: 'failJob', code: 'InputFileNotExist', message: 'injected' } });
    }
    const [tfCode, localCode] = await applyBoth();
    expect(tfCode).not.toBe(0);
    expect(localCode).toBe(1);

    const planned = await planBoth(settings);
    expect(Object.entries(planned).filter(([, a]) => a !== 'no-op')).toEqual([['flaky', 'create,delete (replace_because_tainted) []']]);
    expect(await applyBoth()).toEqual([0, 0]);
    expect(jobInputs(local)).toEqual(jobInputs(tf));
    expect(jobInputs(tf).filter((j) => j.startsWith('raw/flaky.mp4'))).toEqual(['raw/flaky.mp4:Failed', 'raw/flaky.mp4:Success']);

    expect(Object.values(await planBoth(settings)).every((a) => a === 'no-op')).toBe(true);
  });
});

/**
 * The map edge cases our constructs do not emit but the runner accepts: a null map, an empty one, a null map
 * becoming empty and back, a removed key, key order by UTF-8 bytes, escapes and characters JSON treats
 * specially. Hand-written terraform_data resources without provisioners, planned and applied in lockstep.
 */
describeTerraform('the local runner plans trigger-map edge cases exactly as real Terraform does', () => {
  let h: TerraformHarness;
  let tfDir: string;
  let localDir: string;
  let statePath: string;

  beforeAll(async () => {
    h = await startTerraformHarness();
    tfDir = path.join(h.dir, 'tf');
    localDir = path.join(h.dir, 'local');
    statePath = path.join(h.dir, 'local.tfstate.json');
    for (const d of [tfDir, localDir]) fs.mkdirSync(d);
  });
  afterAll(async () => h?.close());

  async function step(resources: Record<string, Record<string, unknown>>): Promise<Record<string, string>> {
    const doc = `${JSON.stringify({ '//': { metadata: { stackName: 'edge' } }, resource: { terraform_data: resources } }, null, 2)}\n`;
    for (const d of [tfDir, localDir]) fs.writeFileSync(path.join(d, 'cdk.tf.json'), doc);
    const localFile = path.join(h.dir, 'edge-plan.json');
    const out = collector();
    const [tfPlan, localCode] = await Promise.all([
      h.plan(tfDir),
      runLocalCommand(['plan', localDir, '--state', statePath, '--out', localFile], { stdout: out.stream, stderr: out.stream }),
    ]);
    expect(localCode).toBe(0);
    const localPlan = JSON.parse(fs.readFileSync(localFile, 'utf8')) as PlanJson;
    expect((localPlan.resource_changes ?? []).map(masked)).toEqual((tfPlan.json.resource_changes ?? []).map(masked));
    const applied = collector();
    const [t, l] = await Promise.all([
      h.apply(tfDir, [tfPlan.planFile]),
      runLocalCommand(['apply', localDir, '--state', statePath], { stdout: applied.stream, stderr: applied.stream, env: h.env }),
    ]);
    expect([t.code, l]).toEqual([0, 0]);
    return Object.fromEntries((tfPlan.json.resource_changes ?? []).map((rc) => [rc.address, `${rc.change.actions.join(',')} [${changedKeys(rc).join(' ')}]`]));
  }

  it('agrees on null and empty maps, removed and added keys, key order, and escaped or special characters', async () => {
    const special = { b: '1', a: 'x $${y} %%{z}', 'é': '<&>\u2028"\\', Z: '', 'a.b': 'ü' };
    expect(await step({ A: { triggers_replace: special }, B: {}, C: { triggers_replace: {} }, D: { triggers_replace: { k: 'v' } } })).toEqual({
      'terraform_data.A': 'create [Z a a.b b é]',
      'terraform_data.B': 'create []',
      'terraform_data.C': 'create []',
      'terraform_data.D': 'create [k]',
    });
    const { Z: _dropped, ...rest } = special;
    expect(
      await step({
        A: { triggers_replace: { ...rest, c: 'new' } },
        B: { triggers_replace: {} },
        C: { triggers_replace: null },
        E: { triggers_replace: { k: 'v' }, depends_on: ['terraform_data.A'] },
      }),
    ).toEqual({
      'terraform_data.A': 'delete,create [Z c]',
      'terraform_data.B': 'delete,create []',
      'terraform_data.C': 'delete,create []',
      'terraform_data.D': 'delete [k]',
      'terraform_data.E': 'create [k]',
    });
    expect(
      Object.values(
        await step({ A: { triggers_replace: { ...rest, c: 'new' } }, B: { triggers_replace: {} }, C: {}, E: { triggers_replace: { k: 'v' }, depends_on: ['terraform_data.A'] } }),
      ),
    ).toEqual(Array(4).fill('no-op []'));
  });
});
