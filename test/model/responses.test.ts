import { outputKeysOf } from '../../src/model';

describe('outputKeysOf (MediaResult.OutputFile in either shape)', () => {
  it('reads the DescribeMediaJob sample shape: the full key in ObjectName, no ObjectPrefix', () => {
    expect(outputKeysOf({ Bucket: 'b-1', Region: 'ap-guangzhou', ObjectName: ['out/dir/a.mp4'] })).toEqual(['out/dir/a.mp4']);
  });

  it('reads the split shape: ObjectPrefix + each ObjectName', () => {
    expect(outputKeysOf({ Bucket: 'b-1', Region: 'ap-guangzhou', ObjectPrefix: 'out/dir/', ObjectName: ['a.m3u8', 'a-0.ts'] })).toEqual([
      'out/dir/a.m3u8',
      'out/dir/a-0.ts',
    ]);
  });

  it('gives nothing when the job has no output file yet', () => {
    expect(outputKeysOf(undefined)).toBeUndefined();
  });
});
