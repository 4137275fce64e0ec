/**
 * A variable-driven template under the local runner (null_resource backing): the runner evaluates the token
 * expressions (TF_VAR_ or the default), re-submits exactly the job using the template when the value changes,
 * and nothing when it does not.
 */
import { TerraformVariable, type TerraformStack } from 'cdktf';
import { MediaBucket, VideoEnhanceJob, VideoEnhanceTemplate } from '../../src/constructs';
import { jobsIn, REGION, seedInputs, startHarness, type Harness } from './e2e-helpers';

const BUCKET = 'localvar-1250000000';

function build(stack: TerraformStack): void {
  const level = new TerraformVariable(stack, 'sharpen_level', { type: 'number', default: 5 });
  const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
  const hd = new VideoEnhanceTemplate(stack, 'hd', { bucket, name: 'localvar-hd', msSharpen: { sharpenLevel: level.numberValue } });
  new VideoEnhanceJob(stack, 'uses', { bucket, input: 'raw/uses.mp4', template: hd, output: { object: 'out/uses.${ext}' } });
  new VideoEnhanceJob(stack, 'inline', { bucket, input: 'raw/inline.mp4', enhance: { msSharpen: { sharpenLevel: 3 } }, output: { object: 'out/inline.${ext}' } });
}

describe('a variable-driven template under the local runner', () => {
  let h: Harness;
  let stackDir: string;
  const saved = process.env.TF_VAR_sharpen_level;
  beforeAll(async () => {
    h = await startHarness();
    await seedInputs(h, BUCKET, ['raw/uses.mp4', 'raw/inline.mp4']);
    stackDir = h.synth(build);
  });
  afterAll(async () => {
    if (saved === undefined) delete process.env.TF_VAR_sharpen_level;
    else process.env.TF_VAR_sharpen_level = saved;
    await h?.close();
  });

  it('applies with the default, then plans nothing for the same value', async () => {
    delete process.env.TF_VAR_sharpen_level;
    expect((await h.apply(stackDir)).summary.ok).toBe(true);
    expect(h.emulator.state().templates.find((t) => t.name === 'localvar-hd')?.body).toMatchObject({ MsSharpen: { SharpenLevel: '5' } });
    process.env.TF_VAR_sharpen_level = '5';
    expect(h.plan(stackDir).plan.changes).toEqual([]);
  });

  it('replaces the template and exactly its job when TF_VAR_ changes the value, and re-submits exactly that job', async () => {
    process.env.TF_VAR_sharpen_level = '8';
    const changed = h.plan(stackDir).plan.changes.map((c) => [c.after?.construct, c.action, c.triggerChanges.map((t) => t.key)]);
    expect(changed.sort()).toEqual([
      ['e2e/hd', 'replace', ['VideoEnhance.MsSharpen.SharpenLevel']],
      ['e2e/uses', 'replace', ['template.spec_sha256']],
    ]);
    const before = jobsIn(h).length;
    expect((await h.apply(stackDir)).summary.ok).toBe(true);
    expect(jobsIn(h).slice(before).map((j) => j.inputObject)).toEqual(['raw/uses.mp4']);
    expect(h.emulator.state().templates.find((t) => t.name === 'localvar-hd')?.body).toMatchObject({ MsSharpen: { SharpenLevel: '8' } });
  });
});
