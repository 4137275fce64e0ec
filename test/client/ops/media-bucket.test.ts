import { BUCKET, CI_HOST, CI_SERVICE_HOST, SECURITY_TOKEN, expectRequest, serve, xmlError } from '../mock-service';

describe('media processing operations', () => {
  it('enableMediaProcessing sends an empty POST /mediabucket to the bucket CI host and reads MediaBucket', async () => {
    const { client, seen, close } = serve({
      status: 200,
      body: `<Response><RequestId>NTk0</RequestId><MediaBucket><BucketId>${BUCKET}</BucketId><Region>ap-guangzhou</Region><CreateTime>2019-11-15T12:12:12+0800</CreateTime></MediaBucket></Response>`,
    });
    const out = await client.enableMediaProcessing({ bucket: BUCKET }).finally(close);
    expect(out).toEqual({
      mediaBucket: { BucketId: BUCKET, Region: 'ap-guangzhou', CreateTime: '2019-11-15T12:12:12+0800' },
      requestId: 'NTk0',
    });
    expectRequest(seen[0], { method: 'POST', host: CI_HOST, pathname: '/mediabucket' });
    expect(seen[0]?.headers['content-length']).toBe('0');
  });

  it('enableMediaProcessing reads the Name and PlayKeyList the service may add', async () => {
    const { client, close } = serve({
      status: 200,
      body:
        `<Response><RequestId>NTk0</RequestId><MediaBucket><BucketId>${BUCKET}</BucketId><Name>${BUCKET}</Name><Region>ap-guangzhou</Region>` +
        '<CreateTime>2019-11-15T12:12:12+0800</CreateTime><PlayKeyList><MasterPlayKey>m1</MasterPlayKey><BackupPlayKey>b1</BackupPlayKey></PlayKeyList></MediaBucket></Response>',
    });
    const out = await client.enableMediaProcessing({ bucket: BUCKET }).finally(close);
    expect(out.mediaBucket).toEqual({
      BucketId: BUCKET,
      Name: BUCKET,
      Region: 'ap-guangzhou',
      CreateTime: '2019-11-15T12:12:12+0800',
      PlayKeyList: { MasterPlayKey: 'm1', BackupPlayKey: 'b1' },
    });
  });

  it('enableMediaProcessing fails with the definite MediaBucketAlreadyBinded', async () => {
    const { client, seen, close } = serve({ status: 403, body: xmlError('MediaBucketAlreadyBinded', 'already') });
    await expect(client.enableMediaProcessing({ bucket: BUCKET }).finally(close)).rejects.toMatchObject({ code: 'MediaBucketAlreadyBinded' });
    expect(seen).toHaveLength(1);
  });

  it('describeMediaBuckets goes to ci.<region>.myqcloud.com with comma lists and reads the page', async () => {
    const { client, seen, close } = serve({
      status: 200,
      body: `<Response><RequestId>r</RequestId><TotalCount>1</TotalCount><PageNumber>1</PageNumber><PageSize>10</PageSize>
        <MediaBucketList><BucketId>${BUCKET}</BucketId><Name>${BUCKET}</Name><Region>ap-guangzhou</Region><CreateTime>2019-11-15T12:12:12+0800</CreateTime></MediaBucketList></Response>`,
    });
    const out = await client
      .describeMediaBuckets({ regions: ['ap-guangzhou', 'ap-beijing'], bucketNames: [BUCKET, 'other-1250000000'], bucketName: 'example', pageNumber: 1, pageSize: 10 })
      .finally(close);
    expect(out).toEqual({
      mediaBuckets: [{ BucketId: BUCKET, Name: BUCKET, Region: 'ap-guangzhou', CreateTime: '2019-11-15T12:12:12+0800' }],
      totalCount: 1,
      pageNumber: 1,
      pageSize: 10,
      requestId: 'r',
    });
    expectRequest(seen[0], {
      method: 'GET',
      host: CI_SERVICE_HOST,
      pathname: '/mediabucket',
      query: {
        regions: 'ap-guangzhou,ap-beijing',
        bucketNames: `${BUCKET},other-1250000000`,
        bucketName: 'example',
        pageNumber: '1',
        pageSize: '10',
      },
    });
  });

  it('describeMediaBuckets reads an empty list and sends the token as x-ci-security-token', async () => {
    const { client, seen, close } = serve(
      { status: 200, body: '<Response><TotalCount>0</TotalCount></Response>' },
      { credentials: { secretId: 'AKIDsts', secretKey: 'PLANTED-SECRET-KEY-7f3c9a1e5b', securityToken: SECURITY_TOKEN } },
    );
    expect((await client.describeMediaBuckets().finally(close)).mediaBuckets).toEqual([]);
    expect(seen[0]?.headers['x-ci-security-token']).toBe(SECURITY_TOKEN);
    expectRequest(seen[0], { method: 'GET', host: CI_SERVICE_HOST, pathname: '/mediabucket' });
  });

  it('fails for bad regions and page sizes before sending', async () => {
    const { client, seen, close } = serve({ status: 200 });
    await expect(client.describeMediaBuckets({ regions: ['AP_X'], pageSize: 1000 }).finally(close)).rejects.toThrow(
      /`regions\.0` must be a region id.*\n.*`pageSize` must be an integer in \[1, 100\], got 1000/,
    );
    expect(seen).toHaveLength(0);
  });
});
