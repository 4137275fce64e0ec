import {
  bucketProblems,
  endpointOverride,
  regionProblems,
  securityTokenHeader,
  targetFor,
  virtualHost,
} from '../../src/client/endpoints';

const BUCKET = 'examplebucket-1250000000';

describe('virtual hosts', () => {
  it('names the COS, CI and pic hosts of a bucket and the service-level CI host', () => {
    expect(virtualHost('cos', 'ap-guangzhou', BUCKET)).toBe('examplebucket-1250000000.cos.ap-guangzhou.myqcloud.com');
    expect(virtualHost('ci', 'ap-guangzhou', BUCKET)).toBe('examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com');
    expect(virtualHost('pic', 'ap-guangzhou', BUCKET)).toBe('examplebucket-1250000000.pic.ap-guangzhou.myqcloud.com');
    expect(virtualHost('ci-service', 'ap-guangzhou')).toBe('ci.ap-guangzhou.myqcloud.com');
  });

  it('fails for a bucket host without a bucket', () => {
    expect(() => virtualHost('ci', 'ap-guangzhou')).toThrow(/bucket is required/);
  });

  it('goes to the real host over https without an override, and to the override keeping the real Host', () => {
    expect(targetFor('ci', 'ap-beijing', BUCKET)).toEqual({
      kind: 'ci',
      host: 'examplebucket-1250000000.ci.ap-beijing.myqcloud.com',
      origin: 'https://examplebucket-1250000000.ci.ap-beijing.myqcloud.com',
    });
    expect(targetFor('cos', 'ap-beijing', BUCKET, 'http://127.0.0.1:9000')).toEqual({
      kind: 'cos',
      host: 'examplebucket-1250000000.cos.ap-beijing.myqcloud.com',
      origin: 'http://127.0.0.1:9000',
    });
  });

  it('sends the token as x-ci-security-token to CI hosts and x-cos-security-token to COS and pic hosts', () => {
    expect(securityTokenHeader('ci')).toBe('x-ci-security-token');
    expect(securityTokenHeader('ci-service')).toBe('x-ci-security-token');
    expect(securityTokenHeader('cos')).toBe('x-cos-security-token');
    expect(securityTokenHeader('pic')).toBe('x-cos-security-token');
  });
});

describe('endpointOverride', () => {
  it('prefers the option over COS_MEDIA_ENDPOINT and keeps only the origin', () => {
    expect(endpointOverride('http://127.0.0.1:9000/', { COS_MEDIA_ENDPOINT: 'http://127.0.0.1:1' })).toEqual({
      origin: 'http://127.0.0.1:9000',
      problems: [],
    });
  });

  it('reads COS_MEDIA_ENDPOINT when no option is given, and nothing when it is unset or empty', () => {
    expect(endpointOverride(undefined, { COS_MEDIA_ENDPOINT: 'https://cos.internal:8443' }).origin).toBe('https://cos.internal:8443');
    expect(endpointOverride(undefined, {})).toEqual({ problems: [] });
    expect(endpointOverride(undefined, { COS_MEDIA_ENDPOINT: '' })).toEqual({ problems: [] });
  });

  it.each([
    ['not a URL', '127.0.0.1:9000x', /absolute http/],
    ['another scheme', 'ftp://127.0.0.1', /http or https/],
    ['a path', 'http://127.0.0.1:9000/api', /origin only/],
    ['a query', 'http://127.0.0.1:9000?x=1', /origin only/],
    ['user info', 'http://user:pw@127.0.0.1:9000', /user info/],
  ])('fails for an endpoint with %s, naming where it came from', (_what, value, rule) => {
    const fromOption = endpointOverride(value, {});
    expect(fromOption.problems).toHaveLength(1);
    expect(fromOption.problems[0]?.path).toBe('endpoint');
    expect(fromOption.problems[0]?.rule).toMatch(rule);
    expect(fromOption.problems[0]?.value).toBe(value.replace('user:pw@', '<user info removed>@'));
    expect(endpointOverride(undefined, { COS_MEDIA_ENDPOINT: value }).problems[0]?.path).toBe('COS_MEDIA_ENDPOINT');
  });
});

it('never echoes the user info of an endpoint, whatever else is wrong with it', () => {
  for (const value of ['http://admin:s3cret@127.0.0.1:9000', 'ftp://admin:s3cret@host', 'http://admin:s3cret@host/path']) {
    const shown = JSON.stringify(endpointOverride(undefined, { COS_MEDIA_ENDPOINT: value }).problems);
    expect(shown).toContain('<user info removed>@');
    expect(shown).not.toMatch(/admin|s3cret/);
  }
});

describe('region and bucket checks', () => {
  it('accepts documented shapes', () => {
    expect(regionProblems('ap-guangzhou')).toEqual([]);
    expect(regionProblems('ap-beijing-1')).toEqual([]);
    expect(bucketProblems('examplebucket-1250000000')).toEqual([]);
    expect(bucketProblems('a-b-c-1250000000')).toEqual([]);
  });

  it.each(['AP-Guangzhou', 'ap guangzhou', '', 'ap-', 'ap--x'])('fails for region %j', (region) => {
    expect(regionProblems(region)).toEqual([{ path: 'region', rule: expect.stringContaining('region id'), value: region }]);
  });

  it.each(['examplebucket', 'Example-1250000000', '-examplebucket-1250000000', 'example_bucket-1', 'examplebucket-', 'a.b-1'])(
    'fails for bucket %j',
    (bucket) => {
      expect(bucketProblems(bucket)).toEqual([{ path: 'bucket', rule: expect.stringContaining('<BucketName>-<APPID>'), value: bucket }]);
    },
  );
});
