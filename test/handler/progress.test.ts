import { ProgressReporter, type BatchCounts } from '../../src/handler/progress';

const counts = (submitted: number): BatchCounts => ({ total: 10, submitted, running: 0, succeeded: 0, failed: 0 });

describe('ProgressReporter', () => {
  it('prints a changed line at most once per interval, and always when forced', () => {
    let t = 0;
    const lines: string[] = [];
    const p = new ProgressReporter('batch', (l) => lines.push(l), 1000, () => t);
    p.report(counts(1));
    t = 500;
    p.report(counts(2));
    t = 1000;
    p.report(counts(2));
    t = 2500;
    p.report(counts(2));
    p.report(counts(2), true);
    expect(lines).toEqual([
      'batch: 1/10 submitted, 0 running, 0 succeeded, 0 failed',
      'batch: 2/10 submitted, 0 running, 0 succeeded, 0 failed',
      'batch: 2/10 submitted, 0 running, 0 succeeded, 0 failed',
    ]);
  });

  it('counts only when a line could be printed', () => {
    let t = 0;
    let calls = 0;
    const p = new ProgressReporter('batch', () => undefined, 1000, () => t);
    for (let i = 0; i < 100; i++) {
      t += 10;
      p.report(() => {
        calls += 1;
        return counts(i);
      });
    }
    expect(calls).toBe(1);
  });
});
