import { Checker } from '../../src/model';

describe('Checker.number', () => {
  const rule = { range: { min: 0, max: 10 }, integer: true } as const;

  it('accepts plain decimal integers inside the range', () => {
    const c = new Checker();
    expect(c.number('0', 'N', rule)).toBe(0);
    expect(c.number('10', 'N', rule)).toBe(10);
    expect(c.problems).toEqual([]);
  });

  it('fails spellings JavaScript would accept as numbers: exponent, hex, plus sign, spaces, empty', () => {
    for (const s of ['1e1', '0x5', '+5', ' 5', '5 ', '', 'Infinity', '5.']) {
      const c = new Checker();
      expect(c.number(s, 'N', rule)).toBeUndefined();
      expect(c.problems).toEqual([{ path: 'N', rule: 'must be an integer in [0, 10]', value: s }]);
    }
  });

  it('fails decimals beyond the allowed precision and open interval ends', () => {
    const c = new Checker();
    c.number('0', 'A', { range: { min: 0, max: 60, minOpen: true } });
    c.number('1.0001', 'B', { range: { min: 0, max: Infinity }, maxDecimals: 3 });
    expect(c.problems).toEqual([
      { path: 'A', rule: 'must be a number in (0, 60]', value: '0' },
      { path: 'B', rule: 'must be a number ≥ 0 with at most 3 decimals', value: '1.0001' },
    ]);
  });
});

describe('Checker.container', () => {
  it('reads empty or whitespace-only text as an empty container (how <X/> parses)', () => {
    const c = new Checker();
    expect(c.container('', 'X', { A: true })).toEqual({});
    expect(c.container('\n  ', 'X', { A: true })).toEqual({});
    expect(c.problems).toEqual([]);
  });

  it('fails text that is not empty, and null', () => {
    const c = new Checker();
    c.container('x', 'X', { A: true });
    c.container(null, 'Y', { A: true });
    expect(c.problems.map((p) => [p.path, p.rule])).toEqual([
      ['X', 'must be a container of elements (A)'],
      ['Y', 'must be a container of elements (A)'],
    ]);
  });

  it('skips an unresolved value without a problem', () => {
    const c = new Checker({ isUnresolved: (v) => v === 'TOKEN' });
    expect(c.container('TOKEN', 'X', { A: true }, true)).toBeUndefined();
    expect(c.text('TOKEN', 'Y', true)).toBeUndefined();
    expect(c.problems).toEqual([]);
  });
});
