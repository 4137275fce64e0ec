import { assertValid, formatProblem, SpecValidationError, validateWatermarkTemplateRequest } from '../../src/model';

describe('assertValid', () => {
  it('does nothing when there are no problems', () => {
    expect(() => assertValid([], 'anything')).not.toThrow();
  });

  it('fails with one SpecValidationError naming the subject and every problem', () => {
    const problems = validateWatermarkTemplateRequest({ Tag: 'Watermark', Name: 'bad name' });
    let error: unknown;
    try {
      assertValid(problems, 'Stack/Logo');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecValidationError);
    const err = error as SpecValidationError;
    expect(err.problems).toEqual(problems);
    expect(err.message).toBe(
      'Stack/Logo: 2 invalid values:\n' +
        '  - `Name` must use only Chinese characters, letters, digits, _, - and *, got "bad name"\n' +
        '  - `Watermark` is required, got nothing',
    );
  });

  it('formats the measured length into the rule and shows the value given', () => {
    expect(formatProblem({ path: 'Operation.Output.Object', rule: 'must be 1 to 850 bytes (has 912)', value: 'x' }, 'job.')).toBe(
      '`job.Operation.Output.Object` must be 1 to 850 bytes (has 912), got "x"',
    );
  });
});
