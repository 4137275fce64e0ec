/**
 * Fault injection, driven by `/_emulator/faults`. A rule matches requests by operation name (`CreateMediaJobs`,
 * `PutObject`, … or `*`), host kind (`cos`, `ci`, `pic`, `ci-service`, `*`) and optionally bucket; it fires on
 * the first `times` matches (after letting `skip` through), or with a `probability` drawn from a seeded
 * generator so a run is repeatable. Effects:
 *
 * - `error` — answer `status` + `code` (an `<Error>` body) without executing the request;
 * - `latency` — wait `ms` before handling (combines with other rules);
 * - `reset` — destroy the connection (TCP RST) without executing;
 * - `commitThenDrop` — execute and persist the request, then destroy the connection without an answer;
 * - `failJob` — only for the pseudo-operation `RunMediaJob`: the job ends `Failed` with `code` / `message`.
 */
import type { Problem } from '../model';
import { ApiError, type HostKind } from './errors';
import { problemsMessage } from './validation';

export type FaultEffect =
  | { readonly type: 'error'; readonly status: number; readonly code: string; readonly message?: string }
  | { readonly type: 'latency'; readonly ms: number }
  | { readonly type: 'reset' }
  | { readonly type: 'commitThenDrop' }
  | { readonly type: 'failJob'; readonly code: string; readonly message?: string };

export interface FaultRuleSpec {
  readonly id?: string;
  readonly operation?: string;
  readonly hostKind?: HostKind | '*';
  readonly bucket?: string;
  readonly skip?: number;
  readonly times?: number;
  readonly probability?: number;
  readonly effect: FaultEffect;
}

export interface FaultRule extends Required<Pick<FaultRuleSpec, 'id' | 'operation' | 'hostKind' | 'effect'>> {
  readonly bucket?: string;
  readonly skip: number;
  readonly times?: number;
  readonly probability?: number;
  /** Requests (or jobs) that matched so far. */
  matched: number;
  /** How often the rule fired. */
  fired: number;
}

/** The pseudo-operation a `failJob` rule matches: a job reaching its end. */
export const RUN_JOB_OPERATION = 'RunMediaJob';

const HOST_KINDS = ['cos', 'ci', 'pic', 'ci-service', '*'];
const EFFECT_TYPES = ['error', 'latency', 'reset', 'commitThenDrop', 'failJob'];

/** mulberry32: small, fast, and the same sequence for the same seed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultInjector {
  private rules: FaultRule[] = [];
  private random: () => number;
  private seedValue: number;
  private nextId = 1;

  constructor(seed = 1) {
    this.seedValue = seed;
    this.random = seeded(seed);
  }

  get seed(): number {
    return this.seedValue;
  }

  /** Restarts the random sequence (a repeatable run). */
  setSeed(seed: number): void {
    this.seedValue = seed;
    this.random = seeded(seed);
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  /** Checks and adds rules; throws `InvalidArgument` naming every bad field, adding none. */
  add(specs: readonly unknown[]): FaultRule[] {
    const problems: Problem[] = [];
    specs.forEach((spec, i) => problems.push(...checkRule(spec, `rules.${i}`)));
    if (problems.length > 0) throw new ApiError('InvalidArgument', problemsMessage(problems));
    const added = (specs as FaultRuleSpec[]).map((s) => ({
      id: s.id ?? `f${this.nextId++}`,
      operation: s.operation ?? '*',
      hostKind: s.hostKind ?? '*',
      bucket: s.bucket,
      skip: s.skip ?? 0,
      times: s.times,
      probability: s.probability,
      effect: s.effect,
      matched: 0,
      fired: 0,
    }));
    this.rules.push(...added);
    return added;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  /** The effects of every rule that fires for this request (in rule order). */
  pick(operation: string, kind: HostKind, bucket: string | undefined): FaultEffect[] {
    const fired: FaultEffect[] = [];
    for (const rule of this.rules) {
      if (rule.operation !== '*' && rule.operation !== operation) continue;
      if (rule.operation === '*' && operation === RUN_JOB_OPERATION) continue;
      if (rule.hostKind !== '*' && rule.hostKind !== kind) continue;
      if (rule.bucket !== undefined && rule.bucket !== bucket) continue;
      rule.matched++;
      if (rule.matched <= rule.skip) continue;
      if (rule.times !== undefined && rule.fired >= rule.times) continue;
      if (rule.probability !== undefined && !(this.random() < rule.probability)) continue;
      rule.fired++;
      fired.push(rule.effect);
    }
    return fired;
  }
}

function checkRule(spec: unknown, path: string): Problem[] {
  const problems: Problem[] = [];
  const add = (p: string, rule: string, value: unknown): void => void problems.push({ path: `${path}.${p}`, rule, value });
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    return [{ path, rule: 'must be an object', value: spec }];
  }
  const r = spec as Record<string, unknown>;
  const known = ['id', 'operation', 'hostKind', 'bucket', 'skip', 'times', 'probability', 'effect'];
  for (const k of Object.keys(r)) if (!known.includes(k)) add(k, `is not a rule field (${known.join(', ')})`, r[k]);
  for (const k of ['id', 'operation', 'bucket']) if (r[k] !== undefined && typeof r[k] !== 'string') add(k, 'must be a string', r[k]);
  if (r.hostKind !== undefined && !HOST_KINDS.includes(r.hostKind as string)) add('hostKind', `must be one of ${HOST_KINDS.join(', ')}`, r.hostKind);
  for (const k of ['skip', 'times']) {
    if (r[k] !== undefined && !(Number.isInteger(r[k]) && (r[k] as number) >= 0)) add(k, 'must be an integer ≥ 0', r[k]);
  }
  if (r.probability !== undefined && !(typeof r.probability === 'number' && r.probability >= 0 && r.probability <= 1)) {
    add('probability', 'must be a number in [0, 1]', r.probability);
  }
  const e = r.effect as Record<string, unknown> | undefined;
  if (typeof e !== 'object' || e === null || Array.isArray(e)) {
    add('effect', `must be an object with a type (${EFFECT_TYPES.join(', ')})`, e);
    return problems;
  }
  if (!EFFECT_TYPES.includes(e.type as string)) add('effect.type', `must be one of ${EFFECT_TYPES.join(', ')}`, e.type);
  const jobRule = r.operation === RUN_JOB_OPERATION;
  if (e.type === 'failJob' && !jobRule) add('operation', `must be ${RUN_JOB_OPERATION} for a failJob effect`, r.operation);
  if (e.type !== 'failJob' && jobRule) add('effect.type', `must be failJob for operation ${RUN_JOB_OPERATION}`, e.type);
  if (e.type === 'error' && !(Number.isInteger(e.status) && (e.status as number) >= 400 && (e.status as number) <= 599)) {
    add('effect.status', 'must be an HTTP error status in [400, 599]', e.status);
  }
  if ((e.type === 'error' || e.type === 'failJob') && !(typeof e.code === 'string' && /^[A-Za-z0-9.]+$/.test(e.code))) {
    add('effect.code', 'must be an error code such as InternalError', e.code);
  }
  if (e.message !== undefined && typeof e.message !== 'string') add('effect.message', 'must be a string', e.message);
  if (e.type === 'latency' && !(Number.isInteger(e.ms) && (e.ms as number) >= 0 && (e.ms as number) <= 600_000)) {
    add('effect.ms', 'must be an integer in [0, 600000]', e.ms);
  }
  return problems;
}
