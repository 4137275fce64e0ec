import { createHash } from 'node:crypto';
import { Credentials } from '../../src/client/credentials';
import {
  apiErrorFrom,
  bodyStep,
  headerStep,
  parseStep,
  prepareRequest,
  wirePath,
  type OperationRequest,
} from '../../src/client/pipeline';
import { TencentApiError, UnexpectedResponseError, type RequestIdentity } from '../../src/client/errors';
import { targetFor } from '../../src/client/endpoints';
import { BUCKET, CI_HOST, SECRET_ID, SECRET_KEY, SECURITY_TOKEN, splitPath, verifySignature } from './mock-service';

const creds = new Credentials({ secretId: SECRET_ID, secretKey: SECRET_KEY });
const stsCreds = new Credentials({ secretId: SECRET_ID, secretKey: SECRET_KEY, securityToken: SECURITY_TOKEN });
const identity: RequestIdentity = { operation: 'Test', method: 'GET', host: CI_HOST, path: '/jobs' };
const NOW = Date.UTC(2026, 0, 12, 10, 0, 0);

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('bodyStep', () => {
  it('describes an XML body with Content-Type, Content-Length (bytes, not characters) and a base64 Content-MD5', () => {
    const xml = '<Request><Name>腾讯云</Name></Request>';
    const { bytes, headers } = bodyStep({ kind: 'xml', xml }, 'POST');
    expect(bytes?.toString('utf8')).toBe(xml);
    expect(headers).toEqual({
      'content-type': 'application/xml',
      'content-length': String(Buffer.byteLength(xml)),
      'content-md5': createHash('md5').update(xml, 'utf8').digest('base64'),
    });
    expect(Number(headers['content-length'])).toBeGreaterThan(xml.length);
  });

  it('sends Content-Length 0 and no MD5 for a PUT or POST without body, and nothing for a GET', () => {
    expect(bodyStep(undefined, 'PUT').headers).toEqual({ 'content-length': '0' });
    expect(bodyStep(undefined, 'POST').bytes?.length).toBe(0);
    expect(bodyStep(undefined, 'GET')).toEqual({ headers: {} });
  });
});

describe('headerStep', () => {
  it('sets the real virtual host and the token header of the host kind', () => {
    expect(headerStep(targetFor('ci', 'ap-guangzhou', BUCKET, 'http://127.0.0.1:1'), stsCreds, { Range: 'bytes=0-1' }, {})).toEqual({
      host: CI_HOST,
      range: 'bytes=0-1',
      'x-ci-security-token': SECURITY_TOKEN,
    });
    expect(headerStep(targetFor('cos', 'ap-guangzhou', BUCKET), stsCreds, undefined, {})['x-cos-security-token']).toBe(SECURITY_TOKEN);
    expect(Object.keys(headerStep(targetFor('cos', 'ap-guangzhou', BUCKET), creds, undefined, {}))).toEqual(['host']);
  });
});

describe('wirePath', () => {
  it('encodes each path segment once and keeps the slashes', () => {
    expect(wirePath('/a b/腾讯云(1).mp4', {})).toBe('/a%20b/%E8%85%BE%E8%AE%AF%E4%BA%91%281%29.mp4');
    expect(wirePath('/100%/x', {})).toBe('/100%25/x');
  });

  it('writes a parameter without value as a bare name and encodes names and values', () => {
    expect(wirePath('/jobs/j1', { cancel: '' })).toBe('/jobs/j1?cancel');
    expect(wirePath('/', { prefix: 'a b&c=d/', 'max-keys': '10' })).toBe('/?prefix=a%20b%26c%3Dd%2F&max-keys=10');
  });

  it('keeps the characters asked for literal', () => {
    expect(wirePath('/jobs/j1,j2', {}, ',')).toBe('/jobs/j1,j2');
    expect(wirePath('/jobs/j1,j2', {})).toBe('/jobs/j1%2Cj2');
  });
});

describe('prepareRequest', () => {
  const op: OperationRequest = deepFreeze({
    operation: 'CreateMediaTemplate',
    kind: 'ci',
    bucket: BUCKET,
    method: 'POST',
    pathname: '/template',
    query: { a: 'x y', skipped: undefined },
    headers: { 'X-Cos-Meta-Test': 'v' },
    body: { kind: 'xml', xml: '<Request><Tag>Watermark</Tag></Request>' },
  });
  const config = { region: 'ap-guangzhou', credentials: stsCreds, endpoint: 'http://127.0.0.1:9000' };

  it('builds a signed request without touching the operation (frozen here)', () => {
    const { wire, identity: id } = prepareRequest(op, config, NOW);
    expect(wire.origin).toBe('http://127.0.0.1:9000');
    expect(wire.path).toBe('/template?a=x%20y');
    expect(id).toEqual({ operation: 'CreateMediaTemplate', method: 'POST', host: CI_HOST, path: '/template?a=x%20y' });
    const auth = verifySignature({ method: wire.method, path: wire.path, headers: { ...wire.headers }, body: '' });
    expect(auth.headerList).toEqual(['content-length', 'content-md5', 'host', 'x-ci-security-token', 'x-cos-meta-test']);
    expect(auth.urlParamList).toEqual(['a']);
  });

  it('signs from one second before now for 900 seconds', () => {
    const { wire } = prepareRequest(op, config, NOW + 999);
    const start = Math.floor(NOW / 1000) - 1;
    expect(wire.headers['authorization']).toContain(`q-key-time=${start};${start + 900}&`);
  });

  it('rebuilds a fresh request for each attempt: a later time gives a new signature, the first is unchanged', () => {
    const first = prepareRequest(op, config, NOW);
    const firstAuth = first.wire.headers['authorization'];
    const second = prepareRequest(op, config, NOW + 5000);
    expect(second.wire.headers['authorization']).not.toBe(firstAuth);
    expect(first.wire.headers['authorization']).toBe(firstAuth);
    expect(splitPath(second.wire.path)).toEqual(splitPath(first.wire.path));
  });
});

describe('parseStep', () => {
  const ok = (body: string): { statusCode: number; headers: Record<string, string>; body: Buffer } => ({
    statusCode: 200,
    headers: {},
    body: Buffer.from(body),
  });

  it('returns the children of the expected root', () => {
    expect(parseStep(ok('<Response><RequestId>r</RequestId></Response>'), identity, 'Response')).toEqual({ RequestId: 'r' });
  });

  it.each([
    ['an empty body', '', /empty body/],
    ['malformed XML', '<Response><A></Response>', /malformed XML/],
    ['another root', '<Error><Code>X</Code></Error>', /root element <Error>, expected <Response>/],
  ])('fails for %s', (_what, body, message) => {
    expect(() => parseStep(ok(body), identity, 'Response')).toThrow(UnexpectedResponseError);
    expect(() => parseStep(ok(body), identity, 'Response')).toThrow(message);
  });
});

describe('apiErrorFrom', () => {
  const none = (t: string): string => t;

  it('reads a CI <Error> body and the CI headers', () => {
    const err = apiErrorFrom(
      {
        statusCode: 400,
        headers: { 'x-ci-request-id': 'hdr-id', date: 'Mon, 12 Jan 2026 10:00:00 GMT' },
        body: Buffer.from("<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n <Code>InvalidArgument</Code>\n <Message>bad Tag</Message>\n <RequestId>body-id</RequestId>\n <TraceId>tr</TraceId>\n</Error>"),
      },
      identity,
      undefined,
      none,
    );
    expect(err).toBeInstanceOf(TencentApiError);
    expect(err).toMatchObject({
      statusCode: 400,
      code: 'InvalidArgument',
      serverMessage: 'bad Tag',
      requestId: 'body-id',
      traceId: 'tr',
      serverDate: 'Mon, 12 Jan 2026 10:00:00 GMT',
      request: identity,
    });
    expect(err.message).toBe(`Test (GET ${CI_HOST}/jobs): 400 InvalidArgument: bad Tag (RequestId body-id)`);
  });

  it('reads a COS <Error> body with Resource and the COS headers', () => {
    const err = apiErrorFrom(
      {
        statusCode: 404,
        headers: { 'x-cos-request-id': 'cos-id', 'x-cos-trace-id': 'cos-trace' },
        body: Buffer.from('<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message><Resource>b/k</Resource><RequestId></RequestId><TraceId></TraceId></Error>'),
      },
      identity,
      undefined,
      none,
    );
    expect(err).toMatchObject({ statusCode: 404, code: 'NoSuchKey', requestId: 'cos-id', traceId: 'cos-trace' });
  });

  it('derives the code from the status when there is no body (HEAD), preferring the operation’s name for it', () => {
    const head = { statusCode: 404, headers: { 'x-cos-request-id': 'id' }, body: Buffer.alloc(0) };
    expect(apiErrorFrom(head, identity, { 404: 'NoSuchKey' }, none)).toMatchObject({ code: 'NoSuchKey', serverMessage: '', requestId: 'id' });
    expect(apiErrorFrom(head, identity, undefined, none).code).toBe('NotFound');
    expect(apiErrorFrom({ ...head, statusCode: 418 }, identity, undefined, none).code).toBe('Http418');
  });

  it('reads a JSON error whose code is a number, by the name of that numbered code', () => {
    const error = (body: string) => apiErrorFrom({ statusCode: 429, headers: {}, body: Buffer.from(body) }, identity, undefined, none);
    expect(error('{"code":1020,"message":"too fast","request_id":"r1"}')).toMatchObject({ code: 'SlowDown', serverMessage: 'too fast', requestId: 'r1' });
    expect(error('{"code":1107,"message":"no such template"}')).toMatchObject({ code: 'TemplateNotFound' });
    expect(error('{"code":1999,"message":"new"}')).toMatchObject({ code: '1999', serverMessage: 'new' });
    expect(error('{"Code":1015,"Message":"bad","RequestId":"r2"}')).toMatchObject({ code: 'InvalidArgument', serverMessage: 'bad', requestId: 'r2' });
    expect(error('{"code":1.5}')).toMatchObject({ code: 'SlowDown' }); // not a code: the status decides
  });

  it('reads a JSON error body and ignores an HTML one', () => {
    const json = apiErrorFrom(
      { statusCode: 400, headers: {}, body: Buffer.from('{"code":"InvalidArgument","message":"m","request_id":"j-id"}') },
      identity,
      undefined,
      none,
    );
    expect(json).toMatchObject({ code: 'InvalidArgument', serverMessage: 'm', requestId: 'j-id' });
    const html = apiErrorFrom({ statusCode: 502, headers: {}, body: Buffer.from('<html><body>Bad gateway</body></html>') }, identity, undefined, none);
    expect(html).toMatchObject({ code: 'Http502', serverMessage: '' });
  });

  it('redacts secrets a server message might echo', () => {
    const err = apiErrorFrom(
      { statusCode: 403, headers: {}, body: Buffer.from(`<Error><Code>AccessDenied</Code><Message>token ${SECURITY_TOKEN}</Message></Error>`) },
      identity,
      undefined,
      (t) => stsCreds.redact(t),
    );
    expect(err.message).not.toContain(SECURITY_TOKEN);
    expect(err.serverMessage).toBe('token [redacted]');
  });
});
