/**
 * What every construct of this library shares: one `null_resource` (id `Resource`) whose triggers are the
 * resource's flat spec, and whose create/destroy `local-exec` provisioners run the bundled handler.
 */
import { TerraformStack, Token, type ITerraformDependable } from 'cdktf';
import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource } from '@cdktf/provider-null/lib/resource';
import type { Construct, IConstruct } from 'constructs';
import {
  encodeResourceTriggers,
  SpecValidationError,
  type Problem,
  type ResourceKind,
  type ValidateOptions,
  type XmlObject,
} from '../model';
import { escapeTriggers } from './escape';
import { handlerAssetPath } from './handler-asset';
import { triggerSizeProblems } from './trigger-size';

/** Something a media resource can depend on: another construct of this library. */
export interface IMediaDependable extends IConstruct {
  /** The `null_resource` behind it. */
  readonly resource: ITerraformDependable;
}

/** Validation options for the model: values that are still cdktf tokens are not checked at synth. */
export const SKIP_TOKENS: ValidateOptions = { isUnresolved: (value: string) => Token.isUnresolved(value) };

/** Throws one error listing every problem, prefixed with the construct path. */
export function throwIfProblems(scope: IConstruct, problems: readonly Problem[]): void {
  if (problems.length > 0) throw new SpecValidationError(problems, scope.node.path);
}

const PROVIDER_ID = 'CosMediaNullProvider';

/** Stacks known to have a null provider: looking through every construct each time made synth quadratic. */
const STACKS_WITH_NULL = new WeakSet<TerraformStack>();

function ensureNullProvider(scope: IConstruct): void {
  const stack = TerraformStack.of(scope);
  if (STACKS_WITH_NULL.has(stack)) return;
  const hasNull = stack.node
    .findAll()
    .some((c) => c instanceof NullProvider || (c as { terraformResourceType?: string }).terraformResourceType === 'null');
  if (!hasNull) new NullProvider(stack, PROVIDER_ID);
  STACKS_WITH_NULL.add(stack);
}

export interface MediaResourceOptions {
  readonly kind: ResourceKind;
  /** Lower-case settings of ours (`bucket`, `region`, …). */
  readonly settings: Readonly<Record<string, string>>;
  /** The wire spec, flattened into upper-case keys. */
  readonly spec?: XmlObject;
  readonly dependsOn?: readonly (IMediaDependable | undefined)[];
  /** Sent as `COS_MEDIA_ENDPOINT` to the handler; not a trigger, so changing it replaces nothing. */
  readonly endpoint?: string;
  /** What to tell the user when the triggers are too large (`trigger-size.ts`). @default - make the largest properties smaller */
  readonly sizeAdvice?: string;
}

export interface MediaResource {
  readonly resource: Resource;
  /** The unescaped trigger map, as the handler will receive it. */
  readonly triggers: Readonly<Record<string, string>>;
}

/** Creates the `Resource` child of `scope`. */
export function createMediaResource(scope: Construct, options: MediaResourceOptions): MediaResource {
  ensureNullProvider(scope);
  const triggers = encodeResourceTriggers(options.kind, { construct: scope.node.path, ...options.settings }, options.spec);
  throwIfProblems(scope, triggerSizeProblems(triggers, options.sizeAdvice));
  const handler = handlerAssetPath(scope);
  const environment: Record<string, string> = { COS_MEDIA_TRIGGERS: '${jsonencode(self.triggers)}' };
  if (options.endpoint !== undefined) environment.COS_MEDIA_ENDPOINT = escapeTriggers({ e: options.endpoint }).e as string;
  const dependsOn = (options.dependsOn ?? [])
    .filter((d): d is IMediaDependable => d !== undefined)
    .map((d) => d.resource);
  const resource = new Resource(scope, 'Resource', {
    triggers: escapeTriggers(triggers),
    dependsOn: dependsOn.length > 0 ? [...new Set(dependsOn)] : undefined,
    provisioners: [
      { type: 'local-exec', interpreter: ['node', handler], command: 'create', environment },
      { type: 'local-exec', when: 'destroy', interpreter: ['node', handler], command: 'delete', environment },
    ],
  });
  return { resource, triggers };
}
