/**
 * What a converged stack must have left in the emulator, checked from `/_emulator/state` (the service's own
 * records, not the handler's ledger or results):
 *
 * - duplicates: jobs beyond the first for an input (each stack has one job spec per input, so a second
 *   job for an input is a second paid job);
 * - missing: inputs without a `Success` job;
 * - strays: jobs in the stack's bucket for inputs the stack does not have;
 * - cancelled: jobs of inputs the stack wants that were cancelled (a replacement must never cancel what it keeps);
 * - orphans: templates in the stack's bucket that it does not own, or a second template of a name it owns;
 *   after destroy, any template left in the bucket.
 */

/** The parts of `/_emulator/state` the checks read. */
export interface EmulatorStateView {
  readonly jobs: readonly { readonly jobId: string; readonly bucket: string; readonly inputObject: string; readonly state: string }[];
  readonly templates: readonly { readonly templateId: string; readonly bucket: string; readonly name: string }[];
}

export interface JobFindings {
  readonly jobs: number;
  readonly duplicates: number;
  readonly missing: number;
  readonly strays: number;
  /** Jobs of wanted inputs in `Cancel`. */
  readonly cancelled: number;
  /** One line per finding, for the report (capped). */
  readonly details: string[];
}

export interface TemplateFindings {
  readonly orphans: number;
  /** Owned template names with no template. */
  readonly absent: number;
  readonly details: string[];
}

const MAX_DETAILS = 10;

function capped(lines: string[]): string[] {
  return lines.length <= MAX_DETAILS ? lines : [...lines.slice(0, MAX_DETAILS), `… and ${lines.length - MAX_DETAILS} more`];
}

export function checkJobs(state: EmulatorStateView, bucket: string, inputs: readonly string[]): JobFindings {
  const byInput = new Map<string, { jobId: string; state: string }[]>();
  let count = 0;
  for (const j of state.jobs) {
    if (j.bucket !== bucket) continue;
    count += 1;
    byInput.set(j.inputObject, [...(byInput.get(j.inputObject) ?? []), { jobId: j.jobId, state: j.state }]);
  }
  const expected = new Set(inputs);
  const details: string[] = [];
  let duplicates = 0;
  let missing = 0;
  let strays = 0;
  let cancelled = 0;
  for (const input of inputs) {
    const jobs = byInput.get(input) ?? [];
    const cancels = jobs.filter((j) => j.state === 'Cancel');
    if (cancels.length > 0) {
      cancelled += cancels.length;
      details.push(`cancelled: ${bucket}/${input} is wanted, yet its job ${cancels.map((j) => j.jobId).join(', ')} was cancelled`);
    }
    if (jobs.length > 1) {
      duplicates += jobs.length - 1;
      details.push(`duplicate: ${bucket}/${input} has ${jobs.length} jobs (${jobs.map((j) => `${j.jobId} ${j.state}`).join(', ')})`);
    }
    if (!jobs.some((j) => j.state === 'Success')) {
      missing += 1;
      details.push(`missing: ${bucket}/${input} has no Success job${jobs.length ? ` (${jobs.map((j) => `${j.jobId} ${j.state}`).join(', ')})` : ''}`);
    }
  }
  for (const [input, jobs] of byInput) {
    if (expected.has(input)) continue;
    strays += jobs.length;
    details.push(`stray: ${bucket}/${input} is not an input of the stack but has ${jobs.length} job(s)`);
  }
  return { jobs: count, duplicates, missing, strays, cancelled, details: capped(details) };
}

export function checkTemplates(state: EmulatorStateView, bucket: string, owned: readonly string[]): TemplateFindings {
  const inBucket = state.templates.filter((t) => t.bucket === bucket);
  const details: string[] = [];
  let orphans = 0;
  const seen = new Set<string>();
  for (const t of inBucket) {
    if (!owned.includes(t.name)) {
      orphans += 1;
      details.push(`orphan: template ${t.name} (${t.templateId}) in ${bucket} is not owned by the stack`);
    } else if (seen.has(t.name)) {
      orphans += 1;
      details.push(`orphan: a second template named ${t.name} (${t.templateId}) in ${bucket}`);
    }
    seen.add(t.name);
  }
  const absentNames = owned.filter((n) => !seen.has(n));
  for (const n of absentNames) details.push(`absent: template ${n} does not exist in ${bucket}`);
  return { orphans, absent: absentNames.length, details: capped(details) };
}
