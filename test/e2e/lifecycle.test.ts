import type { TerraformStack } from 'cdktf';
import { MediaBucket, VideoEnhanceBatch, VideoEnhanceJob, VideoEnhanceTemplate, Watermark, WatermarkTemplate } from '../../src/constructs';
import { jobsIn, REGION, seedInputs, startHarness, type Harness } from './e2e-helpers';

const BUCKET = 'media-1250000000';
const BATCH = ['batch/a.mp4', 'batch/b.mp4', 'batch/c.mp4', 'batch/d.mp4'];

function everyConstruct(stack: TerraformStack, sharpenLevel: number): void {
  const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
  const caption = new WatermarkTemplate(stack, 'caption', {
    bucket,
    name: 'caption',
    watermark: Watermark.text({ text: 'preview', pos: 'BottomRight', dx: 8, dy: 8 }),
  });
  const hd = new VideoEnhanceTemplate(stack, 'hd', {
    bucket,
    name: 'hd',
    transcode: { container: { format: 'mp4' } },
    superResolution: { resolution: 'sdtohd' },
    msSharpen: { sharpenLevel },
  });
  new VideoEnhanceJob(stack, 'intro', { bucket, input: 'in/intro.mp4', template: hd, watermarks: [caption], output: { object: 'out/${InputName}.${ext}' } });
  new VideoEnhanceJob(stack, 'inline', {
    bucket,
    input: 'in/inline.mov',
    enhance: { colorEnhance: { contrast: 40 } },
    digitalWatermark: { message: 'owner-1' },
    output: { object: 'out/${InputName}-inline.${ext}' },
    userData: 'literal ${not-a-terraform-expression} %{neither}',
  });
  new VideoEnhanceBatch(stack, 'batch', { bucket, inputs: BATCH, template: hd, output: { object: 'out/batch/${InputName}.${ext}' }, concurrency: 3 });
}

describe('a stack with every construct, applied through the local runner against the emulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await seedInputs(h, BUCKET, ['in/intro.mp4', 'in/inline.mov', ...BATCH]);
  });
  afterAll(async () => h.close());

  it('creates, re-applies as a no-op, replaces only what a one-field change touches, and destroys templates but not outputs', async () => {
    // create
    let stackDir = h.synth((s) => everyConstruct(s, 5));
    const first = await h.apply(stackDir);
    expect(first.summary.errors).toEqual([]);
    expect(first.summary.ok).toBe(true);
    // Six constructs and the stack's template list.
    expect(first.plan.counts).toMatchObject({ add: 7, change: 0, destroy: 0 });
    let jobs = jobsIn(h);
    expect(jobs).toHaveLength(6);
    expect(jobs.every((j) => j.state === 'Success')).toBe(true);
    expect(h.emulator.state().templates.map((t) => t.name).sort()).toEqual(['caption', 'hd']);
    const inline = jobs.find((j) => j.inputObject === 'in/inline.mov');
    expect((inline?.operation as { UserData?: string }).UserData).toBe('literal ${not-a-terraform-expression} %{neither}');
    const outputs = h.emulator.state().objects.filter((o) => o.key.startsWith('out/')).map((o) => o.key).sort();
    expect(outputs).toContain('out/intro.mp4');
    expect(outputs).toContain('out/batch/c.mp4');

    // re-apply: nothing to do, nothing submitted
    stackDir = h.synth((s) => everyConstruct(s, 5));
    expect(h.plan(stackDir).plan.counts).toMatchObject({ add: 0, change: 0, destroy: 0 });
    const again = await h.apply(stackDir);
    expect(again.summary.ok).toBe(true);
    expect(jobsIn(h)).toHaveLength(6);

    // one field changed: the template and the jobs using it are replaced, the plan shows that key
    stackDir = h.synth((s) => everyConstruct(s, 6));
    const { plan } = h.plan(stackDir);
    const replaced = plan.changes.map((c) => c.address).sort();
    expect(replaced).toEqual(['null_resource.batch_C9C7DC44', 'null_resource.hd_9E7F9036', 'null_resource.intro_CB16B819'].sort());
    const hdChange = plan.changes.find((c) => c.address === 'null_resource.hd_9E7F9036');
    expect(hdChange?.triggerChanges.map((t) => t.key)).toEqual(['VideoEnhance.MsSharpen.SharpenLevel', 'spec_sha256']);
    const introChange = plan.changes.find((c) => c.address === 'null_resource.intro_CB16B819');
    expect(introChange?.triggerChanges.map((t) => t.key)).toEqual(['spec_sha256', 'template.spec_sha256']);
    const third = await h.apply(stackDir);
    expect(third.summary.ok).toBe(true);
    jobs = jobsIn(h);
    expect(jobs).toHaveLength(6 + 1 + BATCH.length);
    expect(jobs.filter((j) => j.inputObject === 'in/inline.mov')).toHaveLength(1);
    expect(h.emulator.state().templates.find((t) => t.name === 'hd')).toBeDefined();

    // destroy: templates go, outputs and the bucket stay
    const gone = await h.destroy(stackDir);
    expect(gone.summary.ok).toBe(true);
    expect(h.emulator.state().templates).toEqual([]);
    expect(h.emulator.state().buckets.map((b) => b.name)).toContain(BUCKET);
    expect(h.emulator.state().objects.some((o) => o.key === 'out/intro.mp4')).toBe(true);
  });
});
