import fc from 'fast-check';
import { codeSpan, codeValue, displayValue } from '../../src/report/markdown';
import { reportOf } from './helpers';
import { jobTriggers, nullChange, textWatermarkTemplate } from './plan-builder';

/**
 * The code spans of one line, read as CommonMark reads them: a run of n backticks opens a span that the next
 * run of exactly n backticks closes; one space is stripped from each end when both ends have one and the
 * content is not all spaces. (Our own text holds no backslashes, so backslash escapes do not arise.)
 */
function codeSpans(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    if (line[i] !== '`') {
      i += 1;
      continue;
    }
    let j = i;
    while (line[j] === '`') j += 1;
    const n = j - i;
    let k = j;
    let close = -1;
    while (k < line.length) {
      if (line[k] !== '`') {
        k += 1;
        continue;
      }
      let m = k;
      while (line[m] === '`') m += 1;
      if (m - k === n) {
        close = k;
        break;
      }
      k = m;
    }
    if (close === -1) {
      i = j;
      continue;
    }
    let content = line.slice(j, close);
    if (content.length >= 2 && content.startsWith(' ') && content.endsWith(' ') && !/^ +$/.test(content)) content = content.slice(1, -1);
    out.push(content);
    i = close + n;
  }
  return out;
}

describe('codeSpan', () => {
  it.each([
    ['plain', '`plain`'],
    ['a`b', '``a`b``'],
    ['``x', '``` ``x ```'],
    ['x`', '`` x` ``'],
    [' padded ', '`  padded  `'],
    ['   ', '`   `'],
    ['a|b', '`a|b`'],
  ])('writes %j as %s', (text, expected) => {
    expect(codeSpan(text)).toBe(expected);
    expect(codeSpans(expected)).toEqual([text]);
  });

  it('reads back as exactly the displayed value, for any text, also between other spans', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1 }), fc.string({ unit: 'binary', minLength: 1 }), (a, b) => {
        const line = `- **changed** ${codeValue(a, 10_000)}: ${codeValue(b, 10_000)} -> done`;
        expect(line).not.toMatch(/[\r\n]/);
        expect(codeSpans(line)).toEqual([displayValue(a, 10_000), displayValue(b, 10_000)]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('displayValue', () => {
  it('shows line breaks, tabs, controls and bidi overrides as escapes', () => {
    expect(displayValue('a\nb\r\tc\u0000d\u202Ee\u2028f')).toBe('a\\nb\\r\\tc\\u0000d\\u202ee\\u2028f');
  });

  it('cuts long values at 80 characters without splitting a character', () => {
    const cut = displayValue('😀'.repeat(100));
    expect(Array.from(cut)).toHaveLength(80);
    expect(cut.endsWith('😀…')).toBe(true);
    expect(displayValue('x'.repeat(80))).toBe('x'.repeat(80));
  });

  it('shows the empty string as *(empty)*', () => {
    expect(codeValue('')).toBe('*(empty)*');
  });
});

describe('the report with hostile user strings', () => {
  const hostile = 'x` | **bold** [link](http://e)\n### Heading\n<script>alert(1)</script> ${jobid} %{if} ``';
  const md = reportOf([
    nullChange('caption', ['delete', 'create'], textWatermarkTemplate('safe'), textWatermarkTemplate(hostile)),
    nullChange('intro', ['delete', 'create'], jobTriggers({ userData: 'a|b' }), jobTriggers({ userData: hostile, construct: 'intro' })),
  ]);

  it('keeps every line one of the report\'s own line shapes', () => {
    for (const line of md.split('\n')) {
      expect(line === '' || /^(## |### |- \*\*|  - |> |\*\*|No VideoEnhance|<sub>)/.test(line)).toBe(true);
    }
    expect(md.split('\n').some((l) => l.startsWith('|'))).toBe(false);
  });

  it('shows the hostile value inside code spans, exactly as displayed', () => {
    const line = md.split('\n').find((l) => l.startsWith('  - `Watermark.Text.Text`')) as string;
    expect(codeSpans(line)).toEqual(['Watermark.Text.Text', 'safe', displayValue(hostile)]);
    const job = md.split('\n').find((l) => l.startsWith('- **re-submitted** `demo/intro`')) as string;
    expect(codeSpans(job)).toEqual(['demo/intro', 'input/intro.mp4', 'Operation.UserData', 'a|b', displayValue(hostile)]);
  });
});
