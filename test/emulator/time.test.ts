import { formatCiTime, parseCiTime } from '../../src/emulator/time';

describe('CI time format', () => {
  it('writes China Standard Time with an offset without colon, whatever the local zone', () => {
    expect(formatCiTime(Date.UTC(2022, 5, 27, 6, 44, 10))).toBe('2022-06-27T14:44:10+0800');
    expect(formatCiTime(Date.UTC(2025, 11, 31, 16, 0, 0))).toBe('2026-01-01T00:00:00+0800');
  });

  it('reads the documented form and its variants back to the same instant', () => {
    const t = Date.UTC(2001, 0, 1, 0, 0, 0);
    expect(parseCiTime('2001-01-01T08:00:00+0800')).toBe(t);
    expect(parseCiTime('2001-01-01T08:00:00+08:00')).toBe(t);
    expect(parseCiTime('2001-01-01T00:00:00Z')).toBe(t);
    expect(parseCiTime(formatCiTime(1_700_000_000_000))).toBe(1_700_000_000_000);
  });

  it('fails on text that is not such a time', () => {
    for (const bad of ['2001-01-01', '2001-02-30T00:00:00+0800', 'yesterday', '2001-01-01T00:00:00+8']) expect(parseCiTime(bad)).toBeUndefined();
  });
});
