import type { RunningEmulator } from '../../../src/emulator';
import { ciHost, ciServiceHost, cosHost, errorOf, picHost, send, startTestEmulator, xmlOf } from '../helpers';

describe('Cloud Infinite binding and media processing', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startTestEmulator();
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/' });
  });
  afterEach(() => emulator.stop());

  it('binds and unbinds Cloud Infinite on the pic host and reports CIStatus', async () => {
    const status = async (): Promise<string> => (await send(emulator.url, { method: 'GET', host: picHost(), path: '/' })).text;
    expect(await status()).toBe('<CIStatus>off</CIStatus>');
    expect((await send(emulator.url, { method: 'PUT', host: picHost(), path: '/' })).status).toBe(200);
    expect(await status()).toBe('<CIStatus>on</CIStatus>');
    expect((await send(emulator.url, { method: 'PUT', host: picHost(), path: '/', query: { unbind: '' } })).status).toBe(200);
    expect(await status()).toBe('<CIStatus>off</CIStatus>');
  });

  it('enables media processing once, creating a default queue, and fails with MediaBucketAlreadyBinded (403) after', async () => {
    const first = await send(emulator.url, { method: 'POST', host: ciHost(), path: '/mediabucket' });
    expect(first.status).toBe(200);
    expect(xmlOf(first).MediaBucket).toEqual({
      BucketId: 'media-1250000000',
      Name: 'media-1250000000',
      Region: 'ap-guangzhou',
      CreateTime: '2026-01-01T08:00:00+0800',
      PlayKeyList: { MasterPlayKey: expect.stringMatching(/^[0-9a-f]{32}$/), BackupPlayKey: expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
    expect(emulator.state().queues).toHaveLength(1);
    const again = await send(emulator.url, { method: 'POST', host: ciHost(), path: '/mediabucket' });
    expect([again.status, errorOf(again).Code]).toEqual([403, 'MediaBucketAlreadyBinded']);
    expect(again.headers['x-ci-request-id']).toBeTruthy();
  });

  it('describes media buckets on the CI service host and on the bucket host, filtered and paged', async () => {
    await send(emulator.url, { method: 'POST', host: ciHost(), path: '/mediabucket' });
    await send(emulator.url, { method: 'PUT', host: cosHost('second-1250000000'), path: '/' });
    await send(emulator.url, { method: 'POST', host: ciHost('second-1250000000'), path: '/mediabucket' });
    const all = xmlOf(await send(emulator.url, { method: 'GET', host: ciServiceHost(), path: '/mediabucket' }));
    expect(all).toMatchObject({ TotalCount: '2', PageNumber: '1', PageSize: '10' });
    expect((all.MediaBucketList as { Name: string }[]).map((b) => b.Name)).toEqual(['media-1250000000', 'second-1250000000']);
    const one = xmlOf(await send(emulator.url, { method: 'GET', host: ciHost(), path: '/mediabucket', query: { bucketName: 'sec' } }));
    expect((one.MediaBucketList as { BucketId: string }[]).map((b) => b.BucketId)).toEqual(['second-1250000000']);
    const paged = xmlOf(await send(emulator.url, { method: 'GET', host: ciServiceHost(), path: '/mediabucket', query: { pageSize: '1', pageNumber: '2' } }));
    expect((paged.MediaBucketList as { BucketId: string }[]).map((b) => b.BucketId)).toEqual(['second-1250000000']);
    const other = xmlOf(await send(emulator.url, { method: 'GET', host: ciServiceHost(), path: '/mediabucket', query: { regions: 'ap-beijing' } }));
    expect(other.TotalCount).toBe('0');
  });

  it('disables media processing, after which template calls fail with MediaBucketUnBinded', async () => {
    await send(emulator.url, { method: 'POST', host: ciHost(), path: '/mediabucket' });
    expect((await send(emulator.url, { method: 'DELETE', host: ciHost(), path: '/mediabucket' })).status).toBe(200);
    const res = await send(emulator.url, { method: 'GET', host: ciHost(), path: '/template' });
    expect([res.status, errorOf(res).Code]).toEqual([400, 'MediaBucketUnBinded']);
  });

  it('fails with ResourceNotFound for media processing on a bucket that does not exist', async () => {
    const res = await send(emulator.url, { method: 'POST', host: ciHost('nope-1250000000'), path: '/mediabucket' });
    expect([res.status, errorOf(res).Code]).toEqual([400, 'ResourceNotFound']);
  });

  it('fails with InvalidUrl (404) for an unknown CI path', async () => {
    const res = await send(emulator.url, { method: 'GET', host: ciHost(), path: '/workflow' });
    expect([res.status, errorOf(res).Code]).toEqual([404, 'InvalidUrl']);
  });
});
