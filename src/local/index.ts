// The local runner: an offline stand-in for terraform plan/apply/destroy on a synthesized cdktf stack.
export { loadStack, parseStack, dependencyClosure, StackConfigError, STACK_FILE } from './stack-config';
export type { StackConfig, ResourceConfig, LocalExecProvisioner, EnvironmentValue, BackendConfig } from './stack-config';
export { parseTemplate, literalValue, escapeTemplate, TRIGGERS_EXPRESSION } from './template';
export type { ParsedTemplate } from './template';
export { jsonencodeTriggers, compareUtf8 } from './jsonencode';
export type { Triggers } from './jsonencode';
export {
  readState, writeState, emptyState, defaultStatePath, randomResourceId, withResource,
  StateFileError, StatePathError, STATE_FORMAT, STATE_VERSION,
} from './state';
export type { LocalState, ResourceState } from './state';
export { acquireStateLock, lockFileFor, StateLockedError } from './state-lock';
export type { StateLock, LockInfo } from './state-lock';
export { planChanges, diffTriggers, countChanges } from './plan';
export type { Plan, ResourceChange, TriggerChange, ChangeAction, ChangeReason, DestroyProvisioners, PlanCounts } from './plan';
export { formatPlan } from './format-plan';
export { planToJson, writePlanJson, PLAN_FORMAT_VERSION, LOCAL_RUNNER_VERSION } from './plan-json';
export type { JsonPlan, JsonResourceChange, PlanJsonOptions } from './plan-json';
export { applyPlan, buildSteps, StalePlanError, DEFAULT_PARALLELISM } from './apply';
export type { ApplyOptions, ApplySummary, StepError } from './apply';
export { planStack, applyStack, destroyAll } from './stack-runs';
export type { StackRunOptions, StackPlan, StackRunResult } from './stack-runs';
export { consoleSink, formatElapsed } from './output';
export type { OutputSink, LogLevel } from './output';
export { runLocalCommand, LOCAL_USAGE } from './cli';
export type { LocalCommandIo } from './cli';
