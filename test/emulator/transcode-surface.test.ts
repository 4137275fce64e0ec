// The emulator accepts the Transcode surface and job-level fields the Go SDK sends (ci-api.md §14 row 7) and
// echoes them, lists included, through the real client and its XML codec.
import { CosMediaClient } from '../../src/client';
import type { RunningEmulator } from '../../src/emulator';
import type { VideoEnhanceJobRequest } from '../../src/model';
import { BUCKET, REGION, SECRET_ID, SECRET_KEY, startTestEmulator } from './helpers';

describe('the emulator and the extended Transcode surface', () => {
  let emulator: RunningEmulator;
  let client: CosMediaClient;
  beforeAll(async () => {
    emulator = await startTestEmulator({ jobDurationMs: 1000 });
    client = new CosMediaClient({ region: REGION, endpoint: emulator.url, credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, env: {} });
    await client.putBucket({ bucket: BUCKET });
    await client.enableMediaProcessing({ bucket: BUCKET });
    await client.putObject({ bucket: BUCKET, key: 'in/a.mp4', body: 'video' });
  });
  afterAll(async () => {
    await client.close();
    await emulator.stop();
  });

  const transcode = {
    Container: { Format: 'mp4' },
    Video: { Codec: 'H.264', Quality: '90', ColorParam: { ColorRange: 'tv' } },
    TransConfig: { AdjDarMethod: 'pad', IsCheckReso: 'true', HlsEncrypt: { IsHlsEncrypt: 'false' } },
    AudioMix: { AudioSource: 'bgm.mp3', MixMode: 'Once' },
    AudioMixArray: [{ AudioSource: 'a.mp3' }, { AudioSource: 'b.mp3', Replace: 'true' }],
    Subtitle: { Remove: 'true' },
  };

  it('runs a job with every new field and echoes them', async () => {
    const job = await client.submitJob({
      bucket: BUCKET,
      job: {
        Tag: 'VideoEnhance',
        Input: { Object: 'in/a.mp4' },
        Operation: {
          VideoEnhance: { Transcode: transcode, MsSharpen: { SharpenLevel: '3' } },
          TranscodeTemplateId: 't160606b9752148c4absdfaf2f55163b1f',
          Output: { Region: REGION, Bucket: BUCKET, Object: 'out/a.${ext}' },
        },
        QueueType: 'Common',
        CallBackKafkaConfig: { Region: 'ap-guangzhou', InstanceId: 'ckafka-1', Topic: 'jobs' },
      } as unknown as VideoEnhanceJobRequest,
    });
    await emulator.advance(1000);
    const [done] = (await client.describeJobs({ bucket: BUCKET, jobIds: [job.JobId] })).jobs;
    expect(done?.State).toBe('Success');
    expect(done?.Operation.VideoEnhance?.Transcode).toEqual(transcode);
    expect(done?.Operation.TranscodeTemplateId).toBe('t160606b9752148c4absdfaf2f55163b1f');
  });

  it('fails a broken new field with InvalidArgument naming its path, before anything runs', async () => {
    const err = await client
      .submitJob({
        bucket: BUCKET,
        job: {
          Tag: 'VideoEnhance',
          Input: { Object: 'in/a.mp4' },
          Operation: {
            VideoEnhance: { Transcode: { ...transcode, TransConfig: { AdjDarMethod: 'stretch' } }, MsSharpen: {} },
            Output: { Region: REGION, Bucket: BUCKET, Object: 'out/b.${ext}' },
          },
        } as unknown as VideoEnhanceJobRequest,
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'InvalidArgument' });
    expect((err as Error).message).toMatch(/Operation\.VideoEnhance\.Transcode\.TransConfig\.AdjDarMethod must be one of scale, crop, pad, none/);
  });
});
