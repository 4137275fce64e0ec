/**
 * Tencent's own Node SDK (cos-nodejs-sdk-v5) as the client, through its `Proxy` option: the emulator receives
 * absolute-form targets (`PUT http://<bucket>.cos.<region>.myqcloud.com/<key>`) exactly as an HTTP proxy would.
 */
import COS from 'cos-nodejs-sdk-v5';
import { ManualClock, startEmulator, type RunningEmulator } from '../../src/emulator';
import { BUCKET, REGION, SECRET_ID, SECRET_KEY } from './helpers';

type Callback = (err: { code?: string; statusCode?: number; message?: string } | null, data: Record<string, unknown>) => void;

function call<T = Record<string, unknown>>(fn: (cb: Callback) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, data) => (err ? reject(err) : resolve(data as T))));
}

describe('cos-nodejs-sdk-v5 through the Proxy option', () => {
  let emulator: RunningEmulator;
  let cos: COS;
  const ci = `http://${BUCKET}.ci.${REGION}.myqcloud.com`;

  beforeAll(async () => {
    emulator = await startEmulator({ secretId: SECRET_ID, secretKey: SECRET_KEY, clock: new ManualClock() });
    // Protocol http: so the SDK's `request` sends absolute-form targets to the proxy (https would need CONNECT).
    cos = new COS({ SecretId: SECRET_ID, SecretKey: SECRET_KEY, Protocol: 'http:', Proxy: emulator.url });
  });
  afterAll(() => emulator.stop());

  const ciRequest = (Method: string, path: string, Body?: string, Query?: Record<string, string>): Promise<Record<string, unknown>> =>
    call((cb) =>
      cos.request(
        {
          Bucket: BUCKET,
          Region: REGION,
          Method,
          Key: path.slice(1),
          Url: `${ci}${path}`,
          Query,
          Body,
          Headers: Body === undefined ? {} : { 'content-type': 'application/xml' },
        } as unknown as COS.RequestParams,
        cb as never,
      ),
    );

  it('runs a whole VideoEnhance flow: bucket, object, media processing, template, job to Success, output object', async () => {
    await call((cb) => cos.putBucket({ Bucket: BUCKET, Region: REGION }, cb as never));
    await call((cb) => cos.putObject({ Bucket: BUCKET, Region: REGION, Key: 'input/clip 1.mp4', Body: Buffer.from('pretend video') }, cb as never));

    const media = await ciRequest('POST', '/mediabucket');
    expect((media.Response as { MediaBucket: { BucketId: string } }).MediaBucket.BucketId).toBe(BUCKET);

    const template = await ciRequest(
      'POST',
      '/template',
      '<Request><Tag>VideoEnhance</Tag><Name>sdk-enhance</Name><VideoEnhance>' +
        '<Transcode><Container><Format>mp4</Format></Container></Transcode>' +
        '<SuperResolution><Resolution>sdtohd</Resolution></SuperResolution></VideoEnhance></Request>',
    );
    const templateId = (template.Response as { Template: { TemplateId: string } }).Template.TemplateId;
    expect(templateId).toMatch(/^t1[0-9a-f]{32}$/);

    const submitted = await ciRequest(
      'POST',
      '/jobs',
      `<Request><Tag>VideoEnhance</Tag><Input><Object>input/clip 1.mp4</Object></Input><Operation>` +
        `<TemplateId>${templateId}</TemplateId><Output><Region>${REGION}</Region><Bucket>${BUCKET}</Bucket>` +
        '<Object>enhanced/clip 1-${jobid}.${ext}</Object></Output></Operation></Request>',
    );
    const job = (submitted.Response as { JobsDetail: { JobId: string; State: string } }).JobsDetail;
    expect(job.State).toBe('Submitted');
    expect(job.JobId).toMatch(/^j[0-9a-f]{32}$/);

    await emulator.advance(1000);

    const described = await ciRequest('GET', `/jobs/${job.JobId}`);
    const detail = (described.Response as { JobsDetail: Record<string, unknown> }).JobsDetail;
    expect(detail.State).toBe('Success');
    expect(detail.Progress).toBe('100');
    const outputKey = `enhanced/clip 1-${job.JobId}.mp4`;
    const got = await call<{ Body: Buffer; statusCode: number }>((cb) =>
      cos.getObject({ Bucket: BUCKET, Region: REGION, Key: outputKey }, cb as never),
    );
    expect(got.statusCode).toBe(200);
    expect(got.Body.toString()).toBe('pretend video');
  });

  it('fails with the SDK error carrying the service code for a job on a missing input', async () => {
    await expect(
      ciRequest(
        'POST',
        '/jobs',
        `<Request><Tag>VideoEnhance</Tag><Input><Object>input/none.mp4</Object></Input><Operation>` +
          `<VideoEnhance><MsSharpen><SharpenLevel>3</SharpenLevel></MsSharpen></VideoEnhance>` +
          `<Output><Region>${REGION}</Region><Bucket>${BUCKET}</Bucket><Object>out.mp4</Object></Output></Operation></Request>`,
      ),
    ).rejects.toMatchObject({ code: 'ResourceNotFound', statusCode: 400 });
  });

  it('fails with SignatureDoesNotMatch when the SDK signs with another key', async () => {
    const wrong = new COS({ SecretId: SECRET_ID, SecretKey: 'not-the-key', Protocol: 'http:', Proxy: emulator.url });
    await expect(call((cb) => wrong.headBucket({ Bucket: BUCKET, Region: REGION }, cb as never))).rejects.toMatchObject({ statusCode: 403 });
    await expect(
      call((cb) => wrong.getObject({ Bucket: BUCKET, Region: REGION, Key: 'input/clip 1.mp4' }, cb as never)),
    ).rejects.toMatchObject({ code: 'SignatureDoesNotMatch', statusCode: 403 });
  });
});
