/**
 * A template driven by a Terraform variable, under real Terraform: `terraform plan -var …` shows the template
 * and exactly the jobs using it replaced, apply re-submits exactly those jobs, and the same value changes nothing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformVariable, type TerraformStack } from 'cdktf';
import { MediaBucket, VideoEnhanceJob, VideoEnhanceTemplate } from '../../src/constructs';
import { parseStack, STACK_FILE } from '../../src/local/stack-config';
import { runResultsCommand } from '../../src/results';
import { changedKeys, describeTerraform, plannedActions, REGION, startTerraformHarness, type PlanJson, type TerraformHarness } from './terraform-harness';

const BUCKET = 'tfvar-1250000000';

function build(stack: TerraformStack): void {
  const level = new TerraformVariable(stack, 'sharpen_level', { type: 'number', default: 5 });
  const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
  const hd = new VideoEnhanceTemplate(stack, 'hd', { bucket, name: 'tfvar-hd', msSharpen: { sharpenLevel: level.numberValue } });
  new VideoEnhanceJob(stack, 'uses', { bucket, input: 'raw/uses.mp4', template: hd, output: { object: 'out/uses.${ext}' } });
  new VideoEnhanceJob(stack, 'inline', { bucket, input: 'raw/inline.mp4', enhance: { msSharpen: { sharpenLevel: 3 } }, output: { object: 'out/inline.${ext}' } });
}

function loadStackWith(stackDir: string, env: Record<string, string>) {
  return parseStack(JSON.parse(fs.readFileSync(path.join(stackDir, STACK_FILE), 'utf8')), stackDir, undefined, env);
}

function changeOf(plan: PlanJson, construct: string) {
  const found = (plan.resource_changes ?? []).find((rc) => (rc.change.after?.triggers_replace ?? rc.change.before?.triggers_replace)?.construct === construct);
  if (!found) throw new Error(`no change for ${construct}`);
  return found;
}

describeTerraform('a variable-driven template under real Terraform', () => {
  let h: TerraformHarness;
  let stackDir: string;
  const jobs = () => h.emulator.state().jobs;

  beforeAll(async () => {
    h = await startTerraformHarness();
    await h.client.putBucket({ bucket: BUCKET });
    for (const key of ['raw/uses.mp4', 'raw/inline.mp4']) await h.client.putObject({ bucket: BUCKET, key, body: `stand-in ${key}` });
    stackDir = h.synth(build, 'tfvar');
    const applied = await h.apply(stackDir, ['-var', 'sharpen_level=5']);
    if (applied.code !== 0) throw new Error(`apply failed:\n${applied.stdout}\n${applied.stderr}`);
  });
  afterAll(async () => h?.close());

  it('applies the variable\'s value to the template and submits each job once', () => {
    expect(h.emulator.state().templates.find((t) => t.name === 'tfvar-hd')?.body).toMatchObject({ MsSharpen: { SharpenLevel: '5' } });
    expect(jobs().map((j) => j.inputObject).sort()).toEqual(['raw/inline.mp4', 'raw/uses.mp4']);
  });

  it('plans nothing and submits nothing when the variable keeps its value, even after a re-synth', async () => {
    stackDir = h.synth(build, 'tfvar'); // a second synth in this process: other token numbers, the same stack
    const plan = await h.plan(stackDir, ['-var', 'sharpen_level=5']);
    expect(plan.exitCode).toBe(0);
    const before = jobs().length;
    expect((await h.apply(stackDir, ['-var', 'sharpen_level=5'])).code).toBe(0);
    expect(jobs().length).toBe(before);
  });

  it('shows the template and exactly the job using it replaced when the variable changes, and re-submits exactly that job', async () => {
    const plan = await h.plan(stackDir, ['-var', 'sharpen_level=8']);
    expect(plan.exitCode).toBe(2);
    expect(plannedActions(plan.json)).toEqual({
      'tfvar/media': 'no-op',
      'tfvar/hd': 'create,delete',
      'tfvar/uses': 'create,delete',
      'tfvar/inline': 'no-op',
      'tfvar/CosMediaTemplates': 'no-op',
    });
    expect(changedKeys(changeOf(plan.json, 'tfvar/hd'))).toEqual(['VideoEnhance.MsSharpen.SharpenLevel']);
    expect(changedKeys(changeOf(plan.json, 'tfvar/uses'))).toEqual(['template.spec_sha256']);

    const before = jobs().length;
    expect((await h.apply(stackDir, ['-var', 'sharpen_level=8'])).code).toBe(0);
    expect(jobs().slice(before).map((j) => j.inputObject)).toEqual(['raw/uses.mp4']);
    expect(h.emulator.state().templates.find((t) => t.name === 'tfvar-hd')?.body).toMatchObject({ MsSharpen: { SharpenLevel: '8' } });

    const again = await h.plan(stackDir, ['-var', 'sharpen_level=8']);
    expect(again.exitCode).toBe(0);
  });

  it('re-submits nothing when the variable goes back to a value whose job already ran: the idempotency key finds it', async () => {
    const plan = await h.plan(stackDir, ['-var', 'sharpen_level=5']);
    expect(plannedActions(plan.json)['tfvar/uses']).toBe('create,delete');
    const before = jobs().length;
    expect((await h.apply(stackDir, ['-var', 'sharpen_level=5'])).code).toBe(0);
    expect(jobs().length).toBe(before);
    expect(h.emulator.state().templates.find((t) => t.name === 'tfvar-hd')?.body).toMatchObject({ MsSharpen: { SharpenLevel: '5' } });
  });

  it('evaluates the variable-driven triggers in the local runner exactly as Terraform did', async () => {
    const shown = await h.show(stackDir);
    const local = loadStackWith(stackDir, { TF_VAR_sharpen_level: '5' });
    for (const construct of ['tfvar/hd', 'tfvar/uses']) {
      const byTerraform = [...shown.values()].find((r) => r.values.triggers_replace?.construct === construct)?.values.triggers_replace;
      const byRunner = local.resources.find((r) => r.triggers?.construct === construct)?.triggers;
      expect(byRunner).toEqual(byTerraform);
    }
    expect(local.resources.find((r) => r.triggers?.construct === 'tfvar/hd')?.triggers?.['VideoEnhance.MsSharpen.SharpenLevel']).toBe('5');
  });

  it('lets `cos-media results` read what the handler wrote in the stack directory', () => {
    let out = '';
    const code = runResultsCommand([stackDir], { out: (s) => (out += s), err: () => undefined, env: {} });
    expect(code).toBe(0);
    // The variable is back at 5: the job of that value (the first one submitted) is the one in the results.
    const job = jobs().filter((j) => j.inputObject === 'raw/uses.mp4')[0];
    expect(out).toMatch(new RegExp(`raw/uses\\.mp4  ${job?.jobId}  Success`));
    expect(out).toContain('tfvar/hd  video-enhance-template  template tfvar-hd = ');
  });
});
