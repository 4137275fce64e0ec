// Output keys (ci-api.md §8.1 correction, §14 rows 1–2): the job API expands only `${ext}` and `${jobid}`, so
// the handler expands the per-input names itself; ledgers of the version that sent them unexpanded keep
// working; and reconciliation finds a job wherever the service queued it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MediaBucket, VideoEnhanceBatch, VideoEnhanceJob } from '../../src/constructs';
import type { VideoEnhanceJobRequest } from '../../src/model';
import { jobsIn, REGION, seedInputs, startHarness, type Harness } from './e2e-helpers';

const enhance = { msSharpen: { sharpenLevel: 3 } };

describe('per-input output wildcards', () => {
  const BUCKET = 'wildcards-1250000000';
  const INPUTS = Array.from({ length: 20 }, (_, i) => `in/${i % 2 === 0 ? 'even' : 'odd'}.dir/clip-${String(i).padStart(2, '0')}.mp4`);
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ jobDurationMs: 50 });
    await seedInputs(h, BUCKET, INPUTS);
  });
  afterAll(async () => h.close());

  it('gives each of 20 inputs its own output object: the handler expands ${InputName} before POST /jobs', async () => {
    const stackDir = h.synth((stack) => {
      const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
      new VideoEnhanceBatch(stack, 'batch', { bucket, inputs: INPUTS, enhance, output: { object: 'out/${InputName}.${ext}' }, concurrency: 4 });
    });
    const result = await h.apply(stackDir);
    expect(result.summary.ok).toBe(true);
    const outputs = h.emulator.state().objects.filter((o) => o.bucket === BUCKET && o.key.startsWith('out/')).map((o) => o.key).sort();
    const expected = INPUTS.map((k) => `out/${path.basename(k, '.mp4')}.mp4`).sort();
    expect({ distinct: new Set(outputs).size, outputs }).toEqual({ distinct: 20, outputs: expected });
    // What reached the service: `${InputName}` expanded, `${ext}` left to the service.
    const sent = jobsIn(h).map((j) => (j.operation.Output as { Object: string }).Object).sort();
    expect(sent).toEqual(INPUTS.map((k) => `out/${path.basename(k, '.mp4')}.\${ext}`).sort());
    // The results file shows the expanded key asked for and the object written.
    const results = JSON.parse(fs.readFileSync(path.join(h.env.COS_MEDIA_RESULTS_DIR as string, 'e2e__batch.json'), 'utf8'));
    const first = results.jobs.find((j: { input: string }) => j.input === INPUTS[0]);
    expect(first).toMatchObject({ outputObject: 'out/clip-00.${ext}', outputs: ['out/clip-00.mp4'], state: 'Success' });
  }, 60_000);

  it('refuses, before submitting anything, a prefix batch whose inputs would share an output key', async () => {
    const bucket = 'clash-1250000000';
    await seedInputs(h, bucket, ['raw/x/clip.mp4', 'raw/y/clip.mp4', 'raw/y/other.mp4']);
    const stackDir = h.synth((stack) => {
      const media = new MediaBucket(stack, 'media', { bucket, region: REGION });
      new VideoEnhanceBatch(stack, 'raw', { bucket: media, inputPrefix: 'raw/', enhance, output: { object: 'out/${InputName}.${ext}' } });
    });
    const result = await h.apply(stackDir);
    expect(result.summary.ok).toBe(false);
    expect(h.lines.join('\n')).toContain(
      'raw: output.object "out/${InputName}.${ext}" gives several inputs the same output key (raw/x/clip.mp4 and raw/y/clip.mp4 both get out/clip.${ext}); nothing was submitted',
    );
    expect(jobsIn(h).filter((j) => j.bucket === bucket)).toEqual([]);
  }, 60_000);

  it('(the emulator, like the documented service, leaves ${InputName} literal when a client sends it)', async () => {
    const job = await h.client.submitJob({
      bucket: BUCKET,
      job: {
        Tag: 'VideoEnhance',
        Input: { Object: INPUTS[0] as string },
        Operation: { VideoEnhance: { MsSharpen: { SharpenLevel: '3' } }, Output: { Region: REGION, Bucket: BUCKET, Object: 'literal/${InputName}.${ext}' } },
      },
    });
    await h.emulator.advance(1000);
    const [done] = (await h.client.describeJobs({ bucket: BUCKET, jobIds: [job.JobId] })).jobs;
    expect(done?.Operation.MediaResult?.OutputFile.ObjectName).toEqual(['literal/${InputName}.mp4']);
  });
});

/** The ledger group object the handler of commit bdf11af wrote (see its `_about`). */
const FIXTURE = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'ledger-before-input-wildcards.json'), 'utf8')) as {
  objectKey: string;
  scope: string;
  key: string;
  group: { records: Record<string, unknown>[] };
};

describe('a ledger written before the handler expanded per-input wildcards', () => {
  // The names, input and settings the fixture was captured with.
  const BUCKET = 'legacy-1250000000';
  const INPUT = 'in/clip.mp4';
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ jobDurationMs: 50 });
    await seedInputs(h, BUCKET, [INPUT]);
    await h.client.enableMediaProcessing({ bucket: BUCKET });
  });
  afterEach(async () => h.close());

  /** The request that version sent: the output key as written, `${InputName}` unexpanded. */
  const oldRequest: VideoEnhanceJobRequest = {
    Tag: 'VideoEnhance',
    Input: { Object: INPUT },
    Operation: { VideoEnhance: { MsSharpen: { SharpenLevel: '3' } }, Output: { Region: REGION, Bucket: BUCKET, Object: 'out/${InputName}.${ext}' } },
  };
  const stack = (): string =>
    h.synth((s) => {
      const bucket = new MediaBucket(s, 'media', { bucket: BUCKET, region: REGION });
      new VideoEnhanceJob(s, 'job', { bucket, input: INPUT, enhance, output: { object: 'out/${InputName}.${ext}' }, wait: false });
    });
  const putLedger = async (record: Record<string, unknown>): Promise<void> => {
    const group = { ...FIXTURE.group, records: [record] };
    await h.client.putObject({ bucket: BUCKET, key: FIXTURE.objectKey, body: JSON.stringify(group), contentType: 'application/json' });
  };

  it('adopts the job it records instead of submitting again', async () => {
    const old = await h.client.submitJob({ bucket: BUCKET, job: oldRequest });
    await putLedger({ ...FIXTURE.group.records[0], jobId: old.JobId, sentAt: new Date().toISOString() });
    const result = await h.apply(stack());
    expect(result.summary.ok).toBe(true);
    expect(jobsIn(h).map((j) => j.jobId)).toEqual([old.JobId]);
  }, 60_000);

  it('reconciles its intent against the unexpanded output key, and adopts the job that POST created', async () => {
    const old = await h.client.submitJob({ bucket: BUCKET, job: oldRequest });
    const { jobId: _jobId, ...intent } = FIXTURE.group.records[0] as Record<string, unknown>;
    await putLedger({ ...intent, state: 'submitting', sentAt: new Date().toISOString() });
    const result = await h.apply(stack());
    expect(result.summary.ok).toBe(true);
    expect(jobsIn(h).map((j) => j.jobId)).toEqual([old.JobId]);
  }, 60_000);

  it('(the fixture is found where this version looks: the same scope)', async () => {
    await h.apply(stack());
    const listed = await h.client.listObjects({ bucket: BUCKET, prefix: `.cos-media/ledger/groups/${FIXTURE.scope}/` });
    expect(listed.objects.length).toBe(1);
  }, 60_000);
});

describe('reconciliation across queues', () => {
  const BUCKET = 'queues-1250000000';
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ jobDurationMs: 50 });
    await seedInputs(h, BUCKET, ['in/a.mp4']);
    await h.client.enableMediaProcessing({ bucket: BUCKET });
  });
  afterAll(async () => h.close());

  it('adopts on the next apply a job the service placed in a non-default queue whose answer was lost', async () => {
    // Jobs without QueueId now land in a second queue, not the bucket's first.
    const added = await fetch(`${h.emulator.url}/_emulator/queues`, { method: 'POST', body: JSON.stringify({ bucket: BUCKET, takesJobsWithoutQueueId: true }) });
    const second = ((await added.json()) as { queueId: string }).queueId;
    // The POST is committed and its answer dropped; listing jobs fails for the rest of the first apply, so the
    // apply ends with only the intent stored.
    h.emulator.addFaults(
      { operation: 'CreateMediaJobs', times: 1, effect: { type: 'commitThenDrop' } },
      { id: 'no-list', operation: 'DescribeMediaJobs', effect: { type: 'error', status: 400, code: 'InvalidRequest' } },
    );
    const stackDir = h.synth((stack) => {
      const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
      new VideoEnhanceJob(stack, 'job', { bucket, input: 'in/a.mp4', enhance, output: { object: 'out/${InputName}.${ext}' } });
    });
    const first = await h.apply(stackDir);
    expect(first.summary.ok).toBe(false);
    expect(jobsIn(h).map((j) => j.queueId)).toEqual([second]);

    await fetch(`${h.emulator.url}/_emulator/faults/no-list`, { method: 'DELETE' });
    const next = await h.apply(stackDir);
    expect(next.summary.ok).toBe(true);
    const jobs = jobsIn(h);
    expect(jobs.map((j) => [j.queueId, j.state])).toEqual([[second, 'Success']]);
    expect(h.lines.join('\n')).toMatch(/found \(submitted by an earlier run\)/);
  }, 60_000);
});
