import { applyPlan, type ApplyOptions, type ApplySummary } from './apply';
import { formatPlan } from './format-plan';
import { consoleSink } from './output';
import { planChanges, type Plan } from './plan';
import type { StackConfig } from './stack-config';
import { defaultStatePath, readState, type LocalState } from './state';

/**
 * What `cos-media plan|apply|destroy` do, as functions for the demo and for tests: plan against the stack's
 * state, print the plan, apply it (no prompt, like `-auto-approve`).
 */

export interface StackRunOptions extends Omit<ApplyOptions, 'statePath'> {
  /** @default defaultStatePath(config) */
  readonly statePath?: string;
}

export interface StackPlan {
  readonly statePath: string;
  readonly state: LocalState;
  readonly plan: Plan;
}

export interface StackRunResult extends StackPlan {
  readonly summary: ApplySummary;
}

/** Reads the stack's state and plans; prints nothing. */
export function planStack(config: StackConfig, options: { statePath?: string; mode?: 'apply' | 'destroy' } = {}): StackPlan {
  const statePath = options.statePath ?? defaultStatePath(config);
  const state = readState(statePath, config.stackName);
  return { statePath, state, plan: planChanges(config, state, { mode: options.mode }) };
}

/** Plans, prints the plan, applies it. */
export function applyStack(config: StackConfig, options: StackRunOptions = {}): Promise<StackRunResult> {
  return run(config, 'apply', options);
}

/** Destroys everything in the state, in reverse dependency order, with the current configuration's provisioners. */
export function destroyAll(config: StackConfig, options: StackRunOptions = {}): Promise<StackRunResult> {
  return run(config, 'destroy', options);
}

async function run(config: StackConfig, mode: 'apply' | 'destroy', options: StackRunOptions): Promise<StackRunResult> {
  const sink = options.sink ?? consoleSink();
  const planned = planStack(config, { statePath: options.statePath, mode });
  for (const line of formatPlan(planned.plan).split('\n')) sink(line, 'info');
  sink('', 'info');
  const summary = await applyPlan(config, planned.plan, { ...options, sink, statePath: planned.statePath });
  return { ...planned, summary };
}
