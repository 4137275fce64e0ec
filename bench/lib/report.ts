/**
 * What every benchmark produces: rows of the table (ours, baseline, ratio, goal, met?) with the absolute
 * samples behind each median, and how to print them.
 */
import * as os from 'node:os';
import { formatAmount, round } from './stats';

export interface Goal {
  /** `<=`: the figure must be at most `value`; `>=`: at least. */
  readonly op: '<=' | '>=';
  readonly value: number;
  /** Which figure the goal is about. @default 'ratio' */
  readonly of?: 'ratio' | 'ours';
  /** How the goal reads in the table, e.g. `≤ 1.5×`, `≥ 90 %`. */
  readonly label: string;
}

export interface Measured {
  /** The median. */
  readonly value: number;
  readonly unit: string;
  /** Every round's figure (after warm-up). */
  readonly samples: readonly number[];
}

export interface Row {
  readonly name: string;
  readonly ours: Measured;
  readonly baseline: Measured;
  /** What is compared: usually ours ÷ baseline. */
  readonly ratio: number;
  /** How `ratio` reads in the table (e.g. `1.23×`, `96 %`). */
  readonly ratioLabel?: string;
  readonly goal?: Goal;
  /** Notes that qualify the figure (what exactly was measured). */
  readonly notes?: readonly string[];
  /** Extra figures for results.json. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export function met(row: Row): boolean | undefined {
  if (!row.goal) return undefined;
  const figure = row.goal.of === 'ours' ? row.ours.value : row.ratio;
  if (!Number.isFinite(figure)) return undefined;
  return row.goal.op === '<=' ? figure <= row.goal.value : figure >= row.goal.value;
}

export function measured(samples: readonly number[], unit: string, pick: (s: readonly number[]) => number): Measured {
  return { value: pick(samples), unit, samples: samples.map((s) => round(s, 3)) };
}

export function ratioLabel(row: Row): string {
  if (row.ratioLabel !== undefined) return row.ratioLabel;
  if (!Number.isFinite(row.ratio)) return '-';
  return `${row.ratio.toFixed(row.ratio < 0.1 ? 3 : 2)}×`;
}

/** The table as fixed-width text (also valid Markdown). */
export function formatTable(rows: readonly Row[]): string {
  const header = ['benchmark', 'ours', 'baseline', 'ratio', 'goal', 'met?'];
  const lines = rows.map((r) => {
    const ok = met(r);
    return [
      r.name,
      formatAmount(r.ours.value, r.ours.unit),
      formatAmount(r.baseline.value, r.baseline.unit),
      ratioLabel(r),
      r.goal?.label ?? '-',
      ok === undefined ? '-' : ok ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] as string).length)));
  const fmt = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [fmt(header), rule, ...lines.map(fmt)].join('\n');
}

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly platform: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
  };
}
