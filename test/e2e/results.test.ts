/**
 * `cos-media results` over what the real handler wrote while the local runner applied a stack that also holds
 * a Terraform variable, an output and a module (which the runner accepts without evaluating or running them).
 */
import { TerraformHclModule, TerraformOutput, TerraformVariable, type TerraformStack } from 'cdktf';
import { loadStack } from '../../src/local/stack-config';
import { MediaBucket, VideoEnhanceJob, VideoEnhanceTemplate } from '../../src/constructs';
import { runResultsCommand, type ResultsReport } from '../../src/results';
import { REGION, seedInputs, startHarness, type Harness } from './e2e-helpers';

const BUCKET = 'results-1250000000';

function build(stack: TerraformStack, withFlaky: boolean): void {
  new TerraformVariable(stack, 'environment', { type: 'string', default: 'test' });
  const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
  const hd = new VideoEnhanceTemplate(stack, 'hd', { bucket, name: 'results-hd', msSharpen: { sharpenLevel: 4 } });
  new VideoEnhanceJob(stack, 'good', { bucket, input: 'raw/good.mp4', template: hd, output: { object: 'out/${InputName}.${ext}' } });
  if (withFlaky) new VideoEnhanceJob(stack, 'flaky', { bucket, input: 'raw/flaky.mp4', enhance: { msSharpen: { sharpenLevel: 2 } }, output: { object: 'out/flaky.${ext}' } });
  new TerraformOutput(stack, 'bucket_name', { value: bucket.bucketName });
  new TerraformHclModule(stack, 'cdn', { source: 'registry.example/cdn/cos' });
}

function results(h: Harness, args: readonly string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runResultsCommand(args, { out: (s) => (out += s), err: (s) => (err += s), env: h.env });
  return { code, out, err };
}

describe('cos-media results', () => {
  let h: Harness;
  let stackDir: string;
  beforeAll(async () => {
    h = await startHarness();
    await seedInputs(h, BUCKET, ['raw/good.mp4', 'raw/flaky.mp4']);
  });
  afterAll(async () => h?.close());

  it('says there are no results before the first apply, and exits 1', () => {
    stackDir = h.synth((s) => build(s, false));
    expect(loadStack(stackDir).notRun).toEqual(['module.cdn']);
    const r = results(h, [stackDir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no results in');
  });

  it('prints the template id, job id, state and outputs after an apply, and exits 0', async () => {
    const applied = await h.apply(stackDir);
    expect(applied.summary.ok).toBe(true);
    const state = h.emulator.state();
    const templateId = state.templates.find((t) => t.name === 'results-hd')?.templateId;
    const job = state.jobs.find((j) => j.inputObject === 'raw/good.mp4');
    expect(templateId).toBeDefined();
    const r = results(h, [stackDir]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`e2e/hd  video-enhance-template  template results-hd = ${templateId}`);
    expect(r.out).toContain('e2e/good  video-enhance-job  1 job: 1 Success');
    expect(r.out).toMatch(new RegExp(`raw/good\\.mp4  ${job?.jobId}  Success  → out/good\\.`));
    expect(r.out).toContain('3 resources, 1 job (1 Success)');
  });

  it('lists a failed job with its code and message, and exits 1 (also with --json)', async () => {
    stackDir = h.synth((s) => build(s, true));
    h.emulator.addFaults({ operation: 'RunMediaJob', times: 1, effect: { type: 'failJob', code: 'InputFileNotExist', message: 'injected' } });
    const applied = await h.apply(stackDir);
    expect(applied.summary.ok).toBe(false);
    const text = results(h, [stackDir]);
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/raw\/flaky\.mp4 {2}\S+ {2}Failed {2}InputFileNotExist: injected/);
    expect(text.err).toContain('1 failed job');
    const json = results(h, [stackDir, '--json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.out) as ResultsReport;
    expect(report.jobs).toEqual({ total: 2, failed: 1, byState: { Success: 1, Failed: 1 } });
    expect(report.resources.map((r) => r.construct)).toEqual(['e2e/flaky', 'e2e/good', 'e2e/hd', 'e2e/media']);
  });

  it('fails on bad usage with exit code 2', () => {
    expect(results(h, []).code).toBe(2);
    expect(results(h, [stackDir, '--frobnicate']).code).toBe(2);
    expect(results(h, [stackDir, '--dir']).code).toBe(2);
  });
});
