import { signAuthorization } from '../../src/client/signer';
import { request as httpRequest } from 'node:http';
import { verifyRequest, type SignedRequest } from '../../src/emulator/auth';
import { parseQuery } from '../../src/emulator/hosts';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { ciHost, cosHost, errorOf, picHost, send, setUpMediaBucket, SECRET_ID, SECRET_KEY, type RawResponse } from './helpers';

/** The documented keys of ci-api.md §2.6 (COS-SIG-OLD). */
const DOC = { secretId: 'AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q', secretKey: 'BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz' };

describe('verifyRequest against the documented examples', () => {
  it('accepts the official upload example, signed over the decoded path (ci-api.md §2.6)', () => {
    const req: SignedRequest = {
      kind: 'cos',
      host: 'examplebucket-1250000000.cos.ap-beijing.myqcloud.com',
      method: 'PUT',
      path: '/exampleobject(腾讯云)',
      query: parseQuery('')!,
      headers: {
        date: 'Thu, 16 May 2019 06:45:51 GMT',
        host: 'examplebucket-1250000000.cos.ap-beijing.myqcloud.com',
        'content-type': 'text/plain',
        'content-length': '13',
        'content-md5': 'mQ/fVh815F3k6TAUm8m0eg==',
        'x-cos-acl': 'private',
        'x-cos-grant-read': 'uin="100000000011"',
        authorization:
          'q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1557989151;1557996351&q-key-time=1557989151;1557996351' +
          '&q-header-list=content-length;content-md5;content-type;date;host;x-cos-acl;x-cos-grant-read&q-url-param-list=' +
          '&q-signature=3b8851a11a569213c17ba8fa7dcf2abec6935172',
      },
    };
    expect(verifyRequest(req, DOC, 1557989151 + 60)).toBeUndefined();
  });

  it('accepts the official download example with its two signed query parameters (ci-api.md §2.6)', () => {
    const req: SignedRequest = {
      kind: 'cos',
      host: 'examplebucket-1250000000.cos.ap-beijing.myqcloud.com',
      method: 'GET',
      path: '/exampleobject(腾讯云)',
      query: parseQuery('response-content-type=application%2Foctet-stream&response-cache-control=max-age%3D600')!,
      headers: {
        date: 'Thu, 16 May 2019 06:55:53 GMT',
        host: 'examplebucket-1250000000.cos.ap-beijing.myqcloud.com',
        authorization:
          'q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1557989753;1557996953&q-key-time=1557989753;1557996953' +
          '&q-header-list=date;host&q-url-param-list=response-cache-control;response-content-type' +
          '&q-signature=01681b8c9d798a678e43b685a9f1bba0f6c0e012',
      },
    };
    expect(verifyRequest(req, DOC, 1557989753)).toBeUndefined();
  });

  it('accepts the CI-host cancel vector with a value-less parameter (ci-api.md §2.7)', () => {
    const req: SignedRequest = {
      kind: 'ci',
      host: 'examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com',
      method: 'PUT',
      path: '/jobs/j8d121820f5e411ec926ef19d53ba9c6f',
      query: parseQuery('cancel')!,
      headers: {
        host: 'examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com',
        authorization:
          `q-sign-algorithm=sha1&q-ak=${DOC.secretId}&q-sign-time=1700000000;1700003600&q-key-time=1700000000;1700003600` +
          '&q-header-list=host&q-url-param-list=cancel&q-signature=9c8e95761d49fa9409d9911e98a856c1f74c5744',
      },
    };
    expect(verifyRequest(req, DOC, 1700000100)).toBeUndefined();
  });

  it('fails with SignatureExpired (401) on a CI host after the window and RequestTimeTooSkewed (403) on COS before it', () => {
    const signed = (kind: 'ci' | 'cos', start: number): SignedRequest => ({
      kind,
      host: 'h',
      method: 'GET',
      path: '/x',
      query: parseQuery('')!,
      headers: {
        host: 'h',
        authorization: signAuthorization({ method: 'GET', pathname: '/x', headers: { host: 'h' }, ...DOC, startTime: start, endTime: start + 60 }),
      },
    });
    expect(verifyRequest(signed('ci', 1000), DOC, 2000)).toMatchObject({ code: 'SignatureExpired', status: 401 });
    expect(verifyRequest(signed('cos', 1000), DOC, 2000)).toMatchObject({ code: 'AccessDenied', status: 403, message: 'Request has expired' });
    expect(verifyRequest(signed('cos', 5000), DOC, 2000)).toMatchObject({ code: 'RequestTimeTooSkewed', status: 403 });
    expect(verifyRequest(signed('cos', 2000 + 600), DOC, 2000)).toBeUndefined(); // within the 15-minute skew
  });
});

describe('signature checks over HTTP', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ secretId: SECRET_ID, secretKey: SECRET_KEY });
    await setUpMediaBucket(emulator.url);
  });
  afterAll(() => emulator.stop());

  it('accepts headers that are not in q-header-list, whatever their value', async () => {
    const res = await send(emulator.url, { method: 'GET', host: ciHost(), path: '/queue', headers: { 'x-unsigned-extra': 'anything' } });
    expect(res.status).toBe(200);
  });

  it('fails with MissingAuthorization (401) on a CI host and AccessDenied (403) on a COS host without Authorization', async () => {
    const ci = await send(emulator.url, { method: 'GET', host: ciHost(), path: '/queue', sign: false });
    expect(ci.status).toBe(401);
    expect(errorOf(ci).Code).toBe('MissingAuthorization');
    expect(ci.headers['x-ci-request-id']).toBeTruthy();
    expect(ci.headers['x-ci-trace-id']).toBeTruthy();
    expect(errorOf(ci).TraceId).toBe(ci.headers['x-ci-trace-id']);
    const cos = await send(emulator.url, { method: 'GET', host: cosHost(), path: '/input/demo.mp4', sign: false });
    expect(cos.status).toBe(403);
    expect(errorOf(cos).Code).toBe('AccessDenied');
    expect(cos.headers['x-cos-request-id']).toBeTruthy();
  });

  it('fails with InvalidAuthorization (401) for an Authorization that is not a q-sign signature', async () => {
    const res = await send(emulator.url, { method: 'GET', host: ciHost(), path: '/queue', sign: false, headers: { authorization: 'Bearer abc' } });
    expect(res.status).toBe(401);
    expect(errorOf(res).Code).toBe('InvalidAuthorization');
  });

  it('fails with SecretidNotExist (401) / InvalidAccessKeyId (403) for an unknown SecretId', async () => {
    const ci = await send(emulator.url, { method: 'GET', host: ciHost(), path: '/queue', secretId: 'AKIDNOBODY' });
    expect([ci.status, errorOf(ci).Code]).toEqual([401, 'SecretidNotExist']);
    const cos = await send(emulator.url, { method: 'HEAD', host: cosHost(), path: '/', secretId: 'AKIDNOBODY' });
    expect(cos.status).toBe(403);
  });

  it('fails with SignatureDoesNotMatch (403) on COS and AccessDenied (401) on CI for a wrong key', async () => {
    const cos = await send(emulator.url, { method: 'GET', host: cosHost(), path: '/input/demo.mp4', secretKey: 'wrong' });
    expect([cos.status, errorOf(cos).Code]).toEqual([403, 'SignatureDoesNotMatch']);
    const ci = await send(emulator.url, { method: 'GET', host: ciHost(), path: '/queue', secretKey: 'wrong' });
    expect([ci.status, errorOf(ci).Code]).toEqual([401, 'AccessDenied']);
    expect(errorOf(ci).Message).not.toContain(SECRET_KEY);
  });

  it('fails when a signed query parameter is changed after signing, and accepts an added unsigned one', async () => {
    const base = { method: 'GET', host: ciHost(), path: '/template', query: { pageSize: '5' } };
    const ok = await send(emulator.url, base);
    expect(ok.status).toBe(200);
    // Sign pageSize=5 but send pageSize=6: the recomputed signature differs.
    const start = Math.floor(Date.now() / 1000) - 1;
    const authorization = signAuthorization({
      method: 'GET', pathname: '/template', query: { pageSize: '5' }, headers: { host: ciHost() },
      secretId: SECRET_ID, secretKey: SECRET_KEY, startTime: start, endTime: start + 900,
    });
    const tampered = await send(emulator.url, { ...base, query: { pageSize: '6' }, sign: false, headers: { authorization } });
    expect([tampered.status, errorOf(tampered).Code]).toEqual([401, 'AccessDenied']);
    const extra = await send(emulator.url, { ...base, query: { pageSize: '5', name: 'x' }, sign: false, headers: { authorization } });
    expect(extra.status).toBe(200);
  });

  it('verifies keys with spaces, unicode and reserved characters over the decoded path', async () => {
    const key = '/input/视频 (1)+&=.mp4';
    const put = await send(emulator.url, { method: 'PUT', host: cosHost(), path: key, body: 'x' });
    expect(put.status).toBe(200);
    const get = await send(emulator.url, { method: 'GET', host: cosHost(), path: key });
    expect([get.status, get.text]).toEqual([200, 'x']);
  });

  it('accepts a signature carried in the query string', async () => {
    const start = Math.floor(Date.now() / 1000) - 1;
    const authorization = signAuthorization({
      method: 'GET', pathname: '/input/demo.mp4', headers: { host: cosHost() },
      secretId: SECRET_ID, secretKey: SECRET_KEY, startTime: start, endTime: start + 900,
    });
    const query = Object.fromEntries(authorization.split('&').map((p) => p.split('=') as [string, string]));
    const res = await send(emulator.url, { method: 'GET', host: cosHost(), path: '/input/demo.mp4', query, sign: false });
    expect(res.status).toBe(200);
  });
});

describe('temporary credentials', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator({ secretId: SECRET_ID, secretKey: SECRET_KEY, sessionToken: 'session-token-1' });
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/', headers: { 'x-cos-security-token': 'session-token-1' } });
  });
  afterAll(() => emulator.stop());

  it('accepts the token unsigned in x-ci-security-token or x-cos-security-token', async () => {
    // The helper signs every x-c*-* header; send the token header after signing to match the Node SDK.
    const start = Math.floor(Date.now() / 1000) - 1;
    const authorization = signAuthorization({
      method: 'HEAD', pathname: '/', headers: { host: cosHost() }, secretId: SECRET_ID, secretKey: SECRET_KEY, startTime: start, endTime: start + 900,
    });
    for (const header of ['x-ci-security-token', 'x-cos-security-token']) {
      const res = await send(emulator.url, { method: 'HEAD', host: cosHost(), path: '/', sign: false, headers: { authorization, [header]: 'session-token-1' } });
      expect(res.status).toBe(200);
    }
  });

  it('fails with AccessDenied when the token is missing or wrong', async () => {
    const missing = await send(emulator.url, { method: 'HEAD', host: cosHost(), path: '/' });
    expect(missing.status).toBe(403);
    const wrong = await send(emulator.url, { method: 'GET', host: cosHost(), path: '/', headers: { 'x-cos-security-token': 'other' } });
    expect([wrong.status, errorOf(wrong).Code]).toEqual([403, 'AccessDenied']);
    expect(wrong.text).not.toContain('session-token-1');
  });
});

describe('signature scope: the signed host and the sub-resource', () => {
  let emulator: RunningEmulator;
  const OTHER = 'victim-1250000000';
  beforeAll(async () => {
    emulator = await startEmulator({ secretId: SECRET_ID, secretKey: SECRET_KEY });
    await setUpMediaBucket(emulator.url);
    expect((await send(emulator.url, { method: 'PUT', host: cosHost(OTHER), path: '/' })).status).toBe(200);
    expect((await send(emulator.url, { method: 'POST', host: ciHost(OTHER), path: '/mediabucket' })).status).toBe(200);
  });
  afterAll(() => emulator.stop());

  /** Sends an absolute-form request to `target` with `Host: hostHeader` and a signature made for `signedHost`. */
  function absolute(method: string, target: string, path: string, hostHeader: string | undefined, signedHost: string, query = '', body?: string): Promise<RawResponse> {
    const start = Math.floor(Date.now() / 1000) - 1;
    const queryObj = Object.fromEntries(query.split('&').filter(Boolean).map((p) => [p, '']));
    const headers: Record<string, string> = {
      authorization: signAuthorization({
        method, pathname: path, query: queryObj, headers: { host: signedHost }, secretId: SECRET_ID, secretKey: SECRET_KEY, startTime: start, endTime: start + 900,
      }),
      'content-length': String(Buffer.byteLength(body ?? '')),
    };
    if (hostHeader !== undefined) headers.host = hostHeader;
    const url = new URL(emulator.url);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: url.hostname, port: url.port, method, path: `http://${target}${path}${query ? `?${query}` : ''}`, headers, setHost: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const buf = Buffer.concat(chunks);
            resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: buf, text: buf.toString('utf8') });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('fails an absolute-form PUT to bucket B that carries Host and a signature of bucket A, and leaves B untouched', async () => {
    const res = await absolute('PUT', cosHost(OTHER), '/planted.txt', cosHost(), cosHost(), '', 'planted');
    expect([res.status, errorOf(res).Code]).toEqual([403, 'SignatureDoesNotMatch']);
    expect(errorOf(res).Message).toContain(cosHost(OTHER));
    expect((await send(emulator.url, { method: 'HEAD', host: cosHost(OTHER), path: '/planted.txt' })).status).toBe(404);
  });

  it('fails DeleteBucket and CreateMediaBucket on B signed for A, through the absolute form', async () => {
    const del = await absolute('DELETE', cosHost(OTHER), '/', cosHost(), cosHost());
    expect(del.status).toBe(403);
    expect((await send(emulator.url, { method: 'HEAD', host: cosHost(OTHER), path: '/' })).status).toBe(200);
    const third = 'third-1250000000';
    expect((await send(emulator.url, { method: 'PUT', host: cosHost(third), path: '/' })).status).toBe(200);
    const create = await absolute('POST', ciHost(third), '/mediabucket', ciHost(), ciHost());
    expect([create.status, errorOf(create).Code]).toEqual([401, 'AccessDenied']);
  });

  it('fails an absolute-form request whose Host header names another bucket, even when it is signed for the target', async () => {
    const res = await absolute('HEAD', cosHost(OTHER), '/', cosHost(), cosHost(OTHER));
    expect(res.status).toBe(403);
  });

  it('accepts an absolute-form request whose target, Host header and signed host agree (what an HTTP proxy receives)', async () => {
    expect((await absolute('HEAD', cosHost(OTHER), '/', cosHost(OTHER), cosHost(OTHER))).status).toBe(200);
  });

  it('fails a request whose signature does not cover the host header', async () => {
    const start = Math.floor(Date.now() / 1000) - 1;
    const authorization = signAuthorization({
      method: 'HEAD', pathname: '/', headers: {}, secretId: SECRET_ID, secretKey: SECRET_KEY, startTime: start, endTime: start + 900,
    });
    const res = await send(emulator.url, { method: 'HEAD', host: cosHost(OTHER), path: '/', sign: false, headers: { authorization } });
    expect(res.status).toBe(403);
  });

  it('fails a captured bind signature (PUT /) replayed as an unbind (PUT /?unbind)', async () => {
    const bind = await send(emulator.url, { method: 'GET', host: picHost(), path: '/' });
    expect(bind.status).toBe(200);
    const start = Math.floor(Date.now() / 1000) - 1;
    const authorization = signAuthorization({
      method: 'PUT', pathname: '/', headers: { host: picHost() }, secretId: SECRET_ID, secretKey: SECRET_KEY, startTime: start, endTime: start + 900,
    });
    const unbind = await send(emulator.url, { method: 'PUT', host: picHost(), path: '/', query: { unbind: '' }, sign: false, headers: { authorization } });
    expect([unbind.status, errorOf(unbind).Code]).toEqual([401, 'AccessDenied']);
    expect(errorOf(unbind).Message).toContain('unbind');
    const status = await send(emulator.url, { method: 'GET', host: picHost(), path: '/' });
    expect(status.text).toContain('<CIStatus>on</CIStatus>');
  });

  it('fails a signature for PUT /jobs/<id> replayed with ?cancel', async () => {
    const start = Math.floor(Date.now() / 1000) - 1;
    const cancelAuth = signAuthorization({
      method: 'PUT', pathname: '/jobs/j0123', headers: { host: ciHost() }, secretId: SECRET_ID, secretKey: SECRET_KEY, startTime: start, endTime: start + 900,
    });
    const cancel = await send(emulator.url, { method: 'PUT', host: ciHost(), path: '/jobs/j0123', query: { cancel: '' }, sign: false, headers: { authorization: cancelAuth } });
    expect([cancel.status, errorOf(cancel).Code]).toEqual([401, 'AccessDenied']);
  });

  it('fails a COS request that carries an unsigned sub-resource (?uploads), and accepts it signed', () => {
    const host = 'examplebucket-1250000000.cos.ap-beijing.myqcloud.com';
    const req = (signedQuery: Record<string, string>): SignedRequest => ({
      kind: 'cos', method: 'POST', path: '/big.mp4', host, query: parseQuery('uploads')!,
      headers: { host, authorization: signAuthorization({ method: 'POST', pathname: '/big.mp4', query: signedQuery, headers: { host }, ...DOC, startTime: 1000, endTime: 2000 }) },
    });
    expect(verifyRequest(req({}), DOC, 1500)).toMatchObject({ code: 'SignatureDoesNotMatch', status: 403 });
    expect(verifyRequest(req({ uploads: '' }), DOC, 1500)).toBeUndefined();
  });
});
