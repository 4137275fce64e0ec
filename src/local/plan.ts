import { compareUtf8, type Triggers } from './jsonencode';
import { createBeforeDestroySet, type StackConfig } from './stack-config';
import type { LocalState } from './state';

/**
 * Planning, as Terraform plans `null_resource`s: in the configuration and not in the state -> create; in
 * both with different triggers (any key added, removed or changed: triggers force replacement) or tainted
 * -> replace; in the state only -> delete; otherwise no-op (not shown). `destroy` mode deletes everything
 * in the state.
 */

export type ChangeAction = 'create' | 'replace' | 'delete';

export type ChangeReason =
  | 'new'
  | 'triggers-changed'
  | 'tainted'
  /** Removed from the configuration: Terraform no longer has its destroy provisioners. */
  | 'not-in-configuration'
  | 'destroy-requested';

/** What happens to a resource's destroy-time provisioners when it is destroyed. */
export type DestroyProvisioners =
  | 'none'
  | 'run'
  /** Terraform skips the destroy provisioners of a tainted resource. */
  | 'skipped-tainted'
  /** Its configuration, provisioners included, is gone. */
  | 'skipped-not-in-configuration'
  /**
   * Replaced create-before-destroy: Terraform drops the replaced (deposed) object without running its
   * destroy-time provisioners (observed with Terraform 1.11.4).
   */
  | 'skipped-deposed';

export interface TriggerChange {
  readonly key: string;
  readonly kind: 'added' | 'removed' | 'changed';
  readonly before?: string;
  readonly after?: string;
}

export interface ResourceChange {
  readonly address: string;
  readonly action: ChangeAction;
  readonly reason: ChangeReason;
  /** The id in the state (replace, delete). */
  readonly id?: string;
  /** Triggers in the state (replace, delete); null = none. */
  readonly before?: Triggers | null;
  /** Triggers in the configuration (create, replace); null = none. */
  readonly after?: Triggers | null;
  /** Create: every key added; delete: every key removed; replace: only the keys that differ. Sorted by key. */
  readonly triggerChanges: readonly TriggerChange[];
  /** Replace: how many keys are the same on both sides. */
  readonly unchangedKeys: number;
  /** Delete and replace only. */
  readonly destroyProvisioners?: DestroyProvisioners;
  /** Replace only: the new object is created first, then the old one is dropped (`+/-`). */
  readonly createBeforeDestroy?: boolean;
}

export interface PlanCounts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
}

export interface Plan {
  readonly mode: 'apply' | 'destroy';
  readonly stack: string;
  /** The state this plan was made from: applyPlan refuses to apply it to any other. */
  readonly stateLineage: string;
  readonly stateSerial: number;
  /** Sorted by address, as Terraform shows them. */
  readonly changes: readonly ResourceChange[];
  readonly counts: PlanCounts;
}

export interface PlanOptions {
  /** `destroy` plans the deletion of everything in the state. @default 'apply' */
  readonly mode?: 'apply' | 'destroy';
}

export function planChanges(config: StackConfig, state: LocalState, options: PlanOptions = {}): Plan {
  const mode = options.mode ?? 'apply';
  const changes: ResourceChange[] = [];
  const inConfig = new Map(config.resources.map((r) => [r.address, r]));
  const cbd = createBeforeDestroySet(config.resources);

  if (mode === 'apply') {
    for (const r of config.resources) {
      const current = state.resources[r.address];
      if (current === undefined) {
        changes.push({
          address: r.address,
          action: 'create',
          reason: 'new',
          after: r.triggers,
          triggerChanges: sides(r.triggers, 'added'),
          unchangedKeys: 0,
        });
        continue;
      }
      const diff = diffTriggers(current.triggers, r.triggers);
      const differs = diff.changes.length > 0 || (current.triggers === null) !== (r.triggers === null);
      if (!current.tainted && !differs) continue;
      changes.push({
        address: r.address,
        action: 'replace',
        reason: current.tainted ? 'tainted' : 'triggers-changed',
        id: current.id,
        before: current.triggers,
        after: r.triggers,
        triggerChanges: diff.changes,
        unchangedKeys: diff.unchanged,
        destroyProvisioners: replaceProvisioners(current.tainted, r.provisioners.some((p) => p.when === 'destroy'), cbd.has(r.address)),
        ...(cbd.has(r.address) ? { createBeforeDestroy: true } : {}),
      });
    }
  }

  for (const [address, current] of Object.entries(state.resources)) {
    const cfg = inConfig.get(address);
    if (mode === 'apply' && cfg) continue;
    const destroyProvisioners: DestroyProvisioners = !cfg
      ? 'skipped-not-in-configuration'
      : destroyProvisionersOf(current.tainted, cfg.provisioners.some((p) => p.when === 'destroy'));
    changes.push({
      address,
      action: 'delete',
      reason: cfg ? 'destroy-requested' : 'not-in-configuration',
      id: current.id,
      before: current.triggers,
      triggerChanges: sides(current.triggers, 'removed'),
      unchangedKeys: 0,
      destroyProvisioners,
    });
  }

  changes.sort((a, b) => compareUtf8(a.address, b.address));
  return {
    mode,
    stack: config.stackName,
    stateLineage: state.lineage,
    stateSerial: state.serial,
    changes,
    counts: countChanges(changes),
  };
}

/** A replace counts as one add and one destroy, as in Terraform's "Plan:" line. */
export function countChanges(changes: readonly ResourceChange[]): PlanCounts {
  let add = 0;
  let destroy = 0;
  for (const c of changes) {
    if (c.action !== 'delete') add += 1;
    if (c.action !== 'create') destroy += 1;
  }
  return { add, change: 0, destroy };
}

export function diffTriggers(
  before: Triggers | null,
  after: Triggers | null,
): { changes: TriggerChange[]; unchanged: number } {
  const b = before ?? {};
  const a = after ?? {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort(compareUtf8);
  const changes: TriggerChange[] = [];
  let unchanged = 0;
  for (const key of keys) {
    const inBefore = Object.prototype.hasOwnProperty.call(b, key);
    const inAfter = Object.prototype.hasOwnProperty.call(a, key);
    if (inBefore && inAfter && b[key] === a[key]) unchanged += 1;
    else if (inBefore && inAfter) changes.push({ key, kind: 'changed', before: b[key], after: a[key] });
    else if (inAfter) changes.push({ key, kind: 'added', after: a[key] });
    else changes.push({ key, kind: 'removed', before: b[key] });
  }
  return { changes, unchanged };
}

function sides(triggers: Triggers | null, kind: 'added' | 'removed'): TriggerChange[] {
  const t = triggers ?? {};
  return Object.keys(t)
    .sort(compareUtf8)
    .map((key) => (kind === 'added' ? { key, kind, after: t[key] } : { key, kind, before: t[key] }));
}

function replaceProvisioners(tainted: boolean, hasDestroyProvisioners: boolean, createBeforeDestroy: boolean): DestroyProvisioners {
  if (!createBeforeDestroy || tainted || !hasDestroyProvisioners) return destroyProvisionersOf(tainted, hasDestroyProvisioners);
  return 'skipped-deposed';
}

function destroyProvisionersOf(tainted: boolean, hasDestroyProvisioners: boolean): DestroyProvisioners {
  if (!hasDestroyProvisioners) return 'none';
  return tainted ? 'skipped-tainted' : 'run';
}
