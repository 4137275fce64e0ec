import { createHash } from 'node:crypto';
import { SpecValidationError } from '../../../src/model/problems';
import { BUCKET, COS_HOST, expectRequest, serve, xmlError } from '../mock-service';

describe('object operations', () => {
  it('putObject sends the body to the %-encoded key with MD5, type and metadata, all but the type signed', async () => {
    const { client, seen, close } = serve({ status: 200, headers: { etag: '"abc"', 'x-cos-request-id': 'r' } });
    const out = await client
      .putObject({ bucket: BUCKET, key: 'in put/腾讯云 (1).mp4', body: 'hello 世界', contentType: 'video/mp4', metadata: { Origin: 'test' } })
      .finally(close);
    expect(out).toEqual({ etag: '"abc"', requestId: 'r' });
    const req = seen[0];
    expect(req?.path).toBe('/in%20put/%E8%85%BE%E8%AE%AF%E4%BA%91%20%281%29.mp4');
    expect(req?.body).toBe('hello 世界');
    expect(req?.headers['content-type']).toBe('video/mp4');
    expect(req?.headers['content-md5']).toBe(createHash('md5').update('hello 世界').digest('base64'));
    expect(req?.headers['x-cos-meta-origin']).toBe('test');
    expectRequest(req, { method: 'PUT', host: COS_HOST, pathname: '/in put/腾讯云 (1).mp4', body: 'hello 世界', contentType: 'video/mp4' });
    expect(req?.headers['authorization']).toContain('q-header-list=content-length;content-md5;host;x-cos-meta-origin&');
  });

  it('getObject sends a signed Range and returns the partial body', async () => {
    const { client, seen, close } = serve({
      status: 206,
      body: 'ell',
      headers: { 'content-range': 'bytes 1-3/5', 'content-type': 'text/plain', etag: '"e"', 'last-modified': 'Mon, 12 Jan 2026 10:00:00 GMT', 'x-cos-meta-origin': 'test' },
    });
    const out = await client.getObject({ bucket: BUCKET, key: 'a.txt', range: { start: 1, end: 3 } }).finally(close);
    expect(out).toMatchObject({
      statusCode: 206,
      contentRange: 'bytes 1-3/5',
      contentType: 'text/plain',
      etag: '"e"',
      lastModified: 'Mon, 12 Jan 2026 10:00:00 GMT',
      metadata: { origin: 'test' },
    });
    expect(out.body.toString()).toBe('ell');
    expectRequest(seen[0], { method: 'GET', host: COS_HOST, pathname: '/a.txt' });
    expect(seen[0]?.headers['range']).toBe('bytes=1-3');
    expect(seen[0]?.headers['authorization']).toContain('q-header-list=host;range&');
  });

  it('getObject asks for an open range when no end is given, and fails with NoSuchKey on 404', async () => {
    const { client, seen, close } = serve({ status: 404, body: xmlError('NoSuchKey', 'The specified key does not exist.') });
    await expect(client.getObject({ bucket: BUCKET, key: 'missing', range: { start: 10 } }).finally(close)).rejects.toMatchObject({
      statusCode: 404,
      code: 'NoSuchKey',
    });
    expect(seen[0]?.headers['range']).toBe('bytes=10-');
  });

  it('headObject reads length, type, etag and metadata; a bodiless 404 is NoSuchKey', async () => {
    const ok = serve({ status: 200, headers: { 'content-length': '1234', 'content-type': 'video/mp4', etag: '"m"', 'x-cos-meta-a': '1' } });
    expect(await ok.client.headObject({ bucket: BUCKET, key: 'v.mp4' }).finally(ok.close)).toMatchObject({
      contentLength: 1234,
      contentType: 'video/mp4',
      etag: '"m"',
      metadata: { a: '1' },
    });
    expectRequest(ok.seen[0], { method: 'HEAD', host: COS_HOST, pathname: '/v.mp4' });
    const missing = serve({ status: 404 });
    await expect(missing.client.headObject({ bucket: BUCKET, key: 'v.mp4' }).finally(missing.close)).rejects.toMatchObject({ code: 'NoSuchKey' });
  });

  it('deleteObject sends DELETE /<key>', async () => {
    const { client, seen, close } = serve({ status: 204 });
    await client.deleteObject({ bucket: BUCKET, key: '.cos-media/ledger/abc' }).finally(close);
    expectRequest(seen[0], { method: 'DELETE', host: COS_HOST, pathname: '/.cos-media/ledger/abc' });
  });

  it('listObjects sends prefix, marker and max-keys and reads a page', async () => {
    const body = `<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult>
  <Name>${BUCKET}</Name><Prefix>out/</Prefix><Marker>out/a</Marker><MaxKeys>2</MaxKeys>
  <IsTruncated>true</IsTruncated><NextMarker>out/c</NextMarker>
  <Contents><Key>out/b &amp; c.mp4</Key><LastModified>2026-01-12T10:00:00.000Z</LastModified><ETag>"e1"</ETag><Size>10</Size><StorageClass>STANDARD</StorageClass></Contents>
  <Contents><Key>out/c</Key><LastModified>2026-01-12T10:00:01.000Z</LastModified><ETag>"e2"</ETag><Size>0</Size></Contents>
  <CommonPrefixes><Prefix>out/sub/</Prefix></CommonPrefixes>
</ListBucketResult>`;
    const { client, seen, close } = serve({ status: 200, body });
    const out = await client.listObjects({ bucket: BUCKET, prefix: 'out/', marker: 'out/a', maxKeys: 2 }).finally(close);
    expect(out).toEqual({
      objects: [
        { key: 'out/b & c.mp4', size: 10, etag: '"e1"', lastModified: '2026-01-12T10:00:00.000Z' },
        { key: 'out/c', size: 0, etag: '"e2"', lastModified: '2026-01-12T10:00:01.000Z' },
      ],
      commonPrefixes: ['out/sub/'],
      isTruncated: true,
      nextMarker: 'out/c',
    });
    expectRequest(seen[0], { method: 'GET', host: COS_HOST, pathname: '/', query: { prefix: 'out/', marker: 'out/a', 'max-keys': '2' } });
  });

  it('listObjects falls back to the last key as next marker and reads an empty page', async () => {
    const truncated = serve({ status: 200, body: '<ListBucketResult><IsTruncated>true</IsTruncated><Contents><Key>k9</Key><Size>1</Size></Contents></ListBucketResult>' });
    expect((await truncated.client.listObjects({ bucket: BUCKET }).finally(truncated.close)).nextMarker).toBe('k9');
    expectRequest(truncated.seen[0], { method: 'GET', host: COS_HOST, pathname: '/' });
    const empty = serve({ status: 200, body: '<ListBucketResult><Name>b</Name><IsTruncated>false</IsTruncated></ListBucketResult>' });
    expect(await empty.client.listObjects({ bucket: BUCKET }).finally(empty.close)).toEqual({
      objects: [],
      commonPrefixes: [],
      isTruncated: false,
      nextMarker: undefined,
    });
  });

  it.each([
    ['an empty key', { key: '' }, 'key'],
    ['a key over 850 bytes', { key: '腾'.repeat(284) }, 'key'],
    ['a lone surrogate', { key: 'a\uD800b' }, 'key'],
    ['a bad range', { key: 'k', range: { start: 5, end: 2 } }, 'range.end'],
  ])('fails for %s before sending', async (_what, input, path) => {
    const { client, seen, close } = serve({ status: 200 });
    const error = await client.getObject({ bucket: BUCKET, ...input }).finally(close).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecValidationError);
    expect((error as SpecValidationError).problems.map((p) => p.path)).toEqual([path]);
    expect(seen).toHaveLength(0);
  });

  it('fails for metadata that cannot be a header', async () => {
    const { client, close } = serve({ status: 200 });
    const error = await client
      .putObject({ bucket: BUCKET, key: 'k', body: '', metadata: { 'a b': 'x', ok: 'line\nbreak' } })
      .finally(close)
      .catch((e: unknown) => e);
    expect((error as SpecValidationError).problems.map((p) => p.rule)).toEqual([
      'must be named with letters, digits and `-`',
      'must be printable ASCII',
    ]);
  });
});
