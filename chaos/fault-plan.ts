/**
 * A run's fault rules, drawn from its seed: which failures are on and how often. Every kind the issue names
 * is on the menu (5xx, SlowDown, connection resets, latency, commit-then-drop) across the operations the
 * handler uses: job submission, the ledger objects, template create/find/delete, the media bucket.
 * Rates stay low enough that each apply makes progress; a run converges by re-applying, as a pipeline would.
 */
import type { FaultRuleJson } from './emulator-process';
import type { Random } from './random';

interface MenuItem {
  readonly operation: string;
  readonly hostKind?: string;
  readonly effect: FaultRuleJson['effect'];
  /** Probability range per matching request. */
  readonly rate: readonly [number, number];
  /** How likely this item is part of a run. */
  readonly include: number;
}

const err = (status: number, code: string): FaultRuleJson['effect'] => ({ type: 'error', status, code });

const MENU: readonly MenuItem[] = [
  // Job submission: the paid, non-idempotent call.
  { operation: 'CreateMediaJobs', effect: { type: 'commitThenDrop' }, rate: [0.02, 0.08], include: 0.9 },
  { operation: 'CreateMediaJobs', effect: err(503, 'ServiceUnavailable'), rate: [0.01, 0.05], include: 0.7 },
  { operation: 'CreateMediaJobs', effect: err(500, 'InternalError'), rate: [0.01, 0.04], include: 0.5 },
  { operation: 'CreateMediaJobs', effect: { type: 'reset' }, rate: [0.01, 0.04], include: 0.7 },
  // Throttling on both hosts.
  { operation: '*', hostKind: 'ci', effect: err(429, 'SlowDown'), rate: [0.01, 0.05], include: 0.7 },
  { operation: '*', hostKind: 'cos', effect: err(503, 'SlowDown'), rate: [0.01, 0.04], include: 0.5 },
  // Waiting and reconciling.
  { operation: 'DescribeMediaJob', effect: { type: 'reset' }, rate: [0.02, 0.1], include: 0.6 },
  { operation: 'DescribeMediaJobs', effect: err(503, 'ServiceUnavailable'), rate: [0.02, 0.08], include: 0.6 },
  // The ledger (objects in the output bucket).
  { operation: 'PutObject', effect: err(500, 'InternalError'), rate: [0.01, 0.04], include: 0.6 },
  { operation: 'PutObject', effect: { type: 'commitThenDrop' }, rate: [0.01, 0.04], include: 0.5 },
  { operation: 'GetObject', effect: { type: 'reset' }, rate: [0.01, 0.05], include: 0.5 },
  { operation: 'ListObjects', effect: err(503, 'ServiceUnavailable'), rate: [0.02, 0.1], include: 0.5 },
  // Templates: create, find by name, delete.
  { operation: 'CreateMediaTemplate', effect: { type: 'commitThenDrop' }, rate: [0.1, 0.35], include: 0.8 },
  { operation: 'CreateMediaTemplate', effect: err(503, 'ServiceUnavailable'), rate: [0.05, 0.2], include: 0.5 },
  { operation: 'DescribeMediaTemplates', effect: { type: 'reset' }, rate: [0.03, 0.12], include: 0.6 },
  { operation: 'DeleteMediaTemplate', effect: { type: 'commitThenDrop' }, rate: [0.1, 0.35], include: 0.7 },
  { operation: 'DeleteMediaTemplate', effect: err(500, 'InternalError'), rate: [0.05, 0.2], include: 0.5 },
  // The media bucket.
  { operation: 'CreateMediaBucket', effect: { type: 'commitThenDrop' }, rate: [0.2, 0.5], include: 0.4 },
  { operation: 'DescribeMediaBuckets', effect: err(503, 'ServiceUnavailable'), rate: [0.05, 0.2], include: 0.4 },
  // Slow answers anywhere.
  { operation: '*', hostKind: '*', effect: { type: 'latency', ms: 0 }, rate: [0.02, 0.1], include: 0.7 },
];

/** The rules of one run (always at least one of each kind the issue names). */
export function drawFaultRules(rng: Random): FaultRuleJson[] {
  const rules: FaultRuleJson[] = [];
  for (const item of MENU) {
    if (!rng.chance(item.include)) continue;
    const effect = item.effect.type === 'latency' ? { type: 'latency', ms: rng.int(20, 250) } : item.effect;
    rules.push({
      operation: item.operation,
      ...(item.hostKind !== undefined ? { hostKind: item.hostKind } : {}),
      probability: Number(rng.between(...item.rate).toFixed(3)),
      effect,
    });
  }
  // The kinds every run must exercise, whatever was drawn.
  const has = (type: string): boolean => rules.some((r) => r.effect.type === type);
  if (!has('commitThenDrop')) rules.push({ operation: 'CreateMediaJobs', probability: 0.05, effect: { type: 'commitThenDrop' } });
  if (!has('reset')) rules.push({ operation: 'CreateMediaJobs', probability: 0.02, effect: { type: 'reset' } });
  if (!has('latency')) rules.push({ operation: '*', hostKind: '*', probability: 0.05, effect: { type: 'latency', ms: 50 } });
  if (!rules.some((r) => r.effect.code === 'SlowDown')) {
    rules.push({ operation: '*', hostKind: 'ci', probability: 0.02, effect: err(429, 'SlowDown') });
  }
  if (!rules.some((r) => typeof r.effect.status === 'number' && (r.effect.status as number) >= 500 && r.effect.code !== 'SlowDown')) {
    rules.push({ operation: 'CreateMediaJobs', probability: 0.03, effect: err(503, 'ServiceUnavailable') });
  }
  return rules;
}

/**
 * A "slow submission" in some runs (one in five): one `POST /jobs` (a random one of the first twenty) is held
 * past the handler's response timeout and then committed, as a slow service would. The handler sees an
 * unknown outcome and the job appears only later — but within the handler's settle window (twice the
 * response timeout, COS_MEDIA_SUBMIT_SETTLE_MS): a service slower than the window it was told to allow
 * cannot be told apart from a lost request by any client. Rules are re-posted after an emulator restart, so a
 * restarted emulator may hold a second submission (the run does not kill the emulator when it has one).
 */
export function drawSlowSubmit(rng: Random, responseTimeoutMs: number): FaultRuleJson | undefined {
  if (!rng.chance(0.2)) return undefined;
  return {
    operation: 'CreateMediaJobs',
    skip: rng.int(0, 20),
    times: 1,
    effect: { type: 'latency', ms: responseTimeoutMs + rng.int(2_000, responseTimeoutMs - 3_000) },
  };
}
