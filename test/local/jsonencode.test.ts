import fc from 'fast-check';
import { compareUtf8, jsonencodeTriggers } from '../../src/local/jsonencode';

describe("Terraform's jsonencode of the triggers map", () => {
  it('sorts keys and leaves no whitespace', () => {
    expect(jsonencodeTriggers({ b: '2', a: '1', B: '3', 'a.b': '4' })).toBe('{"B":"3","a":"1","a.b":"4","b":"2"}');
  });

  it('sorts keys by UTF-8 bytes, as Go does, not by UTF-16 units', () => {
    // U+FFFD is EF BF BD in UTF-8 and sorts before U+1F600 (F0 9F 98 80); in UTF-16, D83D < FFFD.
    expect(jsonencodeTriggers({ '\u{1F600}': 'x', '\uFFFD': 'y' })).toBe('{"\uFFFD":"y","\u{1F600}":"x"}');
    expect(compareUtf8('\u{1F600}', '\uFFFD')).toBeGreaterThan(0);
  });

  it('escapes <, >, &, U+2028 and U+2029 as Go does', () => {
    expect(jsonencodeTriggers({ html: '<a href="x">&</a>', lines: '\u2028\u2029' })).toBe(
      '{"html":"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e","lines":"\\u2028\\u2029"}',
    );
  });

  it('escapes control characters and keeps other unicode as is', () => {
    expect(jsonencodeTriggers({ k: 'a\nb\tc\u0001\\ é 中' })).toBe('{"k":"a\\nb\\tc\\u0001\\\\ é 中"}');
  });

  it('turns a lone surrogate into U+FFFD, as Go reads it', () => {
    expect(jsonencodeTriggers({ k: 'a\uD800b' })).toBe('{"k":"a\uFFFDb"}');
  });

  it('encodes no triggers as null and empty triggers as {}', () => {
    expect(jsonencodeTriggers(null)).toBe('null');
    expect(jsonencodeTriggers({})).toBe('{}');
  });

  it('parses back to the same map and never shows a raw <, > or &', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.string({ unit: 'grapheme' })), (map) => {
        const text = jsonencodeTriggers(map);
        expect(JSON.parse(text)).toEqual(map);
        expect(text).not.toMatch(/[<>&]/);
      }),
    );
  });
});
