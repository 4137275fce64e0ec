/**
 * A recognisable secret key and session token are planted; every error the client can throw is provoked and
 * rendered every way a program or a log might render it. Neither secret may appear anywhere.
 */
import { inspect } from 'node:util';
import { errors } from 'undici';
import { CosMediaClient } from '../../src/client/client';
import { credentialsFromEnv } from '../../src/client/credentials';
import {
  BUCKET,
  FakeClock,
  REGION,
  SECRET_ID,
  SECRET_KEY,
  SECURITY_TOKEN,
  mockService,
  serve,
  testClient,
  xmlError,
  type Reply,
  type SeenRequest,
} from './mock-service';

const STS = { secretId: SECRET_ID, secretKey: SECRET_KEY, securityToken: SECURITY_TOKEN };
const JOB = {
  Tag: 'VideoEnhance',
  Input: { Object: 'in.mp4' },
  Operation: { TemplateId: 't1', Output: { Region: REGION, Bucket: BUCKET, Object: 'o.mp4' } },
} as const;

function renderings(error: unknown): string[] {
  const e = error as Error & { cause?: unknown };
  return [
    String(error),
    e.message,
    e.stack ?? '',
    JSON.stringify(error),
    JSON.stringify(e.cause ?? null),
    inspect(error, { depth: Infinity, showHidden: true, getters: true }),
  ];
}

async function failure(call: (c: CosMediaClient) => Promise<unknown>, reply: (req: SeenRequest, i: number) => Reply | Error): Promise<unknown> {
  const { client, close } = serve(reply, { credentials: STS, retry: { maxAttempts: 2 } });
  try {
    await call(client);
  } catch (err) {
    return err;
  } finally {
    await close();
  }
  throw new Error('expected the call to fail');
}

/** A dispatcher failure that quotes the request headers, as undici's MockAgent "not matched" error does. */
const quotingFailure = (req: SeenRequest): Error =>
  Object.assign(new Error(`could not send ${JSON.stringify(req.headers)}`), { code: 'ECONNRESET' });

const CASES: readonly [string, () => Promise<unknown>][] = [
  ['an API error echoing the token', () => failure((c) => c.headBucket({ bucket: BUCKET }), () => ({ status: 403, body: xmlError('AccessDenied', `token ${SECURITY_TOKEN} key ${SECRET_KEY}`) }))],
  ['a bodiless 404 of HEAD', () => failure((c) => c.headObject({ bucket: BUCKET, key: 'k' }), () => ({ status: 404 }))],
  ['exhausted retries on 500', () => failure((c) => c.listObjects({ bucket: BUCKET }), () => ({ status: 500, body: xmlError('InternalError', 'x') }))],
  ['a connection error quoting the headers', () => failure((c) => c.listObjects({ bucket: BUCKET }), quotingFailure)],
  ['an unknown outcome after a reset that quotes the headers', () => failure((c) => c.submitJob({ bucket: BUCKET, job: JOB }), quotingFailure)],
  ['an unknown outcome after a 502', () => failure((c) => c.submitJob({ bucket: BUCKET, job: JOB }), () => ({ status: 502, body: '<html>bad gateway</html>' }))],
  ['a timeout', () => failure((c) => c.describeJobs({ bucket: BUCKET, jobIds: ['j1'] }), () => new errors.HeadersTimeoutError())],
  ['an unreadable success body', () => failure((c) => c.describeQueues({ bucket: BUCKET }), () => ({ status: 200, body: 'not xml' }))],
  ['a clock-skew error after correction', () => failure((c) => c.listJobs({ bucket: BUCKET, tag: 'VideoEnhance' }), () => ({ status: 403, body: xmlError('RequestTimeTooSkewed', 'skew'), headers: { date: new Date(0).toUTCString() } }))],
  ['an invalid input', () => failure((c) => c.getObject({ bucket: 'bad', key: '' }), () => ({ status: 200 }))],
  [
    'invalid client options',
    async () => {
      try {
        return new CosMediaClient({ region: 'BAD', credentials: STS, endpoint: 'ftp://x', env: {} });
      } catch (err) {
        return err;
      }
    },
  ],
  [
    'missing credentials with the token set',
    async () => {
      try {
        return credentialsFromEnv({ TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECURITY_TOKEN: SECURITY_TOKEN });
      } catch (err) {
        return err;
      }
    },
  ],
];

describe('secrets never appear in errors', () => {
  it.each(CASES)('keeps the key and token out of %s', async (_what, provoke) => {
    const error = await provoke();
    expect(error).toBeInstanceOf(Error);
    for (const text of renderings(error)) {
      expect(text).not.toContain(SECRET_KEY);
      expect(text).not.toContain(SECURITY_TOKEN);
    }
  });

  it('keeps them out of the client object itself', async () => {
    const clock = new FakeClock();
    const { agent } = mockService(() => ({ status: 200 }));
    const client = testClient(agent, clock, { credentials: STS });
    const text = [inspect(client, { depth: Infinity, showHidden: true, getters: true }), JSON.stringify(client), String(client)].join('\n');
    await agent.close();
    expect(text).not.toContain(SECRET_KEY);
    expect(text).not.toContain(SECURITY_TOKEN);
  });
});
