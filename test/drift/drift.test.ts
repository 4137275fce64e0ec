/**
 * `cos-media drift` against the emulator: a stack applied by the local runner, then edited out of band
 * through the client (as someone in the console would), one drift kind at a time. Every check reads the
 * command's exit status and its JSON; the text and Markdown forms are checked once each.
 */
import { Writable } from 'node:stream';
import type { TerraformStack } from 'cdktf';
import { MediaBucket, VideoEnhanceBatch, VideoEnhanceJob, VideoEnhanceTemplate, Watermark, WatermarkTemplate } from '../../src/constructs';
import { runDriftCommand } from '../../src/drift/cli';
import { REGION, startHarness, type Harness } from '../e2e/e2e-helpers';

const MAIN = 'drift-1250000000';
const QUEUED = 'drift-q-1250000000';
const BATCH = ['q/a.mp4', 'q/b.mp4', 'q/c.mp4'];

function build(stack: TerraformStack): void {
  const media = new MediaBucket(stack, 'media', { bucket: MAIN, region: REGION });
  const hd = new VideoEnhanceTemplate(stack, 'hd', { bucket: media, name: 'drift-hd', msSharpen: { sharpenLevel: 5 }, colorEnhance: { contrast: 20 } });
  new WatermarkTemplate(stack, 'mark', { bucket: media, name: 'drift-mark', watermark: Watermark.text({ text: 'drift', pos: 'TopLeft' }) });
  new VideoEnhanceJob(stack, 'single', { bucket: media, input: 'in/single.mp4', template: hd, output: { object: 'out/single.${ext}' } });
  const queued = new MediaBucket(stack, 'queued', { bucket: QUEUED, region: REGION });
  new VideoEnhanceBatch(stack, 'batch', {
    bucket: queued,
    inputs: BATCH,
    enhance: { msSharpen: { sharpenLevel: 2 } },
    output: { object: 'out/${InputName}.${ext}' },
    wait: false,
  });
}

interface DriftJson {
  inSync: boolean;
  findings: number;
  resources: { construct: string; findings: Record<string, unknown>[] }[];
}

async function drift(h: Harness, stackDir: string, ...flags: string[]): Promise<{ code: number; out: string; err: string; json?: DriftJson }> {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) =>
    new Writable({
      write(chunk, _e, cb) {
        into.push(String(chunk));
        cb();
      },
    });
  const code = await runDriftCommand([stackDir, '--state', `${h.dir}/state.json`, ...flags], { stdout: sink(out), stderr: sink(err), env: h.env });
  const text = out.join('');
  if (code === 1) throw new Error(`cos-media drift failed: ${err.join('')}`);
  return { code, out: text, err: err.join(''), ...(flags.includes('--json') ? { json: JSON.parse(text) as DriftJson } : {}) };
}

const findingsOf = (j: DriftJson | undefined): Array<Record<string, unknown> & { construct: string }> =>
  (j?.resources ?? []).flatMap((r) => r.findings.map((f) => ({ construct: r.construct, ...f })));

describe('cos-media drift against the emulator', () => {
  let h: Harness;
  let stackDir: string;
  beforeAll(async () => {
    h = await startHarness({ jobDurationMs: 50 });
    await h.client.putBucket({ bucket: MAIN });
    await h.client.putObject({ bucket: MAIN, key: 'in/single.mp4', body: 'stand-in' });
    await h.client.putBucket({ bucket: QUEUED });
    for (const key of BATCH) await h.client.putObject({ bucket: QUEUED, key, body: `stand-in ${key}` });
    // The batch's jobs wait in a paused queue, so that one can be cancelled and one failed below.
    await h.client.enableMediaProcessing({ bucket: QUEUED });
    const queueId = h.emulator.state().queues.find((q) => q.bucket === QUEUED)?.queueId as string;
    await h.client.updateQueue({ bucket: QUEUED, queueId, queue: { Name: 'held', State: 'Paused', NotifyConfig: { State: 'Off' } } });
    stackDir = h.synth(build);
    expect((await h.apply(stackDir)).summary.ok).toBe(true);
  });
  afterAll(async () => h.close());

  it('says the stack is in sync right after apply (exit 0), in text and JSON', async () => {
    const text = await drift(h, stackDir);
    expect(text.code).toBe(0);
    expect(text.out).toContain('No drift: 6 resources match the service.');
    const json = await drift(h, stackDir, '--json');
    expect(json.json).toMatchObject({ inSync: true, findings: 0 });
  });

  it('fails with exit 1 and one line when there is no state', async () => {
    const errs: string[] = [];
    const r = await runDriftCommand([stackDir], { stdout: new Writable({ write: (_c, _e, cb) => cb() }), stderr: new Writable({ write: (c, _e, cb) => { errs.push(String(c)); cb(); } }), env: h.env });
    expect(r).toBe(1);
    expect(errs.join('')).toMatch(/^cos-media drift: no state found for stack "e2e"/);
  });

  it('shows a template edited outside the stack field by field (exit 2), and in sync again once restored', async () => {
    const found = await h.client.findTemplateByName({ bucket: MAIN, name: 'drift-hd' });
    const original = { Tag: 'VideoEnhance' as const, Name: 'drift-hd', VideoEnhance: found?.VideoEnhance } as never;
    await h.client.updateTemplate({
      bucket: MAIN,
      templateId: found?.TemplateId as string,
      template: { Tag: 'VideoEnhance', Name: 'drift-hd', VideoEnhance: { MsSharpen: { SharpenLevel: '9' }, SuperResolution: { Resolution: 'sdtohd' } } } as never,
    });
    const r = await drift(h, stackDir, '--json');
    expect(r.code).toBe(2);
    expect(findingsOf(r.json)).toEqual([
      {
        construct: 'e2e/hd',
        kind: 'template-edited',
        name: 'drift-hd',
        templateId: found?.TemplateId,
        fields: [
          { key: 'VideoEnhance.ColorEnhance.Contrast', declared: '20' },
          { key: 'VideoEnhance.MsSharpen.SharpenLevel', declared: '5', found: '9' },
          { key: 'VideoEnhance.SuperResolution.Resolution', found: 'sdtohd' },
        ],
      },
    ]);
    const text = await drift(h, stackDir);
    expect(text.out).toContain('"VideoEnhance.MsSharpen.SharpenLevel": declared "5", found "9"');
    expect(text.out).toMatch(/Drift: 1 finding in 1 of 6 resources\./);
    await h.client.updateTemplate({ bucket: MAIN, templateId: found?.TemplateId as string, template: original });
    expect((await drift(h, stackDir)).code).toBe(0);
  });

  it('shows a template deleted outside the stack as missing, and one re-created under its name as replaced', async () => {
    const found = await h.client.findTemplateByName({ bucket: MAIN, name: 'drift-mark' });
    await h.client.deleteTemplate({ bucket: MAIN, templateId: found?.TemplateId as string });
    let r = await drift(h, stackDir, '--json');
    expect(r.code).toBe(2);
    expect(findingsOf(r.json)).toEqual([{ construct: 'e2e/mark', kind: 'template-missing', name: 'drift-mark' }]);

    const again = await h.client.createTemplate({ bucket: MAIN, template: { Tag: 'Watermark', Name: 'drift-mark', Watermark: found?.Watermark } as never });
    r = await drift(h, stackDir, '--json');
    expect(findingsOf(r.json)).toEqual([
      { construct: 'e2e/mark', kind: 'template-replaced', name: 'drift-mark', was: found?.TemplateId, now: again.TemplateId },
    ]);
    // Terraform's plan cannot see any of this: provisioner resources are never refreshed.
    const { plan } = h.plan(stackDir);
    expect(plan.counts).toMatchObject({ add: 0, destroy: 0 });
  });

  it('shows media processing disabled on a bucket', async () => {
    await h.client.disableMediaProcessing({ bucket: MAIN });
    const r = await drift(h, stackDir, '--json');
    expect(findingsOf(r.json).filter((f) => f.kind === 'media-processing-disabled')).toEqual([
      { construct: 'e2e/media', kind: 'media-processing-disabled', bucket: MAIN },
    ]);
    await h.client.enableMediaProcessing({ bucket: MAIN });
    expect(findingsOf((await drift(h, stackDir, '--json')).json).filter((f) => f.kind === 'media-processing-disabled')).toEqual([]);
  });

  it('shows wanted jobs that were cancelled, failed or are missing, in Markdown too', async () => {
    const jobs = () => h.emulator.state().jobs.filter((j) => j.bucket === QUEUED);
    expect(jobs().map((j) => j.state)).toEqual(['Pause', 'Pause', 'Pause']);
    const a = jobs().find((j) => j.inputObject === 'q/a.mp4')?.jobId as string;
    await h.client.cancelJob({ bucket: QUEUED, jobId: a });
    h.emulator.addFaults({ operation: 'RunMediaJob', times: 1, effect: { type: 'failJob', code: 'InputFileNotExist', message: 'injected' } });
    const queueId = h.emulator.state().queues.find((q) => q.bucket === QUEUED)?.queueId as string;
    await h.client.updateQueue({ bucket: QUEUED, queueId, queue: { Name: 'held', State: 'Active', NotifyConfig: { State: 'Off' } } });
    for (let i = 0; i < 100 && jobs().some((j) => j.state !== 'Success' && j.state !== 'Failed' && j.state !== 'Cancel'); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const failed = jobs().find((j) => j.state === 'Failed');
    expect(failed).toBeDefined();
    // The single job's ledger is lost: the job it recorded can no longer be found.
    const ledger = (await h.client.listObjects({ bucket: MAIN, prefix: '.cos-media/ledger/groups/' })).objects;
    expect(ledger.length).toBeGreaterThan(0);
    for (const o of ledger) await h.client.deleteObject({ bucket: MAIN, key: o.key });

    const r = await drift(h, stackDir, '--json');
    expect(r.code).toBe(2);
    const found = findingsOf(r.json).filter((f) => String(f.kind).startsWith('job-'));
    expect(found).toEqual(
      expect.arrayContaining([
        { construct: 'e2e/single', kind: 'job-missing', input: 'in/single.mp4' },
        { construct: 'e2e/batch', kind: 'job-cancelled', input: 'q/a.mp4', jobId: a },
        { construct: 'e2e/batch', kind: 'job-failed', input: failed?.inputObject, jobId: failed?.jobId, code: 'InputFileNotExist', message: 'injected' },
      ]),
    );
    expect(found).toHaveLength(3);
    const markdown = await drift(h, stackDir, '--markdown');
    expect(markdown.code).toBe(2);
    expect(markdown.out).toContain('## cos-media drift check');
    expect(markdown.out).toContain('> **⚠️ Drift:** 4 findings in 3 of 6 resources of stack `e2e`.');
    expect(markdown.out).toContain(`  - the job for input \`q/a.mp4\` [\`${a}\`] was cancelled`);
  });

  it('changes nothing: no request it sends is a write', async () => {
    const before = h.emulator.state();
    await drift(h, stackDir, '--json');
    const after = h.emulator.state();
    expect(after.templates).toEqual(before.templates);
    expect(after.jobs.map((j) => [j.jobId, j.state])).toEqual(before.jobs.map((j) => [j.jobId, j.state]));
    expect(after.objects).toEqual(before.objects);
    expect(after.mediaBuckets).toEqual(before.mediaBuckets);
  });
});
