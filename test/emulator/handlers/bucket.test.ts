import { createHash } from 'node:crypto';
import type { RunningEmulator } from '../../../src/emulator';
import { cosHost, errorOf, send, startTestEmulator, xmlOf } from '../helpers';

describe('COS buckets', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startTestEmulator();
  });
  afterEach(() => emulator.stop());

  it('creates a bucket, reports its region on HEAD, and deletes it with 204', async () => {
    expect((await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/' })).status).toBe(200);
    const head = await send(emulator.url, { method: 'HEAD', host: cosHost(), path: '/' });
    expect(head.status).toBe(200);
    expect(head.headers['x-cos-bucket-region']).toBe('ap-guangzhou');
    expect((await send(emulator.url, { method: 'DELETE', host: cosHost(), path: '/' })).status).toBe(204);
    const gone = await send(emulator.url, { method: 'HEAD', host: cosHost(), path: '/' });
    expect([gone.status, gone.text]).toEqual([404, '']);
  });

  it('fails with BucketAlreadyOwnedByYou (409) on a second create, also from another region', async () => {
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/' });
    for (const host of [cosHost(), cosHost(undefined, 'ap-shanghai')]) {
      const again = await send(emulator.url, { method: 'PUT', host, path: '/' });
      expect([again.status, errorOf(again).Code]).toEqual([409, 'BucketAlreadyOwnedByYou']);
    }
  });

  it('fails with InvalidBucketName naming the rule for a name without an APPID', async () => {
    const res = await send(emulator.url, { method: 'PUT', host: cosHost('Media'), path: '/' });
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatchObject({ Code: 'InvalidBucketName', Message: expect.stringContaining('Bucket must be <BucketName>-<APPID>') });
  });

  it('fails with BucketNotEmpty (409) while objects remain, and NoSuchBucket (404) for an unknown bucket', async () => {
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/' });
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/a.txt', body: 'a' });
    const full = await send(emulator.url, { method: 'DELETE', host: cosHost(), path: '/' });
    expect([full.status, errorOf(full).Code]).toEqual([409, 'BucketNotEmpty']);
    const missing = await send(emulator.url, { method: 'DELETE', host: cosHost('other-1250000000'), path: '/' });
    expect([missing.status, errorOf(missing).Code]).toEqual([404, 'NoSuchBucket']);
    expect(errorOf(missing)).toMatchObject({ Resource: 'other-1250000000' });
  });

  it('lists keys by prefix, marker and max-keys, with IsTruncated and NextMarker', async () => {
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/' });
    for (const key of ['a/1', 'a/2', 'a/3', 'b/1', 'c']) await send(emulator.url, { method: 'PUT', host: cosHost(), path: `/${key}`, body: key });
    const page1 = xmlOf(await send(emulator.url, { method: 'GET', host: cosHost(), path: '/', query: { prefix: 'a/', 'max-keys': '2' } }));
    expect((page1.Contents as { Key: string }[]).map((c) => c.Key)).toEqual(['a/1', 'a/2']);
    expect(page1).toMatchObject({ IsTruncated: 'true', NextMarker: 'a/2', Prefix: 'a/', MaxKeys: '2' });
    const page2 = xmlOf(await send(emulator.url, { method: 'GET', host: cosHost(), path: '/', query: { prefix: 'a/', marker: 'a/2' } }));
    expect((page2.Contents as { Key: string; Size: string; ETag: string }[]).map((c) => [c.Key, c.Size, c.ETag])).toEqual([
      ['a/3', '3', `"${createHash('md5').update('a/3').digest('hex')}"`],
    ]);
    expect(page2.IsTruncated).toBe('false');
    const grouped = xmlOf(await send(emulator.url, { method: 'GET', host: cosHost(), path: '/', query: { delimiter: '/' } }));
    expect((grouped.CommonPrefixes as { Prefix: string }[]).map((p) => p.Prefix)).toEqual(['a/', 'b/']);
    expect((grouped.Contents as { Key: string }[]).map((c) => c.Key)).toEqual(['c']);
  });

  it('fails with InvalidArgument for max-keys over 1000', async () => {
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/' });
    const res = await send(emulator.url, { method: 'GET', host: cosHost(), path: '/', query: { 'max-keys': '1001' } });
    expect([res.status, errorOf(res).Code]).toEqual([400, 'InvalidArgument']);
    expect(errorOf(res).Message).toContain('max-keys');
  });

  it('fails with NotImplemented (501) for sub-resources it does not emulate', async () => {
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/' });
    const res = await send(emulator.url, { method: 'GET', host: cosHost(), path: '/', query: { acl: '' } });
    expect([res.status, errorOf(res).Code]).toEqual([501, 'NotImplemented']);
  });
});
