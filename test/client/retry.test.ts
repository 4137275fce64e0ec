import fc from 'fast-check';
import { errors } from 'undici';
import { ConnectionError, TencentApiError, TimeoutError, UnknownOutcomeError } from '../../src/client/errors';
import { backoffDelay, isClockSkew, isRetryable, retryPolicy } from '../../src/client/retry';
import type { CosMediaClient } from '../../src/client/client';
import { SpecValidationError } from '../../src/model/problems';
import type { VideoEnhanceJobRequest } from '../../src/model/job';
import type { WatermarkTemplateRequest } from '../../src/model/template';
import {
  BUCKET,
  CI_HOST,
  FakeClock,
  mockService,
  testClient,
  verifySignature,
  xmlError,
  type Reply,
  type SeenRequest,
} from './mock-service';

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const JOB_OK = '<Response><JobsDetail><Code>Success</Code><JobId>j8d121820f5e411ec926ef19d53ba9c6f</JobId><State>Submitted</State></JobsDetail></Response>';
const identity = { operation: 'T', method: 'GET', host: 'h', path: '/' };
const reset = (): Error => Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
const refused = (): Error => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9000'), { code: 'ECONNREFUSED' });

/** Replies in turn from `script`; the last entry repeats. */
function scripted(script: readonly (Reply | (() => Error))[]): (req: SeenRequest, i: number) => Reply | Error {
  return (_req, i) => {
    const step = script[Math.min(i, script.length - 1)] as Reply | (() => Error);
    return typeof step === 'function' ? step() : step;
  };
}

async function run<T>(
  script: readonly (Reply | (() => Error))[],
  call: (client: CosMediaClient) => Promise<T>,
  options: Parameters<typeof testClient>[2] = {},
): Promise<{ result?: T; error?: unknown; seen: SeenRequest[]; clock: FakeClock; client: CosMediaClient }> {
  const clock = new FakeClock();
  const { agent, seen } = mockService(scripted(script));
  const client = testClient(agent, clock, options);
  try {
    return { result: await call(client), seen, clock, client };
  } catch (error) {
    return { error, seen, clock, client };
  } finally {
    await agent.close();
  }
}

const describeJob = (c: CosMediaClient): Promise<unknown> => c.describeJobs({ bucket: BUCKET, jobIds: ['j8d121820f5e411ec926ef19d53ba9c6f'] });

const job: VideoEnhanceJobRequest = {
  Tag: 'VideoEnhance',
  Input: { Object: 'input/demo.mp4' },
  Operation: { TemplateId: 't1460606b9752148c4ab182f55163ba7cd', Output: { Region: 'ap-guangzhou', Bucket: BUCKET, Object: 'out.mp4' } },
};
const template: WatermarkTemplateRequest = {
  Tag: 'Watermark',
  Name: 'wm',
  Watermark: { Type: 'Text', Pos: 'TopRight', LocMode: 'Absolute', Dx: '10', Dy: '10', Text: { FontSize: '20', FontType: 'arial.ttf', FontColor: '0xFFFFFF', Transparency: '100', Text: 'hi' } },
};
const CREATES: readonly [string, string, (c: CosMediaClient) => Promise<unknown>][] = [
  ['POST /jobs', '/jobs', (c) => c.submitJob({ bucket: BUCKET, job })],
  ['POST /template', '/template', (c) => c.createTemplate({ bucket: BUCKET, template })],
  ['POST /mediabucket', '/mediabucket', (c) => c.enableMediaProcessing({ bucket: BUCKET })],
];

describe('backoffDelay', () => {
  it('waits a full-jitter time below a cap that doubles per retry up to maxDelayMs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 20_000 }),
        (retry, r, baseDelayMs, maxDelayMs) => {
          const delay = backoffDelay(retry, { baseDelayMs, maxDelayMs, random: () => r });
          const cap = Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(cap);
          expect(delay).toBe(Math.floor(cap * r));
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('fails for bad retry options, listing each', () => {
    expect(() => retryPolicy({ maxAttempts: 0, baseDelayMs: -1, maxElapsedMs: Number.NaN })).toThrow(SpecValidationError);
    try {
      retryPolicy({ maxAttempts: 0, baseDelayMs: -1, maxElapsedMs: Number.NaN });
    } catch (err) {
      expect((err as SpecValidationError).problems.map((p) => p.path)).toEqual(['retry.maxAttempts', 'retry.baseDelayMs', 'retry.maxElapsedMs']);
    }
  });
});

describe('isRetryable and isClockSkew', () => {
  const api = (statusCode: number, code: string, message = ''): TencentApiError => new TencentApiError(identity, { statusCode, code, message });
  it('retries 5xx, 429, SlowDown, timeouts and transient connection failures only', () => {
    expect(isRetryable(api(500, 'InternalError'))).toBe(true);
    expect(isRetryable(api(503, 'SlowDown'))).toBe(true);
    expect(isRetryable(api(429, 'SlowDown'))).toBe(true);
    expect(isRetryable(api(400, 'InvalidArgument'))).toBe(false);
    expect(isRetryable(api(404, 'NoSuchKey'))).toBe(false);
    expect(isRetryable(new TimeoutError(identity, 'headers'))).toBe(true);
    expect(isRetryable(new ConnectionError(identity, 'ECONNRESET', 'unknown'))).toBe(true);
    expect(isRetryable(new ConnectionError(identity, 'UND_MOCK_ERR_MOCK_NOT_MATCHED', 'unknown'))).toBe(false);
    expect(isRetryable(new Error('x'))).toBe(false);
  });
  it('recognises COS and CI clock-skew errors', () => {
    expect(isClockSkew(api(403, 'RequestTimeTooSkewed'))).toBe(true);
    expect(isClockSkew(api(401, 'SignatureExpired'))).toBe(true);
    expect(isClockSkew(api(403, 'AccessDenied', 'Request has expired'))).toBe(true);
    expect(isClockSkew(api(403, 'AccessDenied', 'Access Denied.'))).toBe(false);
  });
});

describe('retries of repeatable requests', () => {
  it('retries a GET through 500, 503 SlowDown and 429, with backoff, then returns the answer', async () => {
    const { result, seen, clock } = await run(
      [
        { status: 500, body: xmlError('InternalError', 'x') },
        { status: 503, body: xmlError('SlowDown', 'slow') },
        { status: 429, body: xmlError('SlowDown', 'slow') },
        { status: 200, body: JOB_OK },
      ],
      describeJob,
    );
    expect(result).toMatchObject({ jobs: [{ JobId: 'j8d121820f5e411ec926ef19d53ba9c6f' }] });
    expect(seen).toHaveLength(4);
    // random() = 0.5 of caps 200, 400, 800
    expect(clock.sleeps).toEqual([100, 200, 400]);
  });

  it('retries a GET after a reset and a headers timeout', async () => {
    const { result, seen } = await run([reset, () => new errors.HeadersTimeoutError(), { status: 200, body: JOB_OK }], describeJob);
    expect(result).toBeDefined();
    expect(seen).toHaveLength(3);
  });

  it('re-signs every attempt from the unchanged request', async () => {
    const { seen } = await run(
      [{ status: 503, body: xmlError('ServiceUnavailable', '') }, { status: 503, body: '' }, { status: 200, body: JOB_OK }],
      describeJob,
      { retry: { baseDelayMs: 4000, random: () => 0.999 } },
    );
    expect(seen).toHaveLength(3);
    const keyTimes = seen.map((req) => verifySignature(req).keyTime);
    expect(new Set(keyTimes).size).toBe(3);
    expect(new Set(seen.map((r) => r.path))).toEqual(new Set(['/jobs/j8d121820f5e411ec926ef19d53ba9c6f']));
  });

  it('never changes the caller’s objects: a frozen template is sent identically on each attempt', async () => {
    const frozen = deepFreeze(structuredClone(template));
    const { result, seen } = await run(
      [{ status: 500, body: xmlError('InternalError', '') }, { status: 200, body: `<Response><Template><TemplateId>t1x</TemplateId><Name>wm</Name></Template></Response>` }],
      (c) => c.updateTemplate({ bucket: BUCKET, templateId: 't1x', template: frozen }),
    );
    expect(result).toMatchObject({ TemplateId: 't1x' });
    expect(seen).toHaveLength(2);
    expect(seen[1]?.body).toBe(seen[0]?.body);
    expect(frozen).toEqual(template);
  });

  it('retries PUT and DELETE too (cancelJob, deleteObject)', async () => {
    const cancel = await run([reset, { status: 200 }], (c) => c.cancelJob({ bucket: BUCKET, jobId: 'j1' }));
    expect(cancel.error).toBeUndefined();
    expect(cancel.seen.map((r) => r.method)).toEqual(['PUT', 'PUT']);
    const del = await run([{ status: 503, body: xmlError('SlowDown', '') }, { status: 204 }], (c) => c.deleteObject({ bucket: BUCKET, key: 'k' }));
    expect(del.error).toBeUndefined();
    expect(del.seen.map((r) => r.method)).toEqual(['DELETE', 'DELETE']);
  });

  it('fails after maxAttempts with the last error', async () => {
    const { error, seen } = await run([{ status: 500, body: xmlError('InternalError', 'boom') }], describeJob, { retry: { maxAttempts: 3 } });
    expect(error).toBeInstanceOf(TencentApiError);
    expect((error as TencentApiError).code).toBe('InternalError');
    expect(seen).toHaveLength(3);
  });

  it('fails once the next wait would pass maxElapsedMs', async () => {
    const { error, seen, clock } = await run([{ status: 500, body: xmlError('InternalError', '') }], describeJob, {
      retry: { maxAttempts: 10, baseDelayMs: 200, maxElapsedMs: 250 },
    });
    expect(error).toBeInstanceOf(TencentApiError);
    expect(seen).toHaveLength(2);
    expect(clock.sleeps).toEqual([100]);
  });

  it('fails at once on a definite client error, without retrying', async () => {
    const { error, seen } = await run([{ status: 400, body: xmlError('InvalidArgument', 'bad') }], describeJob);
    expect(error).toMatchObject({ name: 'TencentApiError', statusCode: 400, code: 'InvalidArgument' });
    expect(seen).toHaveLength(1);
  });
});

describe('creates are never re-sent', () => {
  describe.each(CREATES)('%s', (_name, path, create) => {
    it.each([
      ['a 500', [{ status: 500, body: xmlError('InternalError', 'x') }]],
      ['a 503 SlowDown', [{ status: 503, body: xmlError('SlowDown', 'x') }]],
      ['a connection reset', [reset]],
      ['a headers timeout', [() => new errors.HeadersTimeoutError()]],
      ['a body timeout', [() => new errors.BodyTimeoutError()]],
      ['a 200 with an unreadable body', [{ status: 200, body: '<Response><Broken></Response>' }]],
    ] as const)('fails with UnknownOutcomeError after %s, having sent it once', async (_what, script) => {
      const { error, seen, clock } = await run(script, create);
      expect(error).toBeInstanceOf(UnknownOutcomeError);
      expect(seen).toHaveLength(1);
      const e = error as UnknownOutcomeError;
      expect(e.request).toMatchObject({ method: 'POST', host: CI_HOST, path });
      expect(e.sentAt.getTime()).toBe(clock.ms);
      expect(e.cause).toBeInstanceOf(Error);
      expect(e.message).toContain('was not re-sent');
    });

    it.each([
      ['400 InvalidArgument', 400, 'InvalidArgument'],
      ['403 AccessDenied', 403, 'AccessDenied'],
    ])('fails with the TencentApiError of a definite %s, having sent it once', async (_what, status, code) => {
      const { error, seen } = await run([{ status, body: xmlError(code, 'no') }], create);
      expect(error).toBeInstanceOf(TencentApiError);
      expect(error).toMatchObject({ statusCode: status, code });
      expect(seen).toHaveLength(1);
    });

    it('waits and sends it again after a 429 SlowDown, which the service refused before doing anything', async () => {
      const { error, seen } = await run([{ status: 429, body: xmlError('SlowDown', 'slow') }, { status: 429, body: xmlError('SlowDown', 'slow') }], create);
      expect(error).toBeInstanceOf(TencentApiError);
      expect(error).toMatchObject({ statusCode: 429, code: 'SlowDown' });
      // Bounded like every retry: the default policy allows 4 attempts in all.
      expect(seen).toHaveLength(4);
    });

    it('fails with TimeoutError (connect) when no connection could be made in time, having tried once', async () => {
      const { error, seen } = await run([() => new errors.ConnectTimeoutError()], create);
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error).toMatchObject({ phase: 'connect' });
      expect(seen).toHaveLength(1);
    });

    it('fails with ConnectionError (delivered: no) when the connection was refused, having tried once', async () => {
      const { error, seen } = await run([refused], create);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).toMatchObject({ reason: 'ECONNREFUSED', delivered: 'no' });
      expect(seen).toHaveLength(1);
    });
  });
});

describe('clock-skew correction', () => {
  const skewed = (code: string, status: number, serverMs: number): Reply => ({
    status,
    body: xmlError(code, 'skew'),
    headers: { date: new Date(serverMs).toUTCString() },
  });

  it('corrects the signing clock from the Date header once and re-sends a GET', async () => {
    const clock0 = new FakeClock().ms;
    const server = clock0 + 20 * 60_000;
    const { result, seen, client } = await run([skewed('RequestTimeTooSkewed', 403, server), { status: 200, body: JOB_OK }], describeJob);
    expect(result).toBeDefined();
    expect(seen).toHaveLength(2);
    const [first, second] = seen.map((r) => verifySignature(r).keyTime.split(';').map(Number)[0]);
    expect(first).toBe(Math.floor(clock0 / 1000) - 1);
    expect(second).toBe(Math.floor(server / 1000) - 1);
    expect(client.clockOffsetMs).toBe(20 * 60_000);
  });

  it('re-sends a create once after SignatureExpired: the service refused it before doing anything', async () => {
    const clock0 = new FakeClock().ms;
    const { result, seen } = await run([skewed('SignatureExpired', 401, clock0 - 3_600_000), { status: 200, body: JOB_OK }], CREATES[0]![2]);
    expect(result).toMatchObject({ JobId: 'j8d121820f5e411ec926ef19d53ba9c6f' });
    expect(seen).toHaveLength(2);
    expect(seen[0]?.body).toBe(seen[1]?.body);
  });

  it('reports an unknown outcome after the correction with the corrected send time', async () => {
    const clock0 = new FakeClock().ms;
    const server = clock0 + 3_600_000;
    const { error, seen } = await run([skewed('SignatureExpired', 401, server), { status: 500, body: xmlError('InternalError', '') }], CREATES[0]![2]);
    expect(error).toBeInstanceOf(UnknownOutcomeError);
    expect((error as UnknownOutcomeError).sentAt.getTime()).toBe(server);
    expect(seen).toHaveLength(2);
  });

  it('keeps the correction for later requests', async () => {
    const clock0 = new FakeClock().ms;
    const server = clock0 - 30 * 60_000;
    const { seen } = await run([skewed('RequestTimeTooSkewed', 403, server), { status: 200, body: JOB_OK }], async (c) => {
      await describeJob(c);
      await describeJob(c);
    });
    expect(seen).toHaveLength(3);
    expect(Number(verifySignature(seen[2]!).keyTime.split(';')[0])).toBe(Math.floor(server / 1000) - 1);
  });

  it('fails with the skew error when it comes again after the correction', async () => {
    const clock0 = new FakeClock().ms;
    const { error, seen } = await run([skewed('RequestTimeTooSkewed', 403, clock0 + 3_600_000)], describeJob);
    expect(error).toMatchObject({ code: 'RequestTimeTooSkewed' });
    expect(seen).toHaveLength(2);
  });

  it('fails without re-sending when the skew error has no usable Date header', async () => {
    const { error, seen } = await run([{ status: 403, body: xmlError('RequestTimeTooSkewed', 'x') }], describeJob);
    expect(error).toMatchObject({ code: 'RequestTimeTooSkewed' });
    expect(seen).toHaveLength(1);
  });
});
