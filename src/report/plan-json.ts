/**
 * Reading the JSON of `terraform show -json <planfile>` (Terraform's "JSON Output Format", plan
 * representation) into the few fields the report needs. What we rely on, from that documentation and from
 * Terraform's own marshalling code (internal/command/jsonplan):
 *
 * - `format_version` is `"<major>.<minor>"`; minor versions only add properties, which we ignore; a major we
 *   do not know is refused (the documentation asks consumers to). Terraform 0.12–0.15 wrote `0.x`, 1.x
 *   writes `1.x`; the fields read here are the same in both.
 * - `resource_changes[]` (omitted when empty) has `address`, `mode` (`managed` | `data`), `type`, `name`,
 *   optional `index`, `deposed`, `previous_address`, `action_reason`, and `change`.
 * - `change.actions` is one of `["no-op"]`, `["create"]`, `["read"]`, `["update"]`, `["delete","create"]`,
 *   `["create","delete"]`, `["delete"]`, and since 1.7 `["forget"]`, `["create","forget"]`.
 * - `change.before` / `change.after` are the object values (`null` or absent for create / delete). Values not
 *   known until apply are left out of `after` and marked `true` in `change.after_unknown` (a whole attribute:
 *   `true`; map keys: an object of `key: true`).
 * - For a `null_resource`, the value is `{ id, triggers }`; `triggers` is a map of strings, already
 *   evaluated, so `$${` in the synthesized JSON is `${` here: the text the handler will get.
 * - `errored: true` (1.x) marks a plan Terraform could not finish.
 */

/** Bad input: not JSON, not a plan, a plan format we do not read. `message` is one line. */
export class PlanInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlanInputError';
  }
}

/** The actions of one change, as Terraform spells them. */
export type ActionList = readonly string[];

/** One entry of `resource_changes`, reduced to what the report reads. */
export interface PlanResourceChange {
  readonly address: string;
  readonly mode: string;
  readonly type: string;
  readonly name: string;
  readonly actions: ActionList;
  /** `change.before`, `undefined` when null or absent. */
  readonly before?: Readonly<Record<string, unknown>>;
  readonly after?: Readonly<Record<string, unknown>>;
  /** `change.after_unknown`, `undefined` when absent. */
  readonly afterUnknown?: unknown;
  readonly actionReason?: string;
  readonly deposed?: string;
  readonly previousAddress?: string;
}

export interface PlanDocument {
  readonly formatVersion: string;
  readonly terraformVersion?: string;
  /** Terraform could not finish the plan (`errored: true`). */
  readonly errored: boolean;
  readonly changes: readonly PlanResourceChange[];
  /** `deferred_changes` entries (Terraform ≥ 1.9 with deferrals): not planned yet, only counted. */
  readonly deferredCount: number;
}

/** The format_version majors this reader understands. */
export const SUPPORTED_FORMAT_MAJORS: readonly string[] = ['0', '1'];

/** Problems listed in one error line at most; the rest are counted. */
const MAX_LISTED_PROBLEMS = 5;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Parses JSON text; the message says what was given instead when it is not JSON. */
export function parsePlanText(text: string): unknown {
  if (text.startsWith('PK')) {
    throw new PlanInputError('this is a binary plan file (a zip archive), not its JSON: run `terraform show -json <planfile>` and pass that output');
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    const first = text.trimStart().slice(0, 1);
    // JSON.parse quotes a piece of the input, line breaks included: keep the message on one line.
    const hint = first === '' ? 'the input is empty' : (err as Error).message.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').slice(0, 160);
    throw new PlanInputError(`not JSON (${hint}): pass the output of \`terraform show -json <planfile>\``);
  }
}

/** Checks the shape and returns the plan; throws one `PlanInputError` naming every problem. */
export function readPlanDocument(json: unknown): PlanDocument {
  if (!isObject(json)) {
    throw new PlanInputError(`not a Terraform plan: expected a JSON object with format_version and resource_changes, got ${describe(json)}`);
  }
  const version = json.format_version;
  if (typeof version !== 'string' || !/^\d+\.\d+$/.test(version)) {
    throw new PlanInputError(
      `not a Terraform plan: format_version must be a string like "1.2", got ${describe(version)} (pass the output of \`terraform show -json <planfile>\`)`,
    );
  }
  const major = version.split('.')[0] as string;
  if (!SUPPORTED_FORMAT_MAJORS.includes(major)) {
    throw new PlanInputError(
      `unsupported plan format_version ${JSON.stringify(version)}: this report reads major versions ${SUPPORTED_FORMAT_MAJORS.join(' and ')} of Terraform's JSON plan format`,
    );
  }
  const looksLikePlan = 'resource_changes' in json || 'planned_values' in json || 'configuration' in json || 'prior_state' in json;
  if (!looksLikePlan) {
    const hint = 'values' in json ? ' (this looks like a state: run `terraform show -json` on a plan file, not on the state)' : '';
    throw new PlanInputError(`not a Terraform plan: it has none of resource_changes, planned_values, configuration${hint}`);
  }
  const problems: string[] = [];
  const raw = json.resource_changes ?? [];
  const changes: PlanResourceChange[] = [];
  if (!Array.isArray(raw)) {
    problems.push(`resource_changes must be a list, got ${describe(raw)}`);
  } else {
    raw.forEach((entry, i) => {
      const change = readChange(entry, `resource_changes[${i}]`, problems);
      if (change) changes.push(change);
    });
  }
  const deferred = json.deferred_changes;
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS).join('; ');
    const more = problems.length > MAX_LISTED_PROBLEMS ? `; and ${problems.length - MAX_LISTED_PROBLEMS} more` : '';
    throw new PlanInputError(`not a valid Terraform plan: ${listed}${more}`);
  }
  return {
    formatVersion: version,
    ...(typeof json.terraform_version === 'string' ? { terraformVersion: json.terraform_version } : {}),
    errored: json.errored === true,
    changes,
    deferredCount: Array.isArray(deferred) ? deferred.length : 0,
  };
}

function optionalString(entry: Record<string, unknown>, key: string, at: string, problems: string[]): string | undefined {
  const value = entry[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') {
    problems.push(`${at}.${key} must be a string, got ${describe(value)}`);
    return undefined;
  }
  return value;
}

function optionalObject(change: Record<string, unknown>, key: string, at: string, problems: string[]): Record<string, unknown> | undefined {
  const value = change[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) {
    problems.push(`${at}.change.${key} must be an object or null, got ${describe(value)}`);
    return undefined;
  }
  return value;
}

function readChange(entry: unknown, at: string, problems: string[]): PlanResourceChange | undefined {
  if (!isObject(entry)) {
    problems.push(`${at} must be an object, got ${describe(entry)}`);
    return undefined;
  }
  const before = problems.length;
  const address = entry.address;
  if (typeof address !== 'string' || address === '') problems.push(`${at}.address must be a non-empty string, got ${describe(address)}`);
  const type = entry.type;
  if (typeof type !== 'string') problems.push(`${at}.type must be a string, got ${describe(type)}`);
  const change = entry.change;
  let actions: string[] = [];
  let values: { before?: Record<string, unknown>; after?: Record<string, unknown> } = {};
  if (!isObject(change)) {
    problems.push(`${at}.change must be an object, got ${describe(change)}`);
  } else {
    const list = change.actions;
    if (!Array.isArray(list) || list.length === 0 || !list.every((a) => typeof a === 'string')) {
      problems.push(`${at}.change.actions must be a non-empty list of strings, got ${describe(list)}`);
    } else {
      actions = list as string[];
    }
    const b = optionalObject(change, 'before', at, problems);
    const a = optionalObject(change, 'after', at, problems);
    values = { ...(b ? { before: b } : {}), ...(a ? { after: a } : {}) };
  }
  const name = optionalString(entry, 'name', at, problems);
  const mode = optionalString(entry, 'mode', at, problems);
  const actionReason = optionalString(entry, 'action_reason', at, problems);
  const deposed = optionalString(entry, 'deposed', at, problems);
  const previousAddress = optionalString(entry, 'previous_address', at, problems);
  if (problems.length > before) return undefined;
  const c = change as Record<string, unknown>;
  return {
    address: address as string,
    mode: mode ?? 'managed',
    type: type as string,
    name: name ?? '',
    actions,
    ...values,
    ...(c.after_unknown !== undefined ? { afterUnknown: c.after_unknown } : {}),
    ...(actionReason !== undefined ? { actionReason } : {}),
    ...(deposed !== undefined ? { deposed } : {}),
    ...(previousAddress !== undefined ? { previousAddress } : {}),
  };
}
