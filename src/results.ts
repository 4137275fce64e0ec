/**
 * `cos-media results <stackDir> [--json] [--dir <resultsDir>]`: every resource's results (template ids, job
 * ids, states, output keys, failures), read from the results files the handler writes, for pipelines. Exits 1
 * when any job failed or when there are no results at all, 2 on bad usage, 0 otherwise.
 *
 * The results dir is `--dir`, else `COS_MEDIA_RESULTS_DIR`, else `<stackDir>/cos-media-results` (where the
 * handler writes when Terraform runs in the stack directory, as `cdktf deploy` and `terraform apply` do).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_RESULTS_DIR, ENV_RESULTS_DIR, type JobResult, type ResourceResult } from './handler/results';

export interface ResultsIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const USAGE = 'usage: cos-media results <stackDir> [--json] [--dir <resultsDir>]';

export interface ResultsReport {
  readonly resultsDir: string;
  readonly resources: readonly ResourceResult[];
  /** Files that could not be read as results, with why. */
  readonly unreadable: readonly { file: string; reason: string }[];
  readonly jobs: { readonly total: number; readonly failed: number; readonly byState: Readonly<Record<string, number>> };
}

/** Reads every results file of `dir`, sorted by construct path. */
export function readResults(dir: string): ResultsReport {
  const resources: ResourceResult[] = [];
  const unreadable: { file: string; reason: string }[] = [];
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
  for (const name of files) {
    const file = path.join(dir, name);
    try {
      const value = JSON.parse(fs.readFileSync(file, 'utf8')) as ResourceResult;
      if (typeof value?.construct !== 'string' || typeof value.kind !== 'string') throw new Error('not a results file (no construct or kind)');
      resources.push(value);
    } catch (err) {
      unreadable.push({ file, reason: (err as Error).message });
    }
  }
  resources.sort((a, b) => a.construct.localeCompare(b.construct));
  const jobs = resources.filter((r) => r.operation === 'create').flatMap((r) => r.jobs ?? []);
  const byState: Record<string, number> = {};
  for (const j of jobs) byState[j.state] = (byState[j.state] ?? 0) + 1;
  return { resultsDir: dir, resources, unreadable, jobs: { total: jobs.length, failed: byState.Failed ?? 0, byState } };
}

function jobLine(j: JobResult): string {
  const parts = [`  ${j.input}`, j.jobId ?? '(no job id)', j.state];
  if (j.outputs && j.outputs.length > 0) parts.push(`→ ${j.outputs.join(', ')}`);
  if (j.code || j.message) parts.push(`${j.code ?? ''}${j.code && j.message ? ': ' : ''}${j.message ?? ''}`);
  return parts.join('  ');
}

function resourceLines(r: ResourceResult): string[] {
  const head = `${r.construct}  ${r.kind}`;
  if (r.operation === 'delete') return [`${head}  deleted ${r.updatedAt}${r.note ? ` (${r.note})` : ''}`];
  if (r.templateId !== undefined || r.templateName !== undefined) return [`${head}  template ${r.templateName ?? '?'} = ${r.templateId ?? '?'}`];
  if (r.jobs !== undefined) {
    const states = new Map<string, number>();
    for (const j of r.jobs) states.set(j.state, (states.get(j.state) ?? 0) + 1);
    const summary = [...states].map(([s, n]) => `${n} ${s}`).join(', ');
    return [`${head}  ${r.jobs.length} job${r.jobs.length === 1 ? '' : 's'}: ${summary || 'none'}`, ...r.jobs.map(jobLine)];
  }
  return [`${head}  ${r.bucket ?? ''}${r.region ? ` (${r.region})` : ''}${r.note ? ` ${r.note}` : ''}`.trimEnd()];
}

/** Text form of a report: one block per resource, then a summary line. */
export function formatResults(report: ResultsReport): string {
  const lines = report.resources.flatMap(resourceLines);
  for (const u of report.unreadable) lines.push(`unreadable: ${u.file}: ${u.reason}`);
  const states = Object.entries(report.jobs.byState)
    .map(([s, n]) => `${n} ${s}`)
    .join(', ');
  const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
  lines.push(`${count(report.resources.length, 'resource')}, ${count(report.jobs.total, 'job')}${states ? ` (${states})` : ''}; results in ${report.resultsDir}`);
  return `${lines.join('\n')}\n`;
}

export function runResultsCommand(args: readonly string[], io: ResultsIo): number {
  let parsed: { values: { json?: boolean; dir?: string }; positionals: string[] };
  try {
    parsed = parseArgs({ args: [...args], options: { json: { type: 'boolean' }, dir: { type: 'string' } }, allowPositionals: true, strict: true });
  } catch (err) {
    io.err(`cos-media results: ${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { json = false, dir } = parsed.values;
  const [stackDir, ...extra] = parsed.positionals;
  if (stackDir === undefined || extra.length > 0) {
    io.err(`cos-media results: ${stackDir === undefined ? 'missing <stackDir>' : `one stack directory only, got also ${extra.join(' ')}`}\n${USAGE}\n`);
    return 2;
  }
  const env = io.env ?? process.env;
  const resultsDir = path.resolve(dir ?? (env[ENV_RESULTS_DIR] || path.join(stackDir, DEFAULT_RESULTS_DIR)));
  const report = readResults(resultsDir);
  if (json) io.out(`${JSON.stringify(report, null, 2)}\n`);
  else if (report.resources.length > 0) io.out(formatResults(report));
  if (report.resources.length === 0) {
    io.err(`cos-media results: no results in ${resultsDir} (has the stack been applied? set --dir or ${ENV_RESULTS_DIR} if they were written elsewhere)\n`);
    return 1;
  }
  if (report.jobs.failed > 0 || report.unreadable.length > 0) {
    if (!json) io.err(`cos-media results: ${report.jobs.failed} failed job${report.jobs.failed === 1 ? '' : 's'}${report.unreadable.length > 0 ? `, ${report.unreadable.length} unreadable file(s)` : ''}\n`);
    return 1;
  }
  return 0;
}
