import { validateDigitalWatermark } from '../../src/model';
import { expectOnlyProblem } from './expect-problem';

const P = 'Operation.DigitalWatermark';
const sample = { Type: 'Text', Message: '123456789ab', Version: 'V1', IgnoreError: 'false' };

describe('validateDigitalWatermark', () => {
  it('accepts the doc sample, and one without IgnoreError', () => {
    expect(validateDigitalWatermark(sample, P)).toEqual([]);
    expect(validateDigitalWatermark({ Type: 'Text', Message: 'a-b_c*D', Version: 'V1' }, P)).toEqual([]);
  });

  it('accepts Chinese characters in Message (zh job doc: 仅支持中文、英文、数字、_、-和*)', () => {
    expect(validateDigitalWatermark({ ...sample, Message: '版权所有-2026_abc*' }, P)).toEqual([]);
  });

  it('fails a Type other than Text', () => {
    expectOnlyProblem(validateDigitalWatermark({ ...sample, Type: 'Image' }, P), `${P}.Type`, 'must be one of Text', 'Image');
  });

  it('fails a Message with characters other than Chinese characters, letters, digits, _, - and *', () => {
    expectOnlyProblem(
      validateDigitalWatermark({ ...sample, Message: 'hello world' }, P),
      `${P}.Message`,
      'must use only Chinese characters, letters, digits, _, - and *',
      'hello world',
    );
    expectOnlyProblem(validateDigitalWatermark({ ...sample, Message: '版权。' }, P), `${P}.Message`, 'must use only Chinese characters', '版权。');
  });

  it('fails a Message longer than 64 characters', () => {
    const m = 'x'.repeat(65);
    expectOnlyProblem(validateDigitalWatermark({ ...sample, Message: m }, P), `${P}.Message`, 'must be 1 to 64 characters (has 65)', m);
  });

  it('fails a Version other than V1', () => {
    expectOnlyProblem(validateDigitalWatermark({ ...sample, Version: 'V2' }, P), `${P}.Version`, 'must be one of V1', 'V2');
  });

  it('fails an IgnoreError that is not true or false', () => {
    expectOnlyProblem(validateDigitalWatermark({ ...sample, IgnoreError: 'no' }, P), `${P}.IgnoreError`, 'must be one of true, false', 'no');
  });

  it('fails the response-only State element in a request', () => {
    expectOnlyProblem(validateDigitalWatermark({ ...sample, State: 'Running' }, P), `${P}.State`, 'is not a known element', 'Running');
  });
});
