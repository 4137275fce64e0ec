/** The campaign's printed table and summary, and the Markdown the README section quotes. */
import { seedsText, type CampaignSummary, type Spread } from './campaign';
import type { RunResult } from './run';

const COLUMNS = ['seed', 'inputs', 'ok', 'slow', 'applies b/t', 'destroys b/t', 'jobs', 'dup', 'missing', 'orphans', 'kills h/e', 'faults', 'secrets', 's'] as const;

export function runRow(r: RunResult): string[] {
  const fired = Object.values(r.faultsFired).reduce((a, b) => a + b, 0);
  return [
    String(r.seed),
    String(r.batchInputs),
    r.ok ? 'yes' : 'NO',
    r.slowSubmit ? 'yes' : '-',
    `${r.stacks.batch.applies}/${r.stacks.templates.applies}`,
    `${r.stacks.batch.destroys}/${r.stacks.templates.destroys}`,
    String(r.stacks.batch.jobs + r.stacks.templates.jobs),
    String(r.duplicates),
    String(r.missing),
    String(r.orphans),
    `${r.kills.handler}/${r.kills.emulator}`,
    String(fired),
    String(r.secretScan.hits.length),
    r.seconds.toFixed(1),
  ];
}

/** A fixed-width table of the runs. */
export function formatRunTable(runs: readonly RunResult[]): string {
  const rows = [COLUMNS as readonly string[], ...runs.map(runRow)];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => (row[i] as string).length)));
  return rows.map((row) => row.map((cell, i) => cell.padStart(widths[i] as number)).join('  ')).join('\n');
}

const spreadText = (s: Spread): string => (s.min === s.max ? `${s.min}` : `${s.min}–${s.max} (median ${s.median})`);

/** The summary as `name: value` lines. */
export function summaryLines(s: CampaignSummary): string[] {
  return [
    `runs: ${s.runs} (seeds ${seedsText(s.seeds)}), failed: ${s.failedRuns}; with a slow submission: ${s.slowSubmitRuns}`,
    `batch sizes: ${spreadText(s.batchSizes)}; runs with a manifest-size batch (over 200 inputs): ${s.manifestBatchRuns}`,
    `applies to converge: batch ${spreadText(s.appliesToConverge.batch)}; templates + jobs ${spreadText(s.appliesToConverge.templates)}`,
    `destroys to finish: batch ${spreadText(s.destroysToFinish.batch)}; templates + jobs ${spreadText(s.destroysToFinish.templates)}`,
    `jobs checked: ${s.jobs}; duplicates: ${s.duplicates}; missing: ${s.missing}; stray jobs: ${s.strays}; wanted jobs cancelled: ${s.cancelled}`,
    `orphaned templates: ${s.orphans}; owned templates missing: ${s.absentTemplates}`,
    `SIGKILLs: ${s.kills.handler} of the handler, ${s.kills.emulator} of the emulator; faults fired: ${s.faultsFired}`,
    `secrets scan: ${s.secretHits} hits in ${s.filesScanned} files (and every run's output)`,
    `bad-input corpus: ${s.badInputs.rejectedWell} of ${s.badInputs.cases} rejected at synth with path, rule and value`,
    `time: ${s.seconds} s`,
    `result: ${s.ok ? 'PASS' : 'FAIL'}`,
  ];
}

/** The Markdown table of the README's Reliability section. */
export function summaryMarkdown(s: CampaignSummary, command: string): string {
  const rows: [string, string][] = [
    ['Seeded runs (each: both stacks applied, checked, destroyed)', `${s.runs} (seeds ${seedsText(s.seeds)}), ${s.failedRuns} failed`],
    ['Batch inputs per run; runs over 200 inputs (manifest file)', `${spreadText(s.batchSizes)}; ${s.manifestBatchRuns}`],
    ['Applies to converge, batch', spreadText(s.appliesToConverge.batch)],
    ['Applies to converge, templates + jobs', spreadText(s.appliesToConverge.templates)],
    ['Destroys to finish (batch / templates + jobs)', `${spreadText(s.destroysToFinish.batch)} / ${spreadText(s.destroysToFinish.templates)}`],
    ['Jobs checked', String(s.jobs)],
    ['Duplicate jobs', String(s.duplicates)],
    ['Missing jobs', String(s.missing)],
    ['Jobs cancelled that the configuration still wants', String(s.cancelled)],
    ['Orphaned templates (after apply and after destroy)', String(s.orphans)],
    ['Runs with one job submission held past the client timeout, then committed', String(s.slowSubmitRuns)],
    ['SIGKILLs of the handler / of the emulator', `${s.kills.handler} / ${s.kills.emulator}`],
    ['Injected faults that fired', String(s.faultsFired)],
    ['Secret-key hits (files scanned)', `${s.secretHits} (${s.filesScanned})`],
    ['Bad-input corpus rejected at synth with path, rule and value', `${s.badInputs.rejectedWell} / ${s.badInputs.cases}`],
    ['Time', `${Math.round(s.seconds / 60)} min`],
  ];
  return [`\`${command}\`:`, '', '| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}
