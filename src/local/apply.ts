import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findCycle, walkGraph, type Step } from './graph';
import type { Triggers } from './jsonencode';
import { formatElapsed, consoleSink, type OutputSink } from './output';
import type { Plan, ResourceChange } from './plan';
import { runLocalExec } from './provisioner';
import { dependencyClosure, type ResourceConfig, type StackConfig } from './stack-config';
import { acquireStateLock } from './state-lock';
import { type LocalState, randomResourceId, readState, withResource, writeState } from './state';

/**
 * Applying a plan the way Terraform applies it to `null_resource`s:
 *
 * - a replace is a destroy step then a create step; creates follow `depends_on`, destroys go the other way
 *   (a resource's dependents are destroyed before it), so replacing a resource and its dependents destroys
 *   the dependents first and creates them last;
 * - a destroy runs the resource's destroy-time provisioners from the *current* configuration with the
 *   *state's* triggers as `self.triggers`, then removes it from the state; a failure keeps it in the state;
 *   a tainted resource's destroy provisioners are skipped, and a resource gone from the configuration has
 *   none left to run (a warning says so);
 * - a create runs the create-time provisioners with the configuration's triggers; a failure records the
 *   resource as tainted (replaced by the next apply);
 * - a failed step skips the steps that depend on it, other steps go on, and the result is a failure;
 * - the state is written atomically after every step. A resource enters the state only once its create
 *   provisioners have finished, so a runner killed mid-create leaves no record and the next apply creates
 *   it again (Terraform, too, leaves no record unless a periodic state save happened mid-provisioner).
 */

export interface ApplyOptions {
  /** The state file (see defaultStatePath). */
  readonly statePath: string;
  /** @default consoleSink() */
  readonly sink?: OutputSink;
  /**
   * How many steps may run at once. The default is Terraform's own (10): the runner stands in for
   * `terraform apply`, so independent resources run concurrently here as they will in a real deployment.
   * @default 10
   */
  readonly parallelism?: number;
  /** Aborting stops new steps from starting; running provisioners are waited for (Terraform's first Ctrl-C). */
  readonly signal?: AbortSignal;
  /** The environment provisioners inherit. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** How often "Still creating..." is printed. @default 10000 */
  readonly progressIntervalMs?: number;
}

export const DEFAULT_PARALLELISM = 10;

export interface StepError {
  readonly address: string;
  readonly step: 'create' | 'destroy';
  readonly message: string;
}

export interface ApplySummary {
  /** Every planned step succeeded. */
  readonly ok: boolean;
  readonly added: number;
  readonly changed: number;
  readonly destroyed: number;
  /** Resources whose create provisioners failed this time, now tainted in the state. */
  readonly tainted: readonly string[];
  readonly errors: readonly StepError[];
  /** Steps not run because a step they depend on failed, or because of an interrupt: `create null_resource.B`. */
  readonly notRun: readonly string[];
  readonly interrupted: boolean;
  /** The state as written at the end. */
  readonly state: LocalState;
}

export class StalePlanError extends Error {
  override readonly name = 'StalePlanError';
}

interface StepValue {
  readonly kind: 'create' | 'destroy';
  readonly change: ResourceChange;
}

/** Applies `plan` (made from this config and the state at `options.statePath`) and returns what happened. */
export async function applyPlan(config: StackConfig, plan: Plan, options: ApplyOptions): Promise<ApplySummary> {
  const sink = options.sink ?? consoleSink();
  const parallelism = options.parallelism ?? DEFAULT_PARALLELISM;
  if (!Number.isSafeInteger(parallelism) || parallelism < 1) {
    throw new RangeError(`parallelism must be a whole number of at least 1, got ${parallelism}`);
  }
  if (plan.stack !== config.stackName) {
    throw new StalePlanError(`the plan is for stack "${plan.stack}", the configuration is stack "${config.stackName}"`);
  }
  // An explicit state path may name a new directory; the default one exists (defaultStatePath checks it).
  fs.mkdirSync(path.dirname(options.statePath), { recursive: true });
  const lock = acquireStateLock(options.statePath, plan.mode);
  try {
    if (lock.tookOver) {
      const t = lock.tookOver;
      sink(`Warning: took over the lock of process ${t.pid} (${t.operation} since ${t.created}), which is no longer running`, 'warning');
    }
    let state = readState(options.statePath, config.stackName);
    if (state.lineage !== plan.stateLineage || state.serial !== plan.stateSerial) {
      throw new StalePlanError(
        `the state ${options.statePath} changed since the plan was made (serial ${plan.stateSerial} -> ${state.serial}); plan again`,
      );
    }
    if (state.lineage === '') state = { ...state, lineage: crypto.randomUUID() };
    return await runSteps(config, plan, state, { ...options, sink, parallelism });
  } finally {
    lock.release();
  }
}

type RunOptions = ApplyOptions & { readonly sink: OutputSink; readonly parallelism: number };

async function runSteps(config: StackConfig, plan: Plan, initial: LocalState, options: RunOptions): Promise<ApplySummary> {
  const { sink } = options;
  const resources = new Map(config.resources.map((r) => [r.address, r]));
  const closure = dependencyClosure(config.resources);
  const steps = buildSteps(config, plan, initial);
  let state = initial;
  let added = 0;
  let destroyed = 0;
  const tainted: string[] = [];
  const errors: StepError[] = [];
  const save = (address: string, record: Parameters<typeof withResource>[2]): void => {
    state = withResource(state, address, record);
    writeState(options.statePath, state);
  };

  let interruptNoted = false;
  const shouldStart = (): boolean => {
    if (!options.signal?.aborted) return true;
    if (!interruptNoted) {
      interruptNoted = true;
      sink('Interrupt received: no new steps will start; waiting for the running ones to finish...', 'warning');
    }
    return false;
  };

  const run = async (step: Step<StepValue>): Promise<boolean> => {
    const { kind, change } = step.value;
    const address = change.address;
    const started = Date.now();
    const current = state.resources[address];
    if (kind === 'destroy' && change.createBeforeDestroy === true) {
      // The replaced object, deposed once its replacement was created: dropped without its destroy provisioners.
      sink(`${address} (deposed object): Destroying... [id=${change.id ?? ''}]`, 'info');
      destroyed += 1;
      sink(`${address} (deposed object): Destruction complete after ${formatElapsed(Date.now() - started)}`, 'info');
      return true;
    }
    if (kind === 'destroy') {
      if (current === undefined) return true; // already gone: nothing to do
      sink(`${address}: Destroying... [id=${current.id}]`, 'info');
      const ticker = progress(sink, () => `${address}: Still destroying... [id=${current.id}, ${formatElapsed(Date.now() - started)} elapsed]`, options);
      try {
        if (change.destroyProvisioners === 'skipped-not-in-configuration') {
          sink(
            `Warning: ${address} is no longer in the configuration, so its destroy-time provisioners (if it had any) ` +
              'do not run: Terraform behaves the same. Whatever they would have removed is left in place, except that ' +
              "a removed cdktf-cos-media template is deleted by its stack's template list (CosMediaTemplates) when the stack keeps one.",
            'warning',
          );
        }
        if (change.destroyProvisioners === 'run') {
          const failure = await runProvisioners(resources.get(address), 'destroy', current.triggers, current.id, config, options);
          if (failure) {
            errors.push({ address, step: 'destroy', message: failure });
            return false;
          }
        }
      } finally {
        clearInterval(ticker);
      }
      save(address, undefined);
      destroyed += 1;
      sink(`${address}: Destruction complete after ${formatElapsed(Date.now() - started)}`, 'info');
      return true;
    }

    const resource = resources.get(address) as ResourceConfig;
    sink(`${address}: Creating...`, 'info');
    const ticker = progress(sink, () => `${address}: Still creating... [${formatElapsed(Date.now() - started)} elapsed]`, options);
    let failure: string | undefined;
    // The id exists before the provisioners run, as in Terraform (`self.id` is available to them).
    const id = randomResourceId(resource.type);
    try {
      failure = await runProvisioners(resource, 'create', resource.triggers, id, config, options);
    } finally {
      clearInterval(ticker);
    }
    const dependencies = closure.get(address) ?? [];
    save(address, { id, triggers: resource.triggers, tainted: failure !== undefined, dependencies });
    if (failure) {
      tainted.push(address);
      errors.push({ address, step: 'create', message: failure });
      sink(`${address}: marked as tainted in the state: the next apply replaces it`, 'warning');
      return false;
    }
    added += 1;
    sink(`${address}: Creation complete after ${formatElapsed(Date.now() - started)} [id=${id}]`, 'info');
    return true;
  };

  const outcome = await walkGraph(steps, { parallelism: options.parallelism, run, shouldStart });
  const notRun = steps.filter((s) => outcome.get(s.key) === 'skipped').map((s) => s.key);
  const interrupted = interruptNoted;
  const ok = errors.length === 0 && notRun.length === 0;
  report(sink, plan, { added, destroyed, errors, notRun, interrupted, ok, tainted });
  return { ok, added, changed: 0, destroyed, tainted, errors, notRun, interrupted, state };
}

/** Runs the `when` provisioners of a resource in order; returns the failure message of the first that fails. */
async function runProvisioners(
  resource: ResourceConfig | undefined,
  when: 'create' | 'destroy',
  selfTriggers: Triggers | null,
  selfId: string,
  config: StackConfig,
  options: RunOptions,
): Promise<string | undefined> {
  if (!resource) return undefined;
  const list = resource.provisioners.filter((p) => p.when === when);
  for (const [i, provisioner] of list.entries()) {
    const result = await runLocalExec({
      address: resource.address,
      provisioner,
      selfTriggers,
      selfId,
      stackDir: config.dir,
      baseEnv: options.env ?? process.env,
      sink: options.sink,
    });
    if (result.ok) continue;
    const message =
      `local-exec provisioner error (${when}-time provisioner ${i + 1} of ${list.length}): ` +
      `Error running command ${JSON.stringify(provisioner.command)}: ${result.reason}.`;
    if (provisioner.onFailure === 'continue') {
      options.sink(`Warning: ${resource.address}: ${message} Continuing: on_failure = "continue".`, 'warning');
      continue;
    }
    return message;
  }
  return undefined;
}

/**
 * The steps of a plan and their order (dependencies are transitive, as Terraform records them, so ordering
 * holds across resources that do not change):
 * - replace: destroy before create;
 * - create after the creates of the resources it depends on (configuration);
 * - destroy after the destroys of the resources that depend on it (the state's recorded dependencies, and
 *   the configuration's for resources still in it — if both together form a cycle, the state's alone, as
 *   Terraform uses);
 * - create after the destroy of a resource its old self depended on (Terraform's creator/destroyer edge).
 * A create-before-destroy replace turns its own pair around: the create comes first and the destroy (of the
 * deposed object, which runs no provisioners) after it; no create waits for such a destroy.
 * Destroy steps come first among steps that are ready at the same time.
 */
export function buildSteps(config: StackConfig, plan: Plan, state: LocalState): Step<StepValue>[] {
  const closure = dependencyClosure(config.resources);
  const creates = plan.changes.filter((c) => c.action !== 'delete');
  const destroys = plan.changes.filter((c) => c.action !== 'create');
  const creating = new Set(creates.map((c) => c.address));
  const destroying = new Set(destroys.map((c) => c.address));
  const deposing = new Set(destroys.filter((c) => c.action === 'replace' && c.createBeforeDestroy === true).map((c) => c.address));
  const stateDeps = (a: string): readonly string[] => state.resources[a]?.dependencies ?? [];

  const createSteps = (): Step<StepValue>[] =>
    config.resources
      .filter((r) => creating.has(r.address))
      .map((r) => {
        const change = creates.find((c) => c.address === r.address) as ResourceChange;
        const after = [
          ...(change.action === 'replace' && !deposing.has(r.address) ? [destroyKey(r.address)] : []),
          ...(closure.get(r.address) ?? []).filter((d) => creating.has(d)).map(createKey),
          ...stateDeps(r.address).filter((d) => destroying.has(d) && !deposing.has(d) && d !== r.address).map(destroyKey),
        ];
        return { key: createKey(r.address), after, value: { kind: 'create', change } };
      });

  const destroySteps = (useConfig: boolean): Step<StepValue>[] =>
    destroys.map((change) => {
      const dependents = destroys
        .filter((other) => {
          const deps = new Set(stateDeps(other.address));
          if (useConfig) for (const d of closure.get(other.address) ?? []) deps.add(d);
          return other.address !== change.address && deps.has(change.address);
        })
        .map((other) => destroyKey(other.address));
      const after = deposing.has(change.address) ? [createKey(change.address), ...dependents] : dependents;
      return { key: destroyKey(change.address), after, value: { kind: 'destroy', change } };
    });

  const withConfig = [...destroySteps(true), ...createSteps()];
  if (!findCycle(withConfig)) return withConfig;
  return [...destroySteps(false), ...createSteps()];
}

const createKey = (address: string): string => `create ${address}`;
const destroyKey = (address: string): string => `destroy ${address}`;

function progress(sink: OutputSink, line: () => string, options: RunOptions): ReturnType<typeof setInterval> {
  const timer = setInterval(() => sink(line(), 'info'), options.progressIntervalMs ?? 10_000);
  timer.unref();
  return timer;
}

function report(
  sink: OutputSink,
  plan: Plan,
  r: {
    added: number;
    destroyed: number;
    errors: readonly StepError[];
    notRun: readonly string[];
    interrupted: boolean;
    ok: boolean;
    tainted: readonly string[];
  },
): void {
  const counts =
    plan.mode === 'destroy' ? `Resources: ${r.destroyed} destroyed.` : `Resources: ${r.added} added, 0 changed, ${r.destroyed} destroyed.`;
  const verb = plan.mode === 'destroy' ? 'Destroy' : 'Apply';
  if (r.ok) {
    sink('', 'info');
    sink(`${verb} complete! ${counts}`, 'info');
    return;
  }
  for (const e of r.errors) {
    sink('', 'error');
    sink(`Error: ${e.message}`, 'error');
    sink(`  with ${e.address} (${e.step})`, 'error');
  }
  sink('', 'error');
  const parts = [`${verb} ${r.interrupted ? 'interrupted' : 'failed'}. ${counts}`];
  if (r.tainted.length > 0) parts.push(`Tainted: ${r.tainted.join(', ')}.`);
  if (r.notRun.length > 0) parts.push(`Not run: ${r.notRun.join(', ')}.`);
  sink(parts.join(' '), 'error');
}
