/**
 * Progress lines for long runs, e.g. `enhance-catalog: 120/500 submitted, 80 running, 38 succeeded, 2 failed`,
 * printed when something changed and at most every `intervalMs` (plus a final line).
 */
export interface BatchCounts {
  total: number;
  submitted: number;
  running: number;
  succeeded: number;
  failed: number;
}

export function formatCounts(name: string, c: BatchCounts): string {
  return `${name}: ${c.submitted}/${c.total} submitted, ${c.running} running, ${c.succeeded} succeeded, ${c.failed} failed`;
}

export class ProgressReporter {
  private lastLine = '';
  private lastAt = -Infinity;
  constructor(
    private readonly name: string,
    private readonly write: (line: string) => void,
    private readonly intervalMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Prints the counts if they changed and the interval has passed (or `force`). `counts` may be a function,
   * called only when a line could be printed (counting a large batch after every input costs O(n²)).
   */
  report(counts: BatchCounts | (() => BatchCounts), force = false): void {
    const t = this.now();
    if (!force && t - this.lastAt < this.intervalMs) return;
    const line = formatCounts(this.name, typeof counts === 'function' ? counts() : counts);
    if (line === this.lastLine && !force) return;
    this.lastLine = line;
    this.lastAt = t;
    this.write(line);
  }
}
