/**
 * The demo's closing table, read from the handler's results files: one row per resource, with template ids,
 * job ids, states and output keys.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface ResultFile {
  construct: string;
  kind: string;
  templateId?: string;
  templateName?: string;
  bucket?: string;
  jobs?: { input: string; jobId?: string; state: string; outputs?: string[] }[];
}

export function readResults(dir: string): ResultFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as ResultFile);
}

function cell(r: ResultFile): { what: string; ids: string; state: string; outputs: string } {
  if (r.jobs && r.jobs.length > 0) {
    const states = new Map<string, number>();
    for (const j of r.jobs) states.set(j.state, (states.get(j.state) ?? 0) + 1);
    const state = [...states].map(([s, n]) => (r.jobs!.length === 1 ? s : `${n} ${s}`)).join(', ');
    const outputs = r.jobs.flatMap((j) => j.outputs ?? []);
    const ids = r.jobs.length === 1 ? (r.jobs[0]?.jobId ?? '-') : `${r.jobs.filter((j) => j.jobId).length} jobs`;
    const shownOutputs = outputs.length <= 1 ? (outputs[0] ?? '-') : `${outputs[0]} (+${outputs.length - 1} more)`;
    return { what: r.jobs.length === 1 ? r.jobs[0]!.input : `${r.jobs.length} inputs`, ids, state, outputs: shownOutputs };
  }
  if (r.templateId) return { what: r.templateName ?? '', ids: r.templateId, state: 'ready', outputs: '-' };
  return { what: r.bucket ?? '', ids: '-', state: 'ready', outputs: '-' };
}

export function formatSummary(results: ResultFile[]): string[] {
  const rows = results.map((r) => ({ name: r.construct.split('/').slice(1).join('/'), kind: r.kind, ...cell(r) }));
  const head = { name: 'resource', kind: 'kind', what: 'input / name', ids: 'id', state: 'state', outputs: 'output' };
  const all = [head, ...rows];
  const width = (k: keyof typeof head) => Math.max(...all.map((r) => r[k].length));
  const keys = Object.keys(head) as (keyof typeof head)[];
  const line = (r: typeof head) => `  ${keys.map((k) => r[k].padEnd(width(k))).join('  ')}`.trimEnd();
  return [line(head), `  ${keys.map((k) => '-'.repeat(width(k))).join('  ')}`, ...rows.map(line)];
}
