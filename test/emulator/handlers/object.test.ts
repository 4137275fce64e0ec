import { createHash } from 'node:crypto';
import type { RunningEmulator } from '../../../src/emulator';
import { cosHost, errorOf, send, startTestEmulator } from '../helpers';

describe('COS objects', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/' });
  });
  afterAll(() => emulator.stop());

  const md5 = (s: string): Buffer => createHash('md5').update(s).digest();

  it('stores an object and returns it with ETag, CRC64, type and user metadata', async () => {
    const put = await send(emulator.url, {
      method: 'PUT',
      host: cosHost(),
      path: '/docs/hello.txt',
      body: '123456789',
      headers: { 'content-type': 'text/plain', 'x-cos-meta-owner': 'team-a', 'content-md5': md5('123456789').toString('base64') },
    });
    expect(put.status).toBe(200);
    expect(put.headers.etag).toBe(`"${md5('123456789').toString('hex')}"`);
    // CRC-64/ECMA-182 check value of "123456789".
    expect(put.headers['x-cos-hash-crc64ecma']).toBe('11051210869376104954');
    const get = await send(emulator.url, { method: 'GET', host: cosHost(), path: '/docs/hello.txt' });
    expect(get.status).toBe(200);
    expect(get.text).toBe('123456789');
    expect(get.headers).toMatchObject({ 'content-type': 'text/plain', 'x-cos-meta-owner': 'team-a', etag: put.headers.etag, 'accept-ranges': 'bytes' });
    const head = await send(emulator.url, { method: 'HEAD', host: cosHost(), path: '/docs/hello.txt' });
    expect([head.status, head.headers['content-length'], head.text]).toEqual([200, '9', '']);
  });

  it('fails with BadDigest when Content-MD5 does not match the body, and keeps no object', async () => {
    const res = await send(emulator.url, {
      method: 'PUT', host: cosHost(), path: '/bad.txt', body: 'abc', headers: { 'content-md5': md5('abd').toString('base64') },
    });
    expect([res.status, errorOf(res).Code]).toEqual([400, 'BadDigest']);
    const get = await send(emulator.url, { method: 'GET', host: cosHost(), path: '/bad.txt' });
    expect([get.status, errorOf(get).Code]).toEqual([404, 'NoSuchKey']);
  });

  it('fails with InvalidDigest when Content-MD5 is not a base64 MD5', async () => {
    const res = await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/bad.txt', body: 'abc', headers: { 'content-md5': 'xyz' } });
    expect([res.status, errorOf(res).Code]).toEqual([400, 'InvalidDigest']);
  });

  it('serves byte ranges with 206 and Content-Range, and 416 for a range past the end', async () => {
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/r.bin', body: '0123456789' });
    const cases: [string, number, string, string | undefined][] = [
      ['bytes=2-4', 206, '234', 'bytes 2-4/10'],
      ['bytes=7-', 206, '789', 'bytes 7-9/10'],
      ['bytes=-2', 206, '89', 'bytes 8-9/10'],
      ['bytes=5-100', 206, '56789', 'bytes 5-9/10'],
      ['items=1-2', 200, '0123456789', undefined],
    ];
    for (const [range, status, body, contentRange] of cases) {
      const res = await send(emulator.url, { method: 'GET', host: cosHost(), path: '/r.bin', headers: { range } });
      expect([range, res.status, res.text, res.headers['content-range']]).toEqual([range, status, body, contentRange]);
    }
    const past = await send(emulator.url, { method: 'GET', host: cosHost(), path: '/r.bin', headers: { range: 'bytes=10-' } });
    expect([past.status, errorOf(past).Code]).toEqual([416, 'InvalidRange']);
  });

  it('answers If-None-Match with 304 and a failed If-Match with 412', async () => {
    const put = await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/c.txt', body: 'c' });
    const notModified = await send(emulator.url, { method: 'GET', host: cosHost(), path: '/c.txt', headers: { 'if-none-match': put.headers.etag! } });
    expect(notModified.status).toBe(304);
    const failed = await send(emulator.url, { method: 'GET', host: cosHost(), path: '/c.txt', headers: { 'if-match': '"0000"' } });
    expect([failed.status, errorOf(failed).Code]).toEqual([412, 'PreconditionFailed']);
  });

  it('overwrites an object and deletes it with 204, also when it is already gone', async () => {
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/o.txt', body: 'one' });
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/o.txt', body: 'two' });
    expect((await send(emulator.url, { method: 'GET', host: cosHost(), path: '/o.txt' })).text).toBe('two');
    expect((await send(emulator.url, { method: 'DELETE', host: cosHost(), path: '/o.txt' })).status).toBe(204);
    expect((await send(emulator.url, { method: 'DELETE', host: cosHost(), path: '/o.txt' })).status).toBe(204);
    expect((await send(emulator.url, { method: 'HEAD', host: cosHost(), path: '/o.txt' })).status).toBe(404);
  });

  it('applies response-* query overrides to GET headers', async () => {
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/d.bin', body: 'd' });
    const res = await send(emulator.url, {
      method: 'GET', host: cosHost(), path: '/d.bin', query: { 'response-content-type': 'application/x-test', 'response-cache-control': 'max-age=600' },
    });
    expect(res.headers).toMatchObject({ 'content-type': 'application/x-test', 'cache-control': 'max-age=600' });
  });

  it('fails with 400 InvalidArgument (not 500) for a response-* override with CR/LF or another control character', async () => {
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/crlf.bin', body: 'd' });
    for (const value of ['text/plain\r\nSet-Cookie: x=1', 'a\nb', 'a\u0000b', '\u0100']) {
      const res = await send(emulator.url, { method: 'GET', host: cosHost(), path: '/crlf.bin', query: { 'response-content-type': value } });
      expect([res.status, errorOf(res).Code]).toEqual([400, 'InvalidArgument']);
      expect(errorOf(res).Message).toContain('response-content-type');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const head = await send(emulator.url, { method: 'HEAD', host: cosHost(), path: '/crlf.bin', query: { 'response-cache-control': 'a\r\nb' } });
    expect(head.status).toBe(400);
  });

  it('fails with KeyTooLong over 850 bytes and MethodNotAllowed for POST on a key', async () => {
    const long = await send(emulator.url, { method: 'PUT', host: cosHost(), path: `/${'k'.repeat(851)}`, body: 'x' });
    expect([long.status, errorOf(long).Code]).toEqual([400, 'KeyTooLong']);
    const post = await send(emulator.url, { method: 'POST', host: cosHost(), path: '/x.txt', body: 'x' });
    expect([post.status, errorOf(post).Code]).toEqual([405, 'MethodNotAllowed']);
  });

  it('fails with NoSuchBucket when the bucket is addressed through another region', async () => {
    const res = await send(emulator.url, { method: 'GET', host: cosHost(undefined, 'ap-beijing'), path: '/c.txt' });
    expect([res.status, errorOf(res).Code]).toEqual([404, 'NoSuchBucket']);
  });
});
