import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { MediaBucket, VideoEnhanceJob, VideoEnhanceTemplate, Watermark, WatermarkTemplate } from '../../src/constructs';
import { jobsIn, REGION, SECRET_KEY, seedInputs, startHarness, type Harness } from './e2e-helpers';

const BUCKET = 'failing-1250000000';
const HANDLER = path.join(__dirname, '..', '..', 'dist', 'handler-bundle', 'cos-media-handler.js');

/** Runs the bundled handler directly, as Terraform's local-exec would (asynchronously: the emulator runs in this process). */
function runHandler(command: string, env: NodeJS.ProcessEnv): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HANDLER, command], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** The triggers of the resource of `construct` in a synthesized stack. */
function triggersOf(stackDir: string, construct: string): Record<string, string> {
  const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  const found = Object.values(json.resource.null_resource as Record<string, { triggers: Record<string, string> }>).find(
    (r) => r.triggers.construct === construct,
  );
  if (!found) throw new Error(`no resource for ${construct}`);
  return found.triggers;
}

describe('the handler when things go wrong', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ jobDurationMs: 100 });
    await seedInputs(h, BUCKET, ['in/a.mp4', 'in/b.mp4', 'in/slow.mp4']);
  });
  afterAll(async () => h.close());

  it('fails the apply with the job Code and Message when a job fails, and submits it again on the next apply', async () => {
    const rule = h.emulator.addFaults({ operation: 'RunMediaJob', times: 1, effect: { type: 'failJob', code: 'InternalError', message: 'transcoder crashed' } })[0];
    const stackDir = h.synth((stack) => {
      const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
      new VideoEnhanceJob(stack, 'job', { bucket, input: 'in/a.mp4', enhance: { msSharpen: { sharpenLevel: 2 } }, output: { object: 'out/a.${ext}' } });
    });
    const first = await h.apply(stackDir);
    expect(first.summary.ok).toBe(false);
    const text = h.lines.join('\n');
    expect(text).toMatch(/the job failed: in\/a\.mp4: Failed InternalError \(transcoder crashed\)/);
    expect(text).not.toMatch(/\n\s+at /); // no stack trace for an expected failure
    expect(first.summary.tainted).toHaveLength(1);
    expect(rule?.fired).toBe(1);

    const second = await h.apply(stackDir);
    expect(second.summary.ok).toBe(true);
    const jobs = jobsIn(h).filter((j) => j.inputObject === 'in/a.mp4');
    expect(jobs.map((j) => j.state)).toEqual(['Failed', 'Success']);
  });

  it('resumes a timed-out wait on the next apply without submitting again', async () => {
    // A paused queue keeps the job waiting past the 1 s timeout.
    const queues = h.emulator.state().queues.filter((q) => q.bucket === BUCKET);
    expect(queues).toHaveLength(1);
    const queueId = queues[0]!.queueId;
    await h.client.updateQueue({
      bucket: BUCKET,
      queueId,
      queue: { Name: 'paused', State: 'Paused', NotifyConfig: { State: 'Off' } },
    });
    const stackDir = h.synth((stack) => {
      const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
      new VideoEnhanceJob(stack, 'slow', {
        bucket,
        input: 'in/slow.mp4',
        enhance: { msSharpen: { sharpenLevel: 2 } },
        output: { object: 'out/slow.${ext}' },
        waitTimeoutSeconds: 1,
      });
    });
    h.lines.length = 0;
    const first = await h.apply(stackDir);
    expect(first.summary.ok).toBe(false);
    expect(h.lines.join('\n')).toMatch(/1 job not finished after 1s; the next apply resumes waiting without submitting again/);
    expect(jobsIn(h).filter((j) => j.inputObject === 'in/slow.mp4')).toHaveLength(1);

    await h.client.updateQueue({ bucket: BUCKET, queueId, queue: { Name: 'active', State: 'Active', NotifyConfig: { State: 'Off' } } });
    const second = await h.apply(stackDir);
    expect(second.summary.ok).toBe(true);
    const jobs = jobsIn(h).filter((j) => j.inputObject === 'in/slow.mp4');
    expect(jobs.map((j) => j.state)).toEqual(['Success']);
  });

  it('refuses to adopt a foreign template of the same name, and takes it over when told to', async () => {
    await h.client.createTemplate({
      bucket: BUCKET,
      template: { Tag: 'Watermark', Name: 'shared-name', Watermark: Watermark.text({ text: 'theirs', pos: 'Top' }).spec },
    });
    const build = (takeOver: boolean) =>
      h.synth((stack) => {
        const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
        new WatermarkTemplate(stack, 'wm', { bucket, name: 'shared-name', takeOver, watermark: Watermark.text({ text: 'ours', pos: 'Top' }) });
      });
    h.lines.length = 0;
    const refused = await h.apply(build(false));
    expect(refused.summary.ok).toBe(false);
    expect(h.lines.join('\n')).toMatch(/template "shared-name" exists in failing-1250000000 \(t1[0-9a-f]+\) with a different spec; rename this template or set takeOver: true/);
    const taken = await h.apply(build(true));
    expect(taken.summary.ok).toBe(true);
    const templates = h.emulator.state().templates.filter((t) => t.name === 'shared-name');
    expect(templates).toHaveLength(1);
    expect(JSON.stringify(templates[0])).toContain('ours');
  });

  it('refuses a job whose template was never created, naming it', async () => {
    const stackDir = h.synth((stack) => {
      const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
      const t = new VideoEnhanceTemplate(stack, 'ghost', { bucket, name: 'ghost', msSharpen: { sharpenLevel: 1 } });
      new VideoEnhanceJob(stack, 'job2', { bucket, input: 'in/b.mp4', template: t, output: { object: 'out/b.${ext}' } });
    });
    // No Terraform escapes in these triggers, so they are what the runner would pass.
    const r = await runHandler('create', { ...h.env, COS_MEDIA_TRIGGERS: JSON.stringify(triggersOf(stackDir, 'e2e/job2')) });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/template "ghost" does not exist in failing-1250000000; apply its template resource first/);
  });

  it('says which variables are missing when there are no credentials, and exits 1 with one line', async () => {
    const env = { ...h.env };
    delete env.TENCENTCLOUD_SECRET_ID;
    delete env.TENCENTCLOUD_SECRET_KEY;
    const triggers = { kind: 'media-bucket', schema: '1', construct: 'x/media', bucket: BUCKET, region: REGION, mode: 'existing', delete_on_destroy: 'false' };
    const r = await runHandler('create', { ...env, COS_MEDIA_TRIGGERS: JSON.stringify(triggers) });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/TENCENTCLOUD_SECRET_ID/);
    expect(r.stderr).toMatch(/TENCENTCLOUD_SECRET_KEY/);
  });

  it('exits 2 with a clear line for triggers it cannot read, and never prints the secret key', async () => {
    for (const bad of ['', 'not json', '[]', JSON.stringify({ kind: 'nope', schema: '1' }), JSON.stringify({ kind: 'media-bucket', schema: '9' })]) {
      const r = await runHandler('create', { ...h.env, COS_MEDIA_TRIGGERS: bad });
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/COS_MEDIA_TRIGGERS/);
      expect(r.stderr + r.stdout).not.toContain(SECRET_KEY);
    }
    const usage = await runHandler('frobnicate', h.env);
    expect(usage.status).toBe(2);
  });

  it('treats deleting a template that is already gone as success', async () => {
    const triggers = { kind: 'watermark-template', schema: '1', construct: 'x/wm', bucket: BUCKET, region: REGION, take_over: 'false', Tag: 'Watermark', Name: 'never-existed' };
    const r = await runHandler('delete', { ...h.env, COS_MEDIA_TRIGGERS: JSON.stringify(triggers) });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/template never-existed: gone already/);
  });
});
