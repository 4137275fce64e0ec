import { parseXml } from '../../src/model';
import { ApiError, safeXmlText } from '../../src/emulator/errors';

describe('ApiError.toXml', () => {
  it('writes the CI error body without Resource and the COS one with it', () => {
    const e = new ApiError('NoSuchKey', 'The specified key does not exist.', 404, 'b-1/k');
    expect(parseXml(e.toXml('ci', 'rid', 'tid'))).toEqual({
      root: 'Error', value: { Code: 'NoSuchKey', Message: 'The specified key does not exist.', RequestId: 'rid', TraceId: 'tid' },
    });
    expect(parseXml(e.toXml('cos', 'rid', 'tid')).value).toMatchObject({ Resource: 'b-1/k' });
    expect(e.toXml('cos', 'r', 't').startsWith("<?xml version='1.0' encoding='utf-8' ?>")).toBe(true);
  });

  it('stays well-formed when the message echoes control characters, markup or lone surrogates', () => {
    const e = new ApiError('InvalidArgument', 'got "\u0000<x>&\ud800"');
    const parsed = parseXml(e.toXml('ci', 'r', 't'));
    expect((parsed.value as { Message: string }).Message).toBe('got "\ufffd<x>&\ufffd"');
  });
});

describe('safeXmlText', () => {
  it('keeps tabs, newlines and astral characters', () => {
    expect(safeXmlText('a\tb\nc 😀')).toBe('a\tb\nc 😀');
  });
});
