import { validateJobOutput } from '../../src/model';
import { expectOnlyProblem, expectPaths } from './expect-problem';

const P = 'Operation.Output';
const sample = { Region: 'ap-chongqing', Bucket: 'test-123456789', Object: 'output/out.${ext}' };

describe('validateJobOutput', () => {
  it('accepts the doc sample', () => {
    expect(validateJobOutput(sample, P)).toEqual([]);
  });

  it('fails a missing Region, Bucket and Object all at once', () => {
    expectPaths(validateJobOutput({}, P), [`${P}.Region`, `${P}.Bucket`, `${P}.Object`]);
  });

  it('fails an output bucket whose domain in the output region is too long', () => {
    // 29 + 1 + 10 = 40 characters; .cos.na-siliconvalley.myqcloud.com adds 34 → 74.
    const Bucket = `${'b'.repeat(29)}-1250000000`;
    const problems = validateJobOutput({ ...sample, Region: 'na-siliconvalley', Bucket }, P);
    expectOnlyProblem(problems, `${P}.Bucket`, 'na-siliconvalley.myqcloud.com is at most 60 characters (is 74)', Bucket);
  });

  it('fails an unknown output region', () => {
    expectOnlyProblem(validateJobOutput({ ...sample, Region: 'cn-north-1' }, P), `${P}.Region`, 'must be a known COS region', 'cn-north-1');
  });

  it('fails an output key starting with a slash', () => {
    expectOnlyProblem(validateJobOutput({ ...sample, Object: '/out.mp4' }, P), `${P}.Object`, 'must not start with /', '/out.mp4');
  });
});
