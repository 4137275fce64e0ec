/**
 * One plan change seen through our trigger layout (src/model/resource-triggers.ts): which of our kinds it is,
 * what Terraform will do to it, its trigger maps before and after, and which keys change.
 */
import { decodeResourceTriggers, type ResourceKind } from '../model';
import { code, type Inline } from './markdown';
import type { PlanResourceChange } from './plan-json';

/** What Terraform does to the object, from `change.actions`. */
export type ActionKind = 'no-op' | 'create' | 'delete' | 'replace' | 'update' | 'read' | 'forget' | 'unrecognized';

export interface Action {
  readonly kind: ActionKind;
  /** Replace with `create_before_destroy`: `["create","delete"]`. */
  readonly createFirst: boolean;
  /** `["create","forget"]`: the old object leaves the state without its destroy step. */
  readonly forgetOld: boolean;
}

export function actionOf(actions: readonly string[]): Action {
  const key = actions.join(',');
  const plain = (kind: ActionKind): Action => ({ kind, createFirst: false, forgetOld: false });
  switch (key) {
    case 'no-op':
    case 'create':
    case 'delete':
    case 'update':
    case 'read':
    case 'forget':
      return plain(key);
    case 'delete,create':
      return plain('replace');
    case 'create,delete':
      return { kind: 'replace', createFirst: true, forgetOld: false };
    case 'create,forget':
      return { kind: 'replace', createFirst: false, forgetOld: true };
    default:
      return plain('unrecognized');
  }
}

export type TriggerMap = Readonly<Record<string, string>>;

/** A change of one trigger key. `before`/`after` undefined: the key is absent on that side. */
export interface KeyChange {
  readonly key: string;
  readonly before?: string;
  readonly after?: string;
  /** The new value is known only after apply. */
  readonly afterUnknown: boolean;
}

/** A change of a resource of ours. */
export interface OurChange {
  readonly change: PlanResourceChange;
  readonly action: Action;
  readonly kind: ResourceKind;
  /** The construct path (from the `construct` trigger), else the Terraform address. */
  readonly label: string;
  readonly before?: TriggerMap;
  readonly after?: TriggerMap;
  /** Keys of `after` whose values Terraform knows only at apply. */
  readonly unknownKeys: ReadonlySet<string>;
  /** The whole `triggers` map is known only at apply. */
  readonly triggersUnknown: boolean;
}

/** A change that is not ours: another resource type, a data source, or triggers we cannot read. */
export interface OtherChange {
  readonly change: PlanResourceChange;
  readonly action: Action;
  /** Why a resource that looks like ours is listed here. */
  readonly note?: readonly Inline[];
}

export type ClassifiedChange = { readonly ours: OurChange } | { readonly other: OtherChange };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The attribute holding our trigger map: `triggers` on a `null_resource`, `triggers_replace` on a
 * `terraform_data` (the two backings of our constructs).
 */
function triggersKey(type: string): 'triggers' | 'triggers_replace' {
  return type === 'terraform_data' ? 'triggers_replace' : 'triggers';
}

/** `value.<key>` as a string map; `undefined` when there is none. Non-string values are JSON-encoded. */
function triggersOf(value: Readonly<Record<string, unknown>> | undefined, key: string): Record<string, string> | undefined {
  const t = value?.[key];
  if (!isObject(t)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(t)) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
}

function looksOurs(t: Record<string, string> | undefined): t is Record<string, string> {
  return t !== undefined && t.kind !== undefined && t.schema !== undefined;
}

export function classify(change: PlanResourceChange): ClassifiedChange {
  const action = actionOf(change.actions);
  const key = triggersKey(change.type);
  const before = triggersOf(change.before, key);
  const after = triggersOf(change.after, key);
  const unknown = isObject(change.afterUnknown) ? change.afterUnknown[key] : undefined;
  const triggersUnknown = unknown === true;
  const unknownKeys = new Set(isObject(unknown) ? Object.keys(unknown).filter((k) => unknown[k] === true) : []);
  if (change.mode !== 'managed' || (!looksOurs(before) && !looksOurs(after))) {
    return { other: { change, action } };
  }
  // Read both sides with the model's decoder: it names what is wrong when the layout is not one we know.
  const problems: string[] = [];
  for (const side of [before, after]) {
    if (!looksOurs(side)) continue;
    try {
      decodeResourceTriggers(side);
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  if (problems.length > 0) {
    return { other: { change, action, note: ['cdktf-cos-media triggers this version cannot read: ', code(problems[0] as string, 160)] } };
  }
  const known = (looksOurs(after) ? after : before) as Record<string, string>;
  const kind = known.kind as ResourceKind;
  if (looksOurs(before) && looksOurs(after) && before.kind !== after.kind) {
    return { other: { change, action, note: ['its kind changes from ', code(before.kind), ' to ', code(after.kind)] } };
  }
  return {
    ours: {
      change,
      action,
      kind,
      label: known.construct ?? change.address,
      ...(before ? { before } : {}),
      ...(after ? { after } : {}),
      unknownKeys,
      triggersUnknown,
    },
  };
}

/** Compares dotted keys segment by segment, numbers as numbers (`inputs.2` before `inputs.10`). */
export function compareKeys(a: string, b: string): number {
  const sa = a.split('.');
  const sb = b.split('.');
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const x = sa[i] as string;
    const y = sb[i] as string;
    if (x === y) continue;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return sa.length - sb.length;
}

/** Every key whose value differs (or is unknown after), in key order. */
export function diffTriggers(c: OurChange): KeyChange[] {
  if (c.triggersUnknown) return []; // nothing to compare: the callers say the triggers are known only after apply
  const before = c.before ?? {};
  const after = c.after ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after), ...c.unknownKeys]);
  const out: KeyChange[] = [];
  for (const key of [...keys].sort(compareKeys)) {
    const afterUnknown = c.unknownKeys.has(key);
    if (!afterUnknown && before[key] === after[key]) continue;
    out.push({
      key,
      ...(before[key] !== undefined ? { before: before[key] } : {}),
      ...(after[key] !== undefined && !afterUnknown ? { after: after[key] } : {}),
      afterUnknown,
    });
  }
  return out;
}

/**
 * What a trigger key is to the handler. This mirrors src/handler/idempotency.ts: a job's idempotency key
 * hashes `bucket`, `region`, the wire request (the upper-case keys, with the input) and the `template.*` /
 * `watermark_template.*` settings; nothing else. `ledger_prefix` is not in the key, but it is where the
 * ledger records are read, so changing it hides the records of earlier runs.
 */
export type KeyClass = 'derived' | 'spec' | 'identity' | 'template' | 'ledger' | 'inputs' | 'setting';

export function keyClass(key: string): KeyClass {
  if (key === 'kind' || key === 'schema' || key === 'spec_sha256') return 'derived';
  if (/^[A-Z]/.test(key)) return 'spec';
  if (key === 'bucket' || key === 'region') return 'identity';
  if (key.startsWith('template.') || key.startsWith('watermark_template.')) return 'template';
  if (key === 'ledger_prefix') return 'ledger';
  if (key.startsWith('inputs.')) return 'inputs';
  return 'setting';
}

/** The trigger value on the side that has it (after first). */
export function valueOf(c: OurChange, key: string): string | undefined {
  return c.after?.[key] ?? c.before?.[key];
}

/** The job identity of a job or batch without its inputs list: equal fingerprints mean the same jobs. */
export function jobFingerprint(t: TriggerMap): string {
  const picked = Object.keys(t)
    .filter((k) => ['spec', 'identity', 'template', 'ledger'].includes(keyClass(k)))
    .sort()
    .map((k) => [k, t[k]]);
  return JSON.stringify(picked);
}
