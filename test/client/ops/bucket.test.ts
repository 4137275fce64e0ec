import { TencentApiError } from '../../../src/client/errors';
import { SpecValidationError } from '../../../src/model/problems';
import { BUCKET, COS_HOST, SECURITY_TOKEN, expectRequest, serve, xmlError } from '../mock-service';

describe('bucket operations', () => {
  it('putBucket sends a signed PUT / with Content-Length 0, the ACL and tags', async () => {
    const { client, seen, close } = serve({ status: 200, headers: { 'x-cos-request-id': 'req-1' } });
    const out = await client.putBucket({ bucket: BUCKET, acl: 'private', tags: { team: 'media', 'cost center': 'a&b' } }).finally(close);
    expect(out).toEqual({ requestId: 'req-1' });
    expectRequest(seen[0], { method: 'PUT', host: COS_HOST, pathname: '/' });
    expect(seen[0]?.headers['content-length']).toBe('0');
    expect(seen[0]?.headers['x-cos-acl']).toBe('private');
    expect(seen[0]?.headers['x-cos-tagging']).toBe('team=media&cost%20center=a%26b');
    expect(seen[0]?.headers['authorization']).toContain('q-header-list=content-length;host;x-cos-acl;x-cos-tagging&');
  });

  it('putBucket fails with a 409 BucketAlreadyOwnedByYou as a TencentApiError', async () => {
    const { client, close } = serve({ status: 409, body: xmlError('BucketAlreadyOwnedByYou', 'yours') });
    await expect(client.putBucket({ bucket: BUCKET }).finally(close)).rejects.toMatchObject({ statusCode: 409, code: 'BucketAlreadyOwnedByYou' });
  });

  it('fails for a bad bucket name or ACL before sending anything, listing both', async () => {
    const { client, seen, close } = serve({ status: 200 });
    const attempt = client.putBucket({ bucket: 'Bad_Bucket', acl: 'secret' as 'private' }).finally(close);
    await expect(attempt).rejects.toThrow(SpecValidationError);
    await expect(attempt).rejects.toThrow(/PutBucket: 2 invalid values/);
    expect(seen).toHaveLength(0);
  });

  it('headBucket returns the region header', async () => {
    const { client, seen, close } = serve({ status: 200, headers: { 'x-cos-bucket-region': 'ap-guangzhou', 'x-cos-request-id': 'r' } });
    expect(await client.headBucket({ bucket: BUCKET }).finally(close)).toEqual({ region: 'ap-guangzhou', requestId: 'r' });
    expectRequest(seen[0], { method: 'HEAD', host: COS_HOST, pathname: '/' });
  });

  it('headBucket fails with code NoSuchBucket on a bodiless 404', async () => {
    const { client, close } = serve({ status: 404, headers: { 'x-cos-request-id': 'r404' } });
    const error = await client.headBucket({ bucket: BUCKET }).finally(close).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TencentApiError);
    expect(error).toMatchObject({ statusCode: 404, code: 'NoSuchBucket', requestId: 'r404' });
  });

  it('deleteBucket sends DELETE / and accepts 204', async () => {
    const { client, seen, close } = serve({ status: 204 });
    await client.deleteBucket({ bucket: BUCKET }).finally(close);
    expectRequest(seen[0], { method: 'DELETE', host: COS_HOST, pathname: '/' });
  });

  it('sends the session token of temporary credentials as x-cos-security-token to COS, signed', async () => {
    const { client, seen, close } = serve({ status: 200 }, {
      credentials: { secretId: 'AKIDsts', secretKey: 'PLANTED-SECRET-KEY-7f3c9a1e5b', securityToken: SECURITY_TOKEN },
    });
    await client.headBucket({ bucket: BUCKET }).finally(close);
    expect(seen[0]?.headers['x-cos-security-token']).toBe(SECURITY_TOKEN);
    expect(seen[0]?.headers['x-ci-security-token']).toBeUndefined();
    expectRequest(seen[0], { method: 'HEAD', host: COS_HOST, pathname: '/' });
    expect(seen[0]?.headers['authorization']).toContain('q-header-list=host;x-cos-security-token&');
  });
});
