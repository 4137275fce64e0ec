/** From a read plan to the report model: every change classified, paired, and put in its section. */
import type { ResourceKind } from '../model';
import { code, type Inline } from './markdown';
import type { PlanDocument } from './plan-json';
import { emptyPaidWork, type PaidWork, type ReportItem } from './report-model';
import { batchItem, jobItem, UNKNOWN_TRIGGERS } from './job-items';
import { bucketItem, otherItem, templateItem, templateSetItem } from './resource-items';
import { classify, jobFingerprint, type ActionKind, type OtherChange, type OurChange } from './resource-view';

export interface ActionCounts {
  create: number;
  replace: number;
  delete: number;
  update: number;
  read: number;
  forget: number;
  noop: number;
  unrecognized: number;
}

export interface PlanReportModel {
  readonly templates: ReportItem[];
  readonly jobs: ReportItem[];
  readonly batches: ReportItem[];
  readonly buckets: ReportItem[];
  readonly other: ReportItem[];
  readonly paid: PaidWork;
  /** Buckets this plan deletes. */
  readonly bucketDeletes: string[];
  readonly counts: ActionCounts;
  /** Changed resources of ours and of others (no-ops not included). */
  readonly ourChanges: number;
  readonly otherChanges: number;
  readonly notes: Inline[][];
}

const COUNT_KEY: Readonly<Record<ActionKind, keyof ActionCounts>> = {
  create: 'create',
  replace: 'replace',
  delete: 'delete',
  update: 'update',
  read: 'read',
  forget: 'forget',
  'no-op': 'noop',
  unrecognized: 'unrecognized',
};

const JOB_KINDS: readonly ResourceKind[] = ['video-enhance-job', 'video-enhance-batch'];

/**
 * A construct renamed (or moved) is a delete at the old address and a create at the new one. When both
 * define the same jobs (same fingerprint), the new resource's create finds the old ledger records and adopts
 * the jobs: report them as one move, not as a paid new job.
 */
function pairMoves(ours: readonly OurChange[]): Map<OurChange, OurChange> {
  const moved = new Map<OurChange, OurChange>();
  const removed = ours.filter((c) => c.action.kind === 'delete' && c.change.deposed === undefined && JOB_KINDS.includes(c.kind) && c.before);
  const taken = new Set<OurChange>();
  for (const c of ours) {
    if (c.action.kind !== 'create' || !JOB_KINDS.includes(c.kind) || !c.after || c.unknownKeys.size > 0) continue;
    const print = jobFingerprint(c.after);
    const match = removed.find((r) => !taken.has(r) && r.kind === c.kind && jobFingerprint(r.before ?? {}) === print);
    if (match) {
      taken.add(match);
      moved.set(c, match);
    }
  }
  return moved;
}

const VERB_ORDER = [
  're-submitted',
  'new',
  'inputs changed',
  're-run',
  'no new job',
  'no new jobs',
  'created',
  'referenced',
  'changed',
  'updated in place',
  'renamed',
  're-applied',
  're-created',
  'replaced',
  'deleted',
  'removed',
  'removed from the stack',
  'left in place',
  'forgotten',
];

function sortItems(items: ReportItem[]): ReportItem[] {
  const rank = (v: string): number => {
    const i = VERB_ORDER.indexOf(v);
    return i === -1 ? VERB_ORDER.length : i;
  };
  return items.sort((a, b) => rank(a.verb) - rank(b.verb));
}

export function analyzePlan(plan: PlanDocument): PlanReportModel {
  const counts: ActionCounts = { create: 0, replace: 0, delete: 0, update: 0, read: 0, forget: 0, noop: 0, unrecognized: 0 };
  const ours: OurChange[] = [];
  const others: OtherChange[] = [];
  for (const change of plan.changes) {
    const c = classify(change);
    const action = 'ours' in c ? c.ours.action : c.other.action;
    counts[COUNT_KEY[action.kind]] += 1;
    if (action.kind === 'no-op') continue;
    if ('ours' in c) ours.push(c.ours);
    else others.push(c.other);
  }
  const moves = pairMoves(ours);
  const movedAway = new Set(moves.values());
  const paid = emptyPaidWork();
  const model: PlanReportModel = {
    templates: [],
    jobs: [],
    batches: [],
    buckets: [],
    other: others.map(otherItem),
    paid,
    bucketDeletes: [],
    counts,
    ourChanges: ours.length,
    otherChanges: others.length,
    notes: [],
  };
  // Whether the stack keeps its template set (no-ops included): it deletes templates removed from the code.
  const setStays = plan.changes.some((change) => {
    const c = classify(change);
    return 'ours' in c && c.ours.kind === 'template-set' && c.ours.action.kind !== 'delete' && c.ours.action.kind !== 'forget';
  });
  let jobReplaced = false;
  for (const c of ours) {
    if (movedAway.has(c)) continue;
    const deposed: ReportItem['details'] = c.change.deposed !== undefined ? [['a deposed object (left by an interrupted create_before_destroy)']] : [];
    const previous: ReportItem['details'] = c.change.previousAddress !== undefined ? [['moved from ', code(c.change.previousAddress)]] : [];
    const unknown: ReportItem['details'] = c.triggersUnknown && !JOB_KINDS.includes(c.kind) ? [UNKNOWN_TRIGGERS] : [];
    const extra = [...unknown, ...deposed, ...previous];
    const add = (list: ReportItem[], item: ReportItem): void => void list.push(extra.length > 0 ? { ...item, details: [...item.details, ...extra] } : item);
    switch (c.kind) {
      case 'watermark-template':
      case 'video-enhance-template':
        add(model.templates, templateItem(c, setStays));
        break;
      case 'template-set': {
        const item = templateSetItem(c);
        if (item !== undefined) add(model.templates, item);
        break;
      }
      case 'video-enhance-job':
        add(model.jobs, jobItem(c, paid, moves.get(c)));
        break;
      case 'video-enhance-batch':
        add(model.batches, batchItem(c, paid, moves.get(c)));
        break;
      case 'media-bucket': {
        const { item, deletes } = bucketItem(c);
        add(model.buckets, item);
        if (deletes !== undefined) model.bucketDeletes.push(deletes);
        break;
      }
    }
    if (JOB_KINDS.includes(c.kind) && ((c.action.kind === 'replace' && !c.action.createFirst && !c.action.forgetOld) || moves.has(c))) jobReplaced = true;
  }
  for (const list of [model.templates, model.jobs, model.batches, model.buckets]) sortItems(list);
  if (jobReplaced) {
    model.notes.push([
      'A replaced job or batch runs its delete step first, which cancels its jobs that have not started yet; the new create ',
      'submits those again. Running and finished jobs are adopted from the ledger, and outputs are kept.',
    ]);
  }
  if (plan.errored) model.notes.push([{ strong: 'Terraform could not finish this plan' }, ' (errored): the changes listed may be incomplete.']);
  if (plan.deferredCount > 0) {
    model.notes.push([`${plan.deferredCount} deferred change${plan.deferredCount === 1 ? '' : 's'} not planned yet (Terraform plans them in a later run).`]);
  }
  return model;
}
