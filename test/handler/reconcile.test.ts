import { CosMediaClient } from '../../src/client';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { findSubmittedJob } from '../../src/handler/reconcile';
import type { VideoEnhanceJobRequest, XmlObject } from '../../src/model';

const BUCKET = 'reconcile-1250000000';
const REGION = 'ap-guangzhou';
const SECRET_ID = 'AKIDRECONCILETESTS0001';
const SECRET_KEY = 'reconcile-test-secret-key';

describe('findSubmittedJob', () => {
  let emulator: RunningEmulator;
  let client: CosMediaClient;
  let second: string;
  const request: VideoEnhanceJobRequest = {
    Tag: 'VideoEnhance',
    Input: { Object: 'in/a.mp4' },
    Operation: { VideoEnhance: { MsSharpen: { SharpenLevel: '4' } }, Output: { Region: REGION, Bucket: BUCKET, Object: 'out/a.${ext}' } },
  };
  beforeAll(async () => {
    emulator = await startEmulator({ secretId: SECRET_ID, secretKey: SECRET_KEY, jobDurationMs: 3_600_000, warn: () => undefined });
    client = new CosMediaClient({ region: REGION, credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emulator.url });
    await client.putBucket({ bucket: BUCKET });
    await client.enableMediaProcessing({ bucket: BUCKET });
    await client.putObject({ bucket: BUCKET, key: 'in/a.mp4', body: 'video' });
    const added = await fetch(`${emulator.url}/_emulator/queues`, { method: 'POST', body: JSON.stringify({ bucket: BUCKET, takesJobsWithoutQueueId: true }) });
    second = ((await added.json()) as { queueId: string }).queueId;
  });
  afterAll(async () => {
    await client.close();
    await emulator.stop();
  });

  const find = (sentAt: Date) =>
    findSubmittedJob({ client, bucket: BUCKET, request: request as unknown as XmlObject, sentAt, exclude: [] });

  it('finds a job the service placed in a queue other than the bucket\'s first', async () => {
    const sentAt = new Date();
    const job = await client.submitJob({ bucket: BUCKET, job: request });
    expect(job.QueueId).toBe(second);
    expect((await find(sentAt))?.JobId).toBe(job.JobId);
  });

  it('lists every queue in turn when the service refuses a listing without queueId', async () => {
    const [rule] = emulator.addFaults({ operation: 'DescribeMediaJobs', times: 1, effect: { type: 'error', status: 400, code: 'InvalidArgument', message: 'queueId is required' } });
    const found = await find(new Date(Date.now() - 60_000));
    expect([rule?.fired, found?.QueueId]).toEqual([1, second]);
  });

  it('does not match a job whose output key differs', async () => {
    const other = { ...request, Operation: { ...request.Operation, Output: { ...request.Operation.Output, Object: 'out/b.${ext}' } } };
    expect(await findSubmittedJob({ client, bucket: BUCKET, request: other as unknown as XmlObject, sentAt: new Date(Date.now() - 60_000), exclude: [] })).toBeUndefined();
  });
});
