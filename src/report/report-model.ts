/** The report before it is written out: sections of items, the paid work, the counts. */
import { code, type Inline } from './markdown';
import type { KeyChange } from './resource-view';

/** One bullet: `**verb** subject: reason`, with detail lines below it. */
export interface ReportItem {
  readonly verb: string;
  readonly subject: readonly Inline[];
  readonly reason?: readonly Inline[];
  readonly details: readonly (readonly Inline[])[];
}

/** The VideoEnhance jobs a plan submits (each one is paid). */
export interface PaidWork {
  /** Single jobs submitted for the first time. */
  newJobs: number;
  /** Single jobs submitted again because what defines them changed. */
  resubmittedJobs: number;
  /** Batch inputs submitted for the first time. */
  newInputs: number;
  /** Batch inputs submitted again because the batch's job spec changed. */
  resubmittedInputs: number;
  /** Batches whose manifest list changed: up to this many inputs (the plan does not say which are new). */
  uncertainInputs: number;
  /** Prefix batches created or re-submitted: their inputs are listed at apply. */
  prefixBatches: number;
  /** Tainted or re-run job resources: their failed or missing jobs are submitted again. */
  rerunResources: number;
}

export function emptyPaidWork(): PaidWork {
  return { newJobs: 0, resubmittedJobs: 0, newInputs: 0, resubmittedInputs: 0, uncertainInputs: 0, prefixBatches: 0, rerunResources: 0 };
}

export function paidTotal(p: PaidWork): number {
  return p.newJobs + p.resubmittedJobs + p.newInputs + p.resubmittedInputs + p.uncertainInputs + p.prefixBatches + p.rerunResources;
}

/** Detail lines per item at most; the rest are counted. */
export const MAX_DETAILS = 12;

/** `` `key`: `old` -> `new` `` */
export function keyChangeLine(k: KeyChange): Inline[] {
  const side = (v: string | undefined): Inline => (v === undefined ? { em: '(none)' } : code(v));
  return [code(k.key), ': ', side(k.before), ' -> ', k.afterUnknown ? { em: '(known after apply)' } : side(k.after)];
}

/** Key-change lines, cut at `MAX_DETAILS`. */
export function keyChangeLines(changes: readonly KeyChange[], what = 'changed keys'): Inline[][] {
  const lines = changes.slice(0, MAX_DETAILS).map(keyChangeLine);
  if (changes.length > MAX_DETAILS) lines.push([`and ${changes.length - MAX_DETAILS} more ${what}`]);
  return lines;
}

/** Plain words for Terraform's `action_reason` codes (display hints; unknown ones are shown as given). */
export function actionReasonText(reason: string | undefined): Inline[] | undefined {
  switch (reason) {
    case undefined:
    case 'replace_because_cannot_update':
      return undefined;
    case 'replace_because_tainted':
      return ['tainted by an earlier failed apply'];
    case 'replace_by_request':
      return ['replacement requested (', code('-replace'), ')'];
    case 'replace_by_triggers':
      return ['replaced through ', code('replace_triggered_by')];
    case 'delete_because_no_resource_config':
      return ['no longer in the stack'];
    case 'delete_because_no_module':
      return ['its module is no longer in the configuration'];
    case 'delete_because_count_index':
    case 'delete_because_each_key':
    case 'delete_because_wrong_repetition':
      return ['its instance is no longer configured'];
    case 'read_because_config_unknown':
      return ['its configuration is known only at apply'];
    case 'read_because_dependency_pending':
      return ['it depends on a pending change'];
    case 'delete_because_no_move_target':
      return ['its moved target is gone'];
    default:
      return ['Terraform says ', code(reason)];
  }
}

/** `base (reason)`, or `base` when there is no reason. */
export function withReason(base: readonly Inline[], reason: readonly Inline[] | undefined): Inline[] {
  return reason ? [...base, ' (', ...reason, ')'] : [...base];
}
