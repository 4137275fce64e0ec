import {
  KNOWN_REGIONS,
  validateBucketName,
  validateObjectKey,
  validateRegion,
  validateTemplateName,
} from '../../src/model';
import { expectOnlyProblem } from './expect-problem';

describe('validateBucketName', () => {
  it('accepts the documented example names', () => {
    expect(validateBucketName('examplebucket-1250000000', 'Bucket')).toEqual([]);
    expect(validateBucketName('test-123456789', 'Bucket', 'ap-chongqing')).toEqual([]);
    expect(validateBucketName('a-b-c-1250000000', 'Bucket')).toEqual([]);
  });

  it('accepts the documented 60-character domain example', () => {
    // ci-api.md §1.3: 123456789012345678901-1250000000.cos.ap-beijing.myqcloud.com is 60 characters.
    expect(validateBucketName('123456789012345678901-1250000000', 'Bucket', 'ap-beijing')).toEqual([]);
  });

  it('fails a name without an APPID suffix', () => {
    expectOnlyProblem(validateBucketName('examplebucket', 'Output.Bucket'), 'Output.Bucket', 'must be <BucketName>-<APPID>', 'examplebucket');
  });

  it('fails a name with upper-case letters or underscores', () => {
    expectOnlyProblem(validateBucketName('Example_bucket-1250000000', 'Bucket'), 'Bucket', 'only a-z, 0-9 and -', 'Example_bucket-1250000000');
  });

  it('fails a name that starts or ends with a hyphen', () => {
    expectOnlyProblem(validateBucketName('-example-1250000000', 'Bucket'), 'Bucket', 'must not start or end the name with -', '-example-1250000000');
    expectOnlyProblem(validateBucketName('example--1250000000', 'Bucket'), 'Bucket', 'must not start or end the name with -', 'example--1250000000');
  });

  it('fails a name whose domain in its region is longer than 60 characters', () => {
    const name = '1234567890123456789012-1250000000';
    expectOnlyProblem(validateBucketName(name, 'Bucket', 'ap-beijing'), 'Bucket', 'is at most 60 characters (is 61)', name);
  });

  it('fails a name that is too long for every region when no region is given', () => {
    const name = `${'a'.repeat(30)}-1250000000`;
    expectOnlyProblem(validateBucketName(name, 'Bucket'), 'Bucket', 'at most 60 characters', name);
  });

  it('fails a value that is not a string', () => {
    expectOnlyProblem(validateBucketName({ Name: 'x' }, 'Bucket'), 'Bucket', 'must be a string', { Name: 'x' });
  });
});

describe('validateRegion', () => {
  it('accepts every documented region', () => {
    for (const r of KNOWN_REGIONS) expect(validateRegion(r, 'Region')).toEqual([]);
  });

  it('fails a region that is not shaped like <area>-<city>', () => {
    expectOnlyProblem(validateRegion('AP_Guangzhou', 'Output.Region'), 'Output.Region', 'must be a region id', 'AP_Guangzhou');
  });

  it('fails a well-formed region that is not a known COS region', () => {
    expectOnlyProblem(validateRegion('ap-shangai', 'Output.Region'), 'Output.Region', 'must be a known COS region', 'ap-shangai');
  });

  it('fails a missing region', () => {
    expectOnlyProblem(validateRegion(undefined, 'Output.Region'), 'Output.Region', 'is required', undefined);
  });
});

describe('validateObjectKey', () => {
  it('accepts keys with wildcards, unicode and spaces', () => {
    expect(validateObjectKey('output/${InputName}/视频 1.${ext}', 'Object')).toEqual([]);
  });

  it('accepts a key of exactly 850 UTF-8 bytes', () => {
    expect(validateObjectKey('中'.repeat(283) + 'a', 'Object')).toEqual([]); // 283 × 3 + 1 = 850
  });

  it('fails an empty key', () => {
    expectOnlyProblem(validateObjectKey('', 'Input.Object'), 'Input.Object', 'must be 1 to 850 bytes (has 0)', '');
  });

  it('fails a key longer than 850 UTF-8 bytes, counting bytes rather than characters', () => {
    const key = '中'.repeat(284); // 284 characters, 852 bytes
    expectOnlyProblem(validateObjectKey(key, 'Input.Object'), 'Input.Object', 'must be 1 to 850 bytes (has 852)', key);
  });

  it('fails a key that starts with a slash or a backslash', () => {
    expectOnlyProblem(validateObjectKey('/video.mp4', 'Input.Object'), 'Input.Object', 'must not start with /', '/video.mp4');
    expectOnlyProblem(validateObjectKey('\\video.mp4', 'Input.Object'), 'Input.Object', 'must not start with /', '\\video.mp4');
  });

  it('fails a key with control characters such as ESC', () => {
    expectOnlyProblem(validateObjectKey('a\u001bb', 'Input.Object'), 'Input.Object', 'must not contain control characters', 'a\u001bb');
  });
});

describe('validateTemplateName', () => {
  it('accepts Chinese characters, letters, digits, _, - and *', () => {
    expect(validateTemplateName('画质增强_Template-1*', 'Name')).toEqual([]);
  });

  it('fails a name longer than 64 characters', () => {
    const name = 'n'.repeat(65);
    expectOnlyProblem(validateTemplateName(name, 'Name'), 'Name', 'must be 1 to 64 characters (has 65)', name);
  });

  it('fails a name with spaces or other punctuation', () => {
    expectOnlyProblem(validateTemplateName('my template!', 'Name'), 'Name', 'must use only Chinese characters, letters, digits, _, - and *', 'my template!');
  });

  it('fails an empty name', () => {
    expectOnlyProblem(validateTemplateName('', 'Name'), 'Name', 'must be 1 to 64 characters (has 0)', '');
  });
});
