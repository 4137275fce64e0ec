/**
 * Test helpers: a CosMediaClient on an undici MockAgent (no network), a recorder of the requests it sends,
 * and a verifier that re-computes each request's signature with the signer steps, as a server would.
 */
import { MockAgent, type Dispatcher } from 'undici';
import { CosMediaClient, type CosMediaClientOptions } from '../../src/client/client';
import type { Clock } from '../../src/client/retry';
import { parseAuthorization, signatureParts } from '../../src/client/signer';

export const SECRET_ID = 'AKIDTESTCLIENT000000000000000000';
/** A recognisable secret: no test output or error may ever contain it. */
export const SECRET_KEY = 'PLANTED-SECRET-KEY-7f3c9a1e5b';
export const SECURITY_TOKEN = 'PLANTED-SESSION-TOKEN-d41d8cd98f';
export const REGION = 'ap-guangzhou';
export const BUCKET = 'examplebucket-1250000000';
export const CI_HOST = `${BUCKET}.ci.${REGION}.myqcloud.com`;
export const COS_HOST = `${BUCKET}.cos.${REGION}.myqcloud.com`;
export const CI_SERVICE_HOST = `ci.${REGION}.myqcloud.com`;
export const ENDPOINT = 'http://127.0.0.1:9000';

/** A request as the mock service saw it. */
export interface SeenRequest {
  readonly method: string;
  /** The wire path with its query. */
  readonly path: string;
  /** Lower-case names. */
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A reply: status, body text (XML) and headers. */
export interface Reply {
  readonly status: number;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

/** A clock the test moves; `sleep` advances it, so backoff waits are recorded and cost no time. */
export class FakeClock implements Clock {
  ms: number;
  readonly sleeps: number[] = [];
  constructor(start = Date.UTC(2026, 0, 12, 10, 0, 0)) {
    this.ms = start;
  }
  now(): number {
    return this.ms;
  }
  readonly sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    this.ms += ms;
  };
}

function headersOf(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw === undefined || raw === null) return out;
  const entries: [unknown, unknown][] = Array.isArray(raw)
    ? raw.flatMap((v, i) => (i % 2 === 0 ? [[v, raw[i + 1]] as [unknown, unknown]] : []))
    : Object.entries(raw as Record<string, unknown>);
  for (const [k, v] of entries) out[String(k).toLowerCase()] = String(v);
  return out;
}

function bodyOf(raw: unknown): string {
  if (raw === undefined || raw === null) return '';
  if (typeof raw === 'string') return raw;
  if (raw instanceof Uint8Array) return Buffer.from(raw).toString('utf8');
  throw new Error(`unexpected mock body type ${typeof raw}`);
}

/**
 * A MockAgent with network connections disabled that answers every request to `origin` from `respond`
 * (called with the request and its index) and records what it saw.
 */
export function mockService(
  respond: (req: SeenRequest, index: number) => Reply | Error,
  origin = ENDPOINT,
): { agent: MockAgent; seen: SeenRequest[] } {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const seen: SeenRequest[] = [];
  const pool = agent.get(origin);
  const intercept = (): void => {
    pool
      .intercept({ path: () => true, method: () => true })
      .reply((opts) => {
        const req: SeenRequest = { method: opts.method, path: opts.path, headers: headersOf(opts.headers), body: bodyOf(opts.body) };
        seen.push(req);
        const reply = respond(req, seen.length - 1);
        if (reply instanceof Error) throw reply;
        return {
          statusCode: reply.status,
          data: reply.body ?? '',
          responseOptions: { headers: { ...reply.headers } },
        };
      })
      .persist();
  };
  intercept();
  return { agent, seen };
}

/** A client on `dispatcher`, with the planted credentials, the fake clock and no real sleeping. */
export function testClient(
  dispatcher: Dispatcher,
  clock: FakeClock,
  options: Partial<CosMediaClientOptions> = {},
): CosMediaClient {
  return new CosMediaClient({
    region: REGION,
    credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
    endpoint: ENDPOINT,
    dispatcher,
    clock,
    env: {},
    ...options,
    retry: { random: () => 0.5, sleep: clock.sleep, ...options.retry },
  });
}

/** Splits a wire path into its decoded pathname and decoded query. */
export function splitPath(path: string): { pathname: string; query: Record<string, string> } {
  const q = path.indexOf('?');
  const pathname = decodeURIComponent(q < 0 ? path : path.slice(0, q));
  const query: Record<string, string> = {};
  if (q >= 0) {
    for (const part of path.slice(q + 1).split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const k = eq < 0 ? part : part.slice(0, eq);
      query[decodeURIComponent(k)] = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
    }
  }
  return { pathname, query };
}

/**
 * Re-computes the signature of a seen request from its own parts, as the service does: the headers named in
 * `q-header-list`, the parameters named in `q-url-param-list` (which must be all of them), the decoded path.
 * Returns the parsed Authorization for further checks; throws when it does not verify.
 */
export function verifySignature(req: SeenRequest, secretKey = SECRET_KEY): NonNullable<ReturnType<typeof parseAuthorization>> {
  const auth = parseAuthorization(req.headers['authorization'] ?? '');
  if (!auth) throw new Error(`no well-formed Authorization on ${req.method} ${req.path}`);
  const { pathname, query } = splitPath(req.path);
  const signedQuery: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) signedQuery[k] = v;
  const signedHeaders: Record<string, string> = {};
  for (const name of auth.headerList) {
    const value = req.headers[name];
    if (value === undefined) throw new Error(`signed header ${name} is not on the request`);
    signedHeaders[name] = value;
  }
  const [start, end] = auth.keyTime.split(';').map(Number);
  const parts = signatureParts({
    method: req.method,
    pathname,
    query: signedQuery,
    headers: signedHeaders,
    secretId: auth.secretId,
    secretKey,
    startTime: start as number,
    endTime: end as number,
  });
  if (parts.urlParamList !== auth.urlParamList.join(';')) throw new Error(`q-url-param-list ${auth.urlParamList.join(';')} does not name every parameter (${parts.urlParamList})`);
  if (parts.signature !== auth.signature) throw new Error(`signature of ${req.method} ${req.path} does not verify`);
  return auth;
}

export function xmlError(code: string, message: string, requestId = 'NTk0MjdmODlfMjQ4OGY3XzYzYzhfMjc='): string {
  return `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n  <Code>${code}</Code>\n  <Message>${message}</Message>\n  <RequestId>${requestId}</RequestId>\n  <TraceId>trace-${code}</TraceId>\n</Error>`;
}

/** What a test expects of one request; the signature must verify too. */
export interface ExpectedRequest {
  readonly method: string;
  readonly host: string;
  readonly pathname: string;
  readonly query?: Record<string, string>;
  readonly body?: string;
  /** @default 'application/xml' when there is a body */
  readonly contentType?: string;
}

/** Asserts method, Host, decoded path, query (exactly), body, and that the signature verifies. */
export function expectRequest(req: SeenRequest | undefined, expected: ExpectedRequest): void {
  if (req === undefined) throw new Error('no request was sent');
  const { pathname, query } = splitPath(req.path);
  expect({ method: req.method, host: req.headers['host'], pathname, query, body: req.body }).toEqual({
    method: expected.method,
    host: expected.host,
    pathname: expected.pathname,
    query: expected.query ?? {},
    body: expected.body ?? '',
  });
  const auth = verifySignature(req);
  expect(auth.headerList).toContain('host');
  if (expected.body !== undefined && expected.body !== '') {
    expect(req.headers['content-type']).toBe(expected.contentType ?? 'application/xml');
    expect(auth.headerList).toEqual(expect.arrayContaining(['content-length', 'content-md5']));
  }
}

/** A client whose mock service answers every request with `reply` (or per request with a function). */
export function serve(
  reply: Reply | ((req: SeenRequest, i: number) => Reply | Error),
  options: Parameters<typeof testClient>[2] = {},
): { client: CosMediaClient; seen: SeenRequest[]; close: () => Promise<void> } {
  const clock = new FakeClock();
  const { agent, seen } = mockService(typeof reply === 'function' ? reply : () => reply);
  return { client: testClient(agent, clock, options), seen, close: () => agent.close() };
}
