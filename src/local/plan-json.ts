import * as fs from 'node:fs';
import * as path from 'node:path';
import { compareUtf8, type Triggers } from './jsonencode';
import type { Plan, ResourceChange } from './plan';
import { RESOURCE_TYPES, type ResourceType, type StackConfig } from './stack-config';
import type { LocalState } from './state';

/**
 * The local runner's plan in Terraform's JSON plan format (what `terraform show -json <planfile>` prints), for
 * `cos-media plan <stackDir> --out plan.json`: so `cos-media plan-report` can be tried offline, and so the
 * differential test can compare the runner's plan with real Terraform's, JSON with JSON.
 *
 * Only the subset that plan-report and the differential test read is written: `format_version`,
 * `terraform_version`, `resource_changes` (every resource of the configuration and of the state, no-ops
 * included, sorted by address, as Terraform lists them), `timestamp`, `applyable`, `complete`, `errored`.
 * `planned_values`, `prior_state` and `configuration` are left out. Each entry is written field by field as
 * Terraform 1.11.4 writes it for these two resource types (observed with `terraform show -json`):
 *
 * - terraform_data: `before` = `{ id, input: null, output: null, triggers_replace }`; a create or replace has
 *   `after` = `{ input: null, output: null, triggers_replace }` with `after_unknown` = `{ id: true,
 *   triggers_replace: {} }` (`{ id: true }` when the map is null); a no-op has `after` = `before` and
 *   `after_unknown` = `{}`.
 * - null_resource: the same with `triggers` and without `input` / `output` (the null provider's schema:
 *   `id`, `triggers`).
 * - `action_reason`: `replace_because_cannot_update` (triggers changed; then `change.replace_paths` =
 *   `[["triggers_replace"]]`), `replace_because_tainted` (no replace_paths: Terraform plans a tainted object
 *   as a new one), `delete_because_no_resource_config`; none for create and no-op.
 * - `before_sensitive` / `after_sensitive`: `false` for a null side, else `{ <map>: {} }` (`{}` for a null map).
 *
 * `terraform_version` is {@link LOCAL_RUNNER_VERSION}, never a Terraform version: this plan was not made by
 * Terraform. The `cos_media_local_runner` object says so in words and names the state it was made from.
 */

/** The format_version Terraform 1.11.4 writes. */
export const PLAN_FORMAT_VERSION = '1.2';
/** The `terraform_version` of a plan written by the local runner (plan-report names it as such). */
export const LOCAL_RUNNER_VERSION = 'cos-media-local';

const PROVIDER_NAME: Record<ResourceType, string> = {
  null_resource: 'registry.terraform.io/hashicorp/null',
  terraform_data: 'terraform.io/builtin/terraform',
};

export type JsonValue = Record<string, unknown> | null;

export interface JsonResourceChange {
  readonly address: string;
  readonly mode: 'managed';
  readonly type: string;
  readonly name: string;
  readonly provider_name: string;
  readonly change: {
    readonly actions: string[];
    readonly before: JsonValue;
    readonly after: JsonValue;
    readonly after_unknown: Record<string, unknown>;
    readonly before_sensitive: Record<string, unknown> | false;
    readonly after_sensitive: Record<string, unknown> | false;
    readonly replace_paths?: string[][];
  };
  readonly action_reason?: string;
}

export interface JsonPlan {
  readonly format_version: string;
  readonly terraform_version: string;
  readonly cos_media_local_runner: {
    readonly note: string;
    readonly stack: string;
    readonly state_lineage: string;
    readonly state_serial: number;
  };
  readonly resource_changes?: JsonResourceChange[];
  readonly timestamp: string;
  readonly applyable: boolean;
  readonly complete: boolean;
  readonly errored: boolean;
}

export interface PlanJsonOptions {
  /** The plan's timestamp. @default new Date() */
  readonly now?: Date;
}

/** `plan` (an apply-mode plan of `config` against `state`) in Terraform's JSON plan format. */
export function planToJson(config: StackConfig, state: LocalState, plan: Plan, options: PlanJsonOptions = {}): JsonPlan {
  if (plan.mode !== 'apply') throw new Error('only an apply plan can be written as a Terraform JSON plan');
  const planned = new Map(plan.changes.map((c) => [c.address, c]));
  const entries: JsonResourceChange[] = [];
  const addresses = new Set([...config.resources.map((r) => r.address), ...Object.keys(state.resources)]);
  for (const address of addresses) {
    const change = planned.get(address);
    entries.push(change ? changeEntry(change) : noOpEntry(address, state));
  }
  entries.sort((a, b) => compareUtf8(a.address, b.address));
  return {
    format_version: PLAN_FORMAT_VERSION,
    terraform_version: LOCAL_RUNNER_VERSION,
    cos_media_local_runner: {
      note: 'planned by the cos-media local runner against its own state file, not by Terraform',
      stack: plan.stack,
      state_lineage: plan.stateLineage,
      state_serial: plan.stateSerial,
    },
    ...(entries.length > 0 ? { resource_changes: entries } : {}),
    timestamp: (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    applyable: plan.changes.length > 0,
    complete: true,
    errored: false,
  };
}

/** Writes the JSON plan to `file` (2-space indented, newline-terminated). */
export function writePlanJson(file: string, json: JsonPlan): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
}

function typeOf(address: string): ResourceType {
  const type = address.slice(0, address.indexOf('.'));
  if (!Object.hasOwn(RESOURCE_TYPES, type)) throw new Error(`${address}: not a null_resource or terraform_data`);
  return type as ResourceType;
}

function head(address: string): Pick<JsonResourceChange, 'address' | 'mode' | 'type' | 'name' | 'provider_name'> {
  const type = typeOf(address);
  return { address, mode: 'managed', type, name: address.slice(type.length + 1), provider_name: PROVIDER_NAME[type] };
}

/** The object value Terraform shows; `id` is left out of a planned (not yet known) value. */
function value(type: ResourceType, id: string | undefined, triggers: Triggers | null): Record<string, unknown> {
  const map = triggers === null ? null : sortedMap(triggers);
  const out: Record<string, unknown> = id === undefined ? {} : { id };
  if (type === 'terraform_data') Object.assign(out, { input: null, output: null });
  out[RESOURCE_TYPES[type]] = map;
  return out;
}

function sensitive(type: ResourceType, triggers: Triggers | null): Record<string, unknown> {
  return triggers === null ? {} : { [RESOURCE_TYPES[type]]: {} };
}

function sortedMap(triggers: Triggers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(triggers).sort(compareUtf8)) out[key] = triggers[key] as string;
  return out;
}

function noOpEntry(address: string, state: LocalState): JsonResourceChange {
  const type = typeOf(address);
  const current = state.resources[address];
  if (!current) throw new Error(`${address}: neither planned nor in the state`);
  const v = value(type, current.id, current.triggers);
  return {
    ...head(address),
    change: {
      actions: ['no-op'],
      before: v,
      after: v,
      after_unknown: {},
      before_sensitive: sensitive(type, current.triggers),
      after_sensitive: sensitive(type, current.triggers),
    },
  };
}

function changeEntry(c: ResourceChange): JsonResourceChange {
  const type = typeOf(c.address);
  const before = c.action === 'create' ? null : (c.before ?? null);
  const after = c.action === 'delete' ? null : (c.after ?? null);
  const unknown = { id: true, ...(after === null ? {} : { [RESOURCE_TYPES[type]]: {} }) };
  const change = {
    // A create_before_destroy replace is ["create", "delete"] in Terraform's JSON plan.
    actions: c.action === 'create' ? ['create'] : c.action === 'delete' ? ['delete'] : c.createBeforeDestroy === true ? ['create', 'delete'] : ['delete', 'create'],
    before: c.action === 'create' ? null : value(type, c.id, before),
    after: c.action === 'delete' ? null : value(type, undefined, after),
    after_unknown: c.action === 'delete' ? {} : unknown,
    before_sensitive: c.action === 'create' ? (false as const) : sensitive(type, before),
    after_sensitive: c.action === 'delete' ? (false as const) : sensitive(type, after),
    ...(c.reason === 'triggers-changed' ? { replace_paths: [[RESOURCE_TYPES[type]]] } : {}),
  };
  const reason = ACTION_REASON[c.reason];
  return { ...head(c.address), change, ...(reason ? { action_reason: reason } : {}) };
}

const ACTION_REASON: Record<ResourceChange['reason'], string | undefined> = {
  new: undefined,
  'triggers-changed': 'replace_because_cannot_update',
  tainted: 'replace_because_tainted',
  'not-in-configuration': 'delete_because_no_resource_config',
  'destroy-requested': undefined,
};
