/**
 * Jobs and batches: which changes submit paid jobs, and why.
 *
 * A job is submitted when its idempotency key is new to the ledger (src/handler/idempotency.ts and
 * job-runner.ts): the key covers bucket, region, the wire request with the input, and the names and spec
 * hashes of the templates; the ledger is read under `ledger_prefix` in the output bucket. Anything else
 * (`wait`, `wait_timeout_seconds`, `concurrency`, `requests_per_second`, `construct`) only replaces the
 * `null_resource`: the new create finds the ledger record and adopts the existing job.
 */
import { expandPerInputWildcards } from '../model';
import { code, codeList, plural, type Inline } from './markdown';
import { actionReasonText, keyChangeLine, MAX_DETAILS, withReason, type PaidWork, type ReportItem } from './report-model';
import { diffTriggers, keyClass, valueOf, type KeyChange, type OurChange, type TriggerMap } from './resource-view';

/** How the handler reads the inputs of a batch (kinds/jobs.ts `inputsOf`): manifest, then list, then prefix. */
export type BatchInputs =
  | { readonly kind: 'list'; readonly keys: readonly string[] }
  | { readonly kind: 'manifest'; readonly count: number; readonly sha256?: string }
  | { readonly kind: 'prefix'; readonly prefix: string; readonly suffix?: string }
  | { readonly kind: 'unknown' };

export function batchInputs(t: TriggerMap | undefined): BatchInputs {
  if (t === undefined) return { kind: 'unknown' };
  const count = Number(t['inputs.count']);
  if (t['inputs.manifest'] !== undefined && Number.isInteger(count)) {
    return { kind: 'manifest', count, ...(t['inputs.sha256'] !== undefined ? { sha256: t['inputs.sha256'] } : {}) };
  }
  if (t['inputs.count'] !== undefined && Number.isInteger(count)) {
    const keys: string[] = [];
    for (let i = 0; i < count && t[`inputs.${i}`] !== undefined; i++) keys.push(t[`inputs.${i}`] as string);
    return { kind: 'list', keys };
  }
  if (t['inputs.prefix'] !== undefined) {
    return { kind: 'prefix', prefix: t['inputs.prefix'], ...(t['inputs.suffix'] !== undefined ? { suffix: t['inputs.suffix'] } : {}) };
  }
  return { kind: 'unknown' };
}

function inputCount(i: BatchInputs): number | undefined {
  return i.kind === 'list' ? i.keys.length : i.kind === 'manifest' ? i.count : undefined;
}

export function describeInputs(i: BatchInputs): Inline[] {
  switch (i.kind) {
    case 'list':
      return [plural(i.keys.length, 'input')];
    case 'manifest':
      return [plural(i.count, 'input'), ' in a manifest'];
    case 'prefix':
      return ['objects under ', code(i.prefix), ...(i.suffix ? [' ending ', code(i.suffix)] : []), ', listed at apply'];
    case 'unknown':
      return ['inputs not known from the plan'];
  }
}

const TEMPLATE_GROUP = /^(template|watermark_template\.\d+)\.(name|spec_sha256)$/;

function templateWord(group: string): string {
  return group === 'template' ? 'VideoEnhance template' : 'watermark template';
}

/** Reasons from the template settings: one line per template, naming it. */
function templateReasons(c: OurChange, changes: readonly KeyChange[]): Inline[][] {
  const groups = new Map<string, KeyChange[]>();
  for (const k of changes) {
    const m = TEMPLATE_GROUP.exec(k.key);
    const group = m ? (m[1] as string) : k.key;
    groups.set(group, [...(groups.get(group) ?? []), k]);
  }
  const lines: Inline[][] = [];
  for (const [group, list] of groups) {
    const name = list.find((k) => k.key === `${group}.name`);
    const word = templateWord(group);
    if (!TEMPLATE_GROUP.test(`${group}.name`)) {
      lines.push(...list.map(keyChangeLine));
    } else if (list.some((k) => k.afterUnknown)) {
      lines.push([word, ' known only after apply']);
    } else if (name?.before === undefined && name?.after !== undefined) {
      lines.push([word, ' ', code(name.after), ' added']);
    } else if (name?.after === undefined && name?.before !== undefined) {
      lines.push([word, ' ', code(name.before), ' removed']);
    } else if (name !== undefined) {
      lines.push([word, ' ', code(name.before as string), ' -> ', code(name.after as string)]);
    } else {
      lines.push([word, ' ', code(valueOf(c, `${group}.name`) ?? '?'), ' changed']);
    }
  }
  return lines;
}

export const UNKNOWN_TRIGGERS: Inline[] = ['the new triggers are known only after apply'];

interface JobDiff {
  /** Why every job of the resource is submitted again (empty: the same jobs). */
  readonly resubmit: Inline[][];
  /** Changes that keep the jobs (settings). */
  readonly settings: readonly KeyChange[];
  /** Changes of `inputs.*` (batches). */
  readonly inputs: readonly KeyChange[];
  /** Output key rewrites that send the same expanded key (single jobs): the job is kept. */
  readonly sameOutput: readonly Inline[][];
}

const OUTPUT_OBJECT = 'Operation.Output.Object';

/**
 * A change of a single job's output key, seen as the handler sends it: per-input wildcards expanded from the
 * job's input (model/output-wildcards.ts). The idempotency key covers the expanded key, so a rewrite that
 * gives the same key (`out/${InputName}.${ext}` -> `out/clip.${ext}` for `in/clip.mp4`) keeps the job.
 */
function outputKeyChange(k: KeyChange, input: string | undefined): { same: boolean; line: Inline[] } | undefined {
  if (k.key !== OUTPUT_OBJECT || input === undefined || k.before === undefined || k.after === undefined || k.afterUnknown) return undefined;
  const before = expandPerInputWildcards(k.before, input);
  const after = expandPerInputWildcards(k.after, input);
  if (before === after) return { same: true, line: [...keyChangeLine(k), ': the job is sent with the same output key ', code(after)] };
  if (before === k.before && after === k.after) return undefined;
  return { same: false, line: [...keyChangeLine(k), ' (sent as ', code(before), ' -> ', code(after), ')'] };
}

function jobDiff(c: OurChange, input?: string): JobDiff {
  const changes = diffTriggers(c);
  const of = (...classes: string[]): KeyChange[] => changes.filter((k) => classes.includes(keyClass(k.key)));
  const sameOutput: Inline[][] = [];
  const specLines = of('spec', 'identity').flatMap((k) => {
    const output = outputKeyChange(k, input);
    if (output?.same) {
      sameOutput.push(output.line);
      return [];
    }
    return [output?.line ?? keyChangeLine(k)];
  });
  const resubmit: Inline[][] = [...templateReasons(c, of('template')), ...specLines];
  for (const k of of('ledger')) {
    resubmit.push([...keyChangeLine(k), ': the ledger is read under the new prefix, where the records of earlier runs are not found']);
  }
  if (c.triggersUnknown) resubmit.push(UNKNOWN_TRIGGERS);
  return { resubmit, settings: of('setting'), inputs: of('inputs'), sameOutput };
}

function settingsOnly(settings: readonly KeyChange[], what: 'job' | 'jobs'): Inline[] {
  const listed: Inline[] = [];
  settings.slice(0, 4).forEach((k, i) => listed.push(...(i > 0 ? [', '] : []), ...keyChangeLine(k)));
  if (settings.length > 4) listed.push(` and ${settings.length - 4} more`);
  return [
    'only settings change (',
    ...listed,
    `); the idempotency key is the same, so the ledger adopts the existing ${what}`,
  ];
}

function cut(lines: Inline[][]): Inline[][] {
  return lines.length > MAX_DETAILS ? [...lines.slice(0, MAX_DETAILS), [`and ${lines.length - MAX_DETAILS} more`]] : lines;
}

const REMOVED_REASON: Inline[] = ['its jobs that have not started yet are cancelled; running and finished jobs and their outputs are kept'];
/** Job resources are create_before_destroy: the new create cancels only what the new configuration dropped. */
const CREATE_FIRST: Inline[] = [
  'replaced create-before-destroy: jobs of the inputs kept with the same spec are left alone; only those no longer wanted are cancelled if they have not started',
];


/** A single `VideoEnhanceJob`. `movedFrom` is a removed job with the same identity. */
export function jobItem(c: OurChange, paid: PaidWork, movedFrom?: OurChange): ReportItem {
  const input = valueOf(c, 'Input.Object');
  const subject: Inline[] = [code(c.label), ...(input !== undefined ? [' (input ', code(input), ')'] : [])];
  const moved: Inline[][] = movedFrom ? [['same job as the removed ', code(movedFrom.label)]] : [];
  const reason = actionReasonText(c.change.actionReason);
  switch (movedFrom ? 'replace' : c.action.kind) {
    case 'create':
      paid.newJobs += 1;
      return { verb: 'new', subject, ...(reason ? { reason } : {}), details: [] };
    case 'delete':
      return { verb: 'removed', subject, reason: withReason(REMOVED_REASON, reason), details: [] };
    case 'forget':
      return { verb: 'forgotten', subject, reason: ['it leaves the state without its delete step: nothing is cancelled'], details: [] };
    case 'update':
      return { verb: 'updated in place', subject, reason: ['no handler runs on an in-place update'], details: [] };
    case 'replace': {
      const d = jobDiff(movedFrom ? { ...c, before: movedFrom.before as TriggerMap } : c, input);
      const caution = c.action.createFirst ? [CREATE_FIRST] : [];
      if (d.resubmit.length > 0) {
        paid.resubmittedJobs += 1;
        const [only] = d.resubmit;
        if (d.resubmit.length === 1 && only) return { verb: 're-submitted', subject, reason: only, details: [...moved, ...caution] };
        return { verb: 're-submitted', subject, reason: ['what defines the job changed'], details: cut([...d.resubmit, ...moved, ...caution]) };
      }
      if (d.sameOutput.length > 0 && d.settings.length === 0) {
        return {
          verb: 'no new job',
          subject,
          reason: ['the request sent is the same; the idempotency key is the same, so the ledger adopts the existing job'],
          details: [...d.sameOutput, ...moved, ...caution],
        };
      }
      if (d.settings.length === 0 && !movedFrom) {
        paid.rerunResources += 1;
        return {
          verb: 're-run',
          subject,
          reason: [
            ...(reason ?? ['replaced with the same triggers']),
            ': the ledger adopts the recorded job unless it failed or was cancelled; such a job is submitted again',
          ],
          details: caution,
        };
      }
      return { verb: 'no new job', subject, reason: settingsOnly(d.settings, 'job'), details: [...moved, ...caution] };
    }
    default:
      return { verb: c.change.actions.join(', '), subject, details: [] };
  }
}

function inputDetails(before: BatchInputs, after: BatchInputs, paid: PaidWork, spec: 'same' | 'changed'): Inline[][] {
  if (before.kind === 'list' && after.kind === 'list') {
    const old = new Set(before.keys);
    const now = new Set(after.keys);
    const added = after.keys.filter((k) => !old.has(k));
    const removed = before.keys.filter((k) => !now.has(k));
    if (spec === 'same') paid.newInputs += added.length;
    const lines: Inline[][] = [];
    if (added.length > 0) lines.push([`inputs added (${added.length}): `, ...codeList(added)]);
    if (removed.length > 0) lines.push([`inputs removed (${removed.length}): `, ...codeList(removed)]);
    if (lines.length === 0) lines.push(['inputs reordered; none added or removed']);
    return lines;
  }
  if (before.kind === 'prefix' || after.kind === 'prefix') {
    if (spec === 'same') {
      if (after.kind === 'prefix') paid.prefixBatches += 1;
      else paid.uncertainInputs += inputCount(after) ?? 0;
    }
    return [['input list changed: ', ...describeInputs(before), ' -> ', ...describeInputs(after), '; only inputs without a job in the ledger are submitted']];
  }
  const was = inputCount(before);
  const now = inputCount(after);
  if (spec === 'same') paid.uncertainInputs += now ?? 0;
  const delta = was !== undefined && now !== undefined ? ` (${now - was >= 0 ? '+' : ''}${now - was})` : '';
  return [
    [
      `input list changed: ${was ?? '?'} -> ${now ?? '?'} inputs${delta}; the plan does not show which (a manifest holds them), `,
      'only inputs without a job in the ledger are submitted',
    ],
  ];
}

/** A `VideoEnhanceBatch`. `movedFrom` is a removed batch with the same job spec. */
export function batchItem(c: OurChange, paid: PaidWork, movedFrom?: OurChange): ReportItem {
  const before = batchInputs(movedFrom?.before ?? c.before);
  const after = batchInputs(c.after);
  const current = c.after !== undefined ? after : before;
  const subject: Inline[] = [code(c.label), ' (', ...describeInputs(current), ')'];
  const moved: Inline[][] = movedFrom ? [['same job spec as the removed ', code(movedFrom.label)]] : [];
  const reason = actionReasonText(c.change.actionReason);
  const all = inputCount(current);
  const countAll = (): void => {
    if (current.kind === 'prefix' || current.kind === 'unknown') paid.prefixBatches += 1;
  };
  switch (c.action.kind) {
    case 'create':
      if (!movedFrom) {
        paid.newInputs += all ?? 0;
        countAll();
        return { verb: 'new', subject, ...(reason ? { reason } : {}), details: [] };
      }
      break;
    case 'delete':
      return { verb: 'removed', subject, reason: withReason(REMOVED_REASON, reason), details: [] };
    case 'forget':
      return { verb: 'forgotten', subject, reason: ['it leaves the state without its delete step: nothing is cancelled'], details: [] };
    case 'update':
      return { verb: 'updated in place', subject, reason: ['no handler runs on an in-place update'], details: [] };
    case 'replace':
      break;
    default:
      return { verb: c.change.actions.join(', '), subject, details: [] };
  }
  const view: OurChange = movedFrom ? { ...c, before: movedFrom.before as TriggerMap } : c;
  const d = jobDiff(view);
  const caution = c.action.createFirst ? [CREATE_FIRST] : [];
  const inputsChanged = d.inputs.length > 0;
  if (d.resubmit.length > 0) {
    paid.resubmittedInputs += all ?? 0;
    countAll();
    const inputs = inputsChanged ? inputDetails(before, after, paid, 'changed') : [];
    return {
      verb: 're-submitted',
      subject,
      reason: ['the job spec changed, so every input is submitted again'],
      details: cut([...d.resubmit, ...inputs, ...moved, ...caution]),
    };
  }
  if (inputsChanged) {
    return {
      verb: 'inputs changed',
      subject,
      reason: ['the job spec is the same: inputs kept keep their jobs'],
      details: cut([...inputDetails(before, after, paid, 'same'), ...(d.settings.length > 0 ? [settingsOnly(d.settings, 'jobs')] : []), ...moved, ...caution]),
    };
  }
  if (d.settings.length === 0 && !movedFrom) {
    paid.rerunResources += 1;
    return {
      verb: 're-run',
      subject,
      reason: [
        ...(reason ?? ['replaced with the same triggers']),
        ': the ledger adopts recorded jobs unless they failed or were cancelled; those are submitted again',
      ],
      details: caution,
    };
  }
  return { verb: 'no new jobs', subject, reason: settingsOnly(d.settings, 'jobs'), details: [...moved, ...caution] };
}
