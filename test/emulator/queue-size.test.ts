/** A queue holds at most `MaxSize` jobs that have not ended (counted from the emulator's index of pending jobs). */
import { CosMediaClient, TencentApiError } from '../../src/client';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import type { VideoEnhanceJobRequest } from '../../src/model';

const BUCKET = 'qsize-1250000000';
const REGION = 'ap-guangzhou';
const SECRET_ID = 'AKIDQUEUESIZETEST0001';
const SECRET_KEY = 'queue-size-test-secret';

function job(input: string): VideoEnhanceJobRequest {
  return {
    Tag: 'VideoEnhance',
    Input: { Object: input },
    Operation: {
      VideoEnhance: { MsSharpen: { SharpenLevel: '4' } },
      Output: { Region: REGION, Bucket: BUCKET, Object: 'out/${InputName}.${ext}' },
    },
  } as unknown as VideoEnhanceJobRequest;
}

describe('emulator queue size', () => {
  let emulator: RunningEmulator;
  let client: CosMediaClient;
  beforeAll(async () => {
    emulator = await startEmulator({ secretId: SECRET_ID, secretKey: SECRET_KEY, jobDurationMs: 3_600_000, queueMaxSize: 3, queueMaxConcurrent: 1, warn: () => undefined });
    client = new CosMediaClient({ region: REGION, credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emulator.url });
    await client.putBucket({ bucket: BUCKET });
    await client.enableMediaProcessing({ bucket: BUCKET });
    for (const k of ['a', 'b', 'c', 'd', 'e']) await client.putObject({ bucket: BUCKET, key: `in/${k}.mp4`, body: 'video' });
  });
  afterAll(async () => {
    await client.close();
    await emulator.stop();
  });

  it('refuses a job with QueueSaturated while MaxSize jobs have not ended, and takes one again when one ended', async () => {
    const first = await client.submitJob({ bucket: BUCKET, job: job('in/a.mp4') });
    await client.submitJob({ bucket: BUCKET, job: job('in/b.mp4') });
    await client.submitJob({ bucket: BUCKET, job: job('in/c.mp4') });
    const refused = await client.submitJob({ bucket: BUCKET, job: job('in/d.mp4') }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TencentApiError);
    expect((refused as TencentApiError).code).toBe('QueueSaturated');
    // The running job ends (the clock moves past its end): the queue has room again.
    await emulator.advance(3_600_001);
    expect(emulator.state().jobs.find((j) => j.jobId === first.JobId)?.state).toBe('Success');
    await expect(client.submitJob({ bucket: BUCKET, job: job('in/e.mp4') })).resolves.toMatchObject({ State: expect.any(String) });
  });
});
