/**
 * Contract tests: the project's own client (`CosMediaClient`, origin override + real `Host`) against the
 * emulator, one block per client operation, plus how the client sees the emulator's failures.
 */
import { CosMediaClient, TencentApiError, UnknownOutcomeError } from '../../src/client';
import { outputKeysOf, type VideoEnhanceJobRequest, type WatermarkTemplateRequest, type VideoEnhanceTemplateRequest } from '../../src/model';
import type { RunningEmulator } from '../../src/emulator';
import { BUCKET, REGION, SECRET_ID, SECRET_KEY, startTestEmulator } from './helpers';

const watermark: WatermarkTemplateRequest = {
  Tag: 'Watermark',
  Name: 'contract-wm',
  Watermark: {
    Type: 'Text', Pos: 'TopRight', LocMode: 'Absolute', Dx: '10', Dy: '10',
    Text: { FontSize: '30', FontType: 'arial.ttf', FontColor: '0xFFFFFF', Transparency: '50', Text: 'contract' },
  },
};
const enhance = (name: string, level = '5'): VideoEnhanceTemplateRequest => ({
  Tag: 'VideoEnhance',
  Name: name,
  VideoEnhance: { Transcode: { Container: { Format: 'mp4' } }, MsSharpen: { SharpenLevel: level } },
});
/** The input's name without directory and extension (the job API expands only `${ext}` and `${jobid}`). */
const stem = (key: string): string => (key.split('/').pop() as string).replace(/\.[^.]*$/, '');
const job = (templateId: string, input = 'input/a.mp4', extra: Partial<VideoEnhanceJobRequest['Operation']> = {}): VideoEnhanceJobRequest => ({
  Tag: 'VideoEnhance',
  Input: { Object: input },
  Operation: { TemplateId: templateId, Output: { Region: REGION, Bucket: BUCKET, Object: `out/${stem(input)}-${'${jobid}'}.${'${ext}'}` }, ...extra },
});

describe('CosMediaClient against the emulator', () => {
  let emulator: RunningEmulator;
  let client: CosMediaClient;

  beforeAll(async () => {
    emulator = await startTestEmulator({ jobDurationMs: 5000 });
    client = new CosMediaClient({
      region: REGION,
      endpoint: emulator.url,
      credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      env: {},
    });
  });
  afterAll(async () => {
    await client.close();
    await emulator.stop();
  });

  it('putBucket, headBucket; a second putBucket is BucketAlreadyOwnedByYou', async () => {
    await client.putBucket({ bucket: BUCKET });
    expect(await client.headBucket({ bucket: BUCKET })).toMatchObject({ region: REGION, requestId: expect.any(String) });
    await expect(client.putBucket({ bucket: BUCKET })).rejects.toMatchObject({ name: 'TencentApiError', statusCode: 409, code: 'BucketAlreadyOwnedByYou' });
  });

  it('putObject, headObject, getObject (whole and a range), listObjects, deleteObject', async () => {
    const put = await client.putObject({ bucket: BUCKET, key: 'input/a.mp4', body: 'video-a', contentType: 'video/mp4', metadata: { origin: 'contract' } });
    expect(put.etag).toMatch(/^"[0-9a-f]{32}"$/);
    await client.putObject({ bucket: BUCKET, key: 'input/b.mp4', body: Buffer.from('video-b') });
    await client.putObject({ bucket: BUCKET, key: 'scratch/腾讯云 (1).txt', body: 'tmp' });
    expect(await client.headObject({ bucket: BUCKET, key: 'input/a.mp4' })).toMatchObject({
      contentLength: 7, contentType: 'video/mp4', etag: put.etag, metadata: { origin: 'contract' },
    });
    const whole = await client.getObject({ bucket: BUCKET, key: 'input/a.mp4' });
    expect([whole.statusCode, whole.body.toString()]).toEqual([200, 'video-a']);
    const part = await client.getObject({ bucket: BUCKET, key: 'input/a.mp4', range: { start: 2, end: 4 } });
    expect([part.statusCode, part.body.toString(), part.contentRange]).toEqual([206, 'deo', 'bytes 2-4/7']);
    const page = await client.listObjects({ bucket: BUCKET, prefix: 'input/', maxKeys: 1 });
    expect(page).toMatchObject({ objects: [{ key: 'input/a.mp4', size: 7 }], isTruncated: true, nextMarker: 'input/a.mp4' });
    const next = await client.listObjects({ bucket: BUCKET, prefix: 'input/', marker: page.nextMarker });
    expect(next.objects.map((o) => o.key)).toEqual(['input/b.mp4']);
    expect((await client.listObjects({ bucket: BUCKET, delimiter: '/' })).commonPrefixes).toEqual(['input/', 'scratch/']);
    await client.deleteObject({ bucket: BUCKET, key: 'scratch/腾讯云 (1).txt' });
    await expect(client.headObject({ bucket: BUCKET, key: 'scratch/腾讯云 (1).txt' })).rejects.toMatchObject({ statusCode: 404, code: 'NoSuchKey' });
    await expect(client.getObject({ bucket: BUCKET, key: 'nope' })).rejects.toMatchObject({ statusCode: 404, code: 'NoSuchKey', traceId: expect.any(String) });
  });

  it('enableMediaProcessing, describeMediaBuckets; enabling twice is MediaBucketAlreadyBinded', async () => {
    const enabled = await client.enableMediaProcessing({ bucket: BUCKET });
    expect(enabled.mediaBucket).toMatchObject({ BucketId: BUCKET, Region: REGION });
    const listed = await client.describeMediaBuckets({ bucketNames: [BUCKET] });
    expect(listed).toMatchObject({ totalCount: 1, mediaBuckets: [{ BucketId: BUCKET, Name: BUCKET, Region: REGION }] });
    await expect(client.enableMediaProcessing({ bucket: BUCKET })).rejects.toMatchObject({ statusCode: 403, code: 'MediaBucketAlreadyBinded' });
  });

  it('createTemplate, updateTemplate, describeTemplates, findTemplateByName, deleteTemplate', async () => {
    const wm = await client.createTemplate({ bucket: BUCKET, template: watermark });
    expect(wm).toMatchObject({ Tag: 'Watermark', Name: 'contract-wm', Category: 'Custom', Watermark: { Dx: '10' } });
    const ve = await client.createTemplate({ bucket: BUCKET, template: enhance('contract-ve') });
    const updated = await client.updateTemplate({ bucket: BUCKET, templateId: ve.TemplateId, template: enhance('contract-ve', '8') });
    expect(updated.VideoEnhance).toMatchObject({ MsSharpen: { SharpenLevel: '8' } });
    const described = await client.describeTemplates({ bucket: BUCKET, ids: [ve.TemplateId, 't1missing'] });
    expect(described.templates.map((t) => t.TemplateId)).toEqual([ve.TemplateId]);
    expect(described.nonExistTemplateIds).toEqual(['t1missing']);
    expect((await client.describeTemplates({ bucket: BUCKET, tag: 'Watermark' })).templates.map((t) => t.Name)).toEqual(['contract-wm']);
    await client.createTemplate({ bucket: BUCKET, template: enhance('contract-ve-2') });
    expect((await client.findTemplateByName({ bucket: BUCKET, name: 'contract-ve' }))?.TemplateId).toBe(ve.TemplateId);
    expect(await client.findTemplateByName({ bucket: BUCKET, name: 'contract' })).toBeUndefined();
    const gone = await client.createTemplate({ bucket: BUCKET, template: enhance('to-delete') });
    expect(await client.deleteTemplate({ bucket: BUCKET, templateId: gone.TemplateId })).toMatchObject({ templateId: gone.TemplateId });
    await expect(client.deleteTemplate({ bucket: BUCKET, templateId: gone.TemplateId })).rejects.toMatchObject({ code: 'TemplateNotFound' });
    await expect(client.createTemplate({ bucket: BUCKET, template: enhance('contract-ve') })).rejects.toMatchObject({ code: 'TemplateNameDuplicate' });
  });

  it('describeQueues, updateQueue', async () => {
    const { queues } = await client.describeQueues({ bucket: BUCKET });
    expect(queues).toEqual([expect.objectContaining({ State: 'Active', MaxConcurrent: '10' })]);
    const queueId = queues[0]!.QueueId;
    const paused = await client.updateQueue({ bucket: BUCKET, queueId, queue: { Name: 'contract', State: 'Paused', NotifyConfig: { State: 'Off' } } });
    expect(paused).toMatchObject({ QueueId: queueId, Name: 'contract', State: 'Paused' });
    const byId = await client.describeQueues({ bucket: BUCKET, queueIds: [queueId, 'pnope'] });
    expect(byId).toMatchObject({ queues: [{ State: 'Paused' }], nonExistQueueIds: ['pnope'], totalCount: undefined });
    await client.updateQueue({ bucket: BUCKET, queueId, queue: { Name: 'contract', State: 'Active', NotifyConfig: { State: 'Off' } } });
  });

  it('submitJob, describeJobs, listJobs, cancelJob, and a job run to Success with its output object', async () => {
    const ve = (await client.findTemplateByName({ bucket: BUCKET, name: 'contract-ve' }))!;
    const wm = (await client.findTemplateByName({ bucket: BUCKET, name: 'contract-wm' }))!;
    const queueId = (await client.describeQueues({ bucket: BUCKET })).queues[0]!.QueueId;
    const first = await client.submitJob({ bucket: BUCKET, job: job(ve.TemplateId, 'input/a.mp4', { WatermarkTemplateId: [wm.TemplateId], UserData: 'contract' }) });
    expect(first).toMatchObject({ State: 'Submitted', Tag: 'VideoEnhance', QueueId: queueId, Operation: { TemplateName: 'contract-ve', UserData: 'contract' } });
    const second = await client.submitJob({ bucket: BUCKET, job: job(ve.TemplateId, 'input/b.mp4') });
    await client.cancelJob({ bucket: BUCKET, jobId: second.JobId });

    await emulator.advance(5000);
    const { jobs, nonExistJobIds } = await client.describeJobs({ bucket: BUCKET, jobIds: [first.JobId, second.JobId, 'jmissing'] });
    expect(jobs.map((j) => [j.JobId, j.State, j.Progress])).toEqual([[first.JobId, 'Success', '100'], [second.JobId, 'Cancel', '0']]);
    expect(nonExistJobIds).toEqual(['jmissing']);
    const output = jobs[0]!.Operation.MediaResult!.OutputFile;
    const key = outputKeysOf(output)![0];
    expect(key).toBe(`out/a-${first.JobId}.mp4`);
    expect((await client.getObject({ bucket: BUCKET, key })).body.toString()).toBe('video-a');

    const page = await client.listJobs({ bucket: BUCKET, queueId, tag: 'VideoEnhance', size: 1, orderByTime: 'Asc' });
    expect(page.jobs.map((j) => j.JobId)).toEqual([first.JobId]);
    const rest = await client.listJobs({ bucket: BUCKET, queueId, tag: 'VideoEnhance', size: 1, orderByTime: 'Asc', nextToken: page.nextToken });
    expect(rest).toMatchObject({ jobs: [{ JobId: second.JobId }], nextToken: undefined });
    const window = await client.listJobs({
      bucket: BUCKET, queueId, tag: 'VideoEnhance', states: ['Success'], inputObject: 'input/a.mp4',
      startCreationTime: new Date(Date.UTC(2026, 0, 1) - 1000), endCreationTime: new Date(Date.UTC(2026, 0, 1) + 1000),
    });
    expect(window.jobs.map((j) => j.JobId)).toEqual([first.JobId]);
    await expect(client.cancelJob({ bucket: BUCKET, jobId: first.JobId })).rejects.toMatchObject({ statusCode: 400, code: 'InvalidArgument' });
  });

  it('sees a validation failure as a TencentApiError naming the field', async () => {
    const bad = job('t1' + '0'.repeat(32), 'input/a.mp4', {
      Watermark: [{ Type: 'Text', Pos: 'TopRight', LocMode: 'Relativity', Dx: '500', Dy: '0', Text: { FontSize: '30', FontType: 'arial.ttf', FontColor: '0xFFFFFF', Transparency: '50', Text: 'x' } }],
    });
    const error = (await client.submitJob({ bucket: BUCKET, job: bad }).catch((e: unknown) => e)) as TencentApiError;
    expect(error).toBeInstanceOf(TencentApiError);
    expect(error).toMatchObject({ statusCode: 400, code: 'InvalidArgument', requestId: expect.any(String), traceId: expect.any(String) });
    expect(error.serverMessage).toMatch(/^Operation\.Watermark\.0\.Dx must be/);
  });

  it('retries an idempotent read through transient 503s, and reports a dropped POST /jobs as UnknownOutcomeError', async () => {
    emulator.addFaults({ operation: 'HeadObject', times: 2, effect: { type: 'error', status: 503, code: 'ServiceUnavailable' } });
    expect((await client.headObject({ bucket: BUCKET, key: 'input/a.mp4' })).contentLength).toBe(7);
    const ve = (await client.findTemplateByName({ bucket: BUCKET, name: 'contract-ve' }))!;
    emulator.addFaults({ operation: 'CreateMediaJobs', times: 1, effect: { type: 'commitThenDrop' } });
    const before = emulator.state().jobs.length;
    await expect(client.submitJob({ bucket: BUCKET, job: job(ve.TemplateId) })).rejects.toBeInstanceOf(UnknownOutcomeError);
    // Committed exactly once, and not re-sent by the client.
    expect(emulator.state().jobs.length).toBe(before + 1);
  });

  it('deleteBucket: BucketNotEmpty while objects remain, then gone', async () => {
    await expect(client.deleteBucket({ bucket: BUCKET })).rejects.toMatchObject({ statusCode: 409, code: 'BucketNotEmpty' });
    const { objects } = await client.listObjects({ bucket: BUCKET });
    for (const o of objects) await client.deleteObject({ bucket: BUCKET, key: o.key });
    await client.deleteBucket({ bucket: BUCKET });
    await expect(client.headBucket({ bucket: BUCKET })).rejects.toMatchObject({ statusCode: 404, code: 'NoSuchBucket' });
  });
});
