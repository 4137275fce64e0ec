/**
 * What every construct of this library shares: one backing resource (id `Resource`): a `null_resource` whose
 * `triggers`, or a `terraform_data` whose `triggers_replace`, are the resource's flat spec, and whose
 * create/destroy `local-exec` provisioners run the bundled handler. See ./backing.ts for the choice.
 */
import { DataResource, TerraformStack, dependable, type ITerraformDependable, type TerraformResource } from 'cdktf';
import type { Construct, IConstruct } from 'constructs';
import {
  encodeResourceTriggers,
  mapSha256,
  SpecValidationError,
  type Problem,
  type ResourceKind,
  type ValidateOptions,
  type XmlObject,
} from '../model';
import { escapeTriggers } from './escape';
import { handlerAssetPath } from './handler-asset';
import { backingOf, triggersAttribute, type Backing } from './backing';
import { registerDependencies } from './dependencies';
import { isToken, stringTokens, withStableTokens } from './tokens';
import { triggerSizeProblems } from './trigger-size';

/** Something a media resource can depend on: another construct of this library. */
export interface IMediaDependable extends IConstruct, ITerraformDependable {
  /** The `null_resource` or `terraform_data` behind it. */
  readonly resource: TerraformResource;
}

/** Validation options for the model: values that are still cdktf tokens are not checked at synth. */
export const SKIP_TOKENS: ValidateOptions = { isUnresolved: (value: string) => isToken(value) };

/** Throws one error listing every problem, prefixed with the construct path. */
export function throwIfProblems(scope: IConstruct, problems: readonly Problem[]): void {
  if (problems.length > 0) throw new SpecValidationError(problems, scope.node.path);
}

const PROVIDER_ID = 'CosMediaNullProvider';

/**
 * The version constraint of `hashicorp/null` written into `required_providers` when this library adds the
 * provider block: any 3.x from 3.2 on (the `null_resource` arguments we use are unchanged across them).
 */
export const NULL_PROVIDER_VERSION = '~> 3.2';

/** Stacks known to have a null provider: looking through every construct each time made synth quadratic. */
const STACKS_WITH_NULL = new WeakSet<TerraformStack>();

type NullProviderModule = typeof import('@cdktf/provider-null/lib/provider');
type NullResourceModule = typeof import('@cdktf/provider-null/lib/resource');

/** The loaded `@cdktf/provider-null` modules (a `require` per resource costs more than the lookup). */
let nullModules: { provider: NullProviderModule; resource: NullResourceModule } | undefined;

/**
 * `@cdktf/provider-null`, loaded only for the `null_resource` backing: it is an optional peer dependency, so
 * a stack on `terraform_data` needs no copy of it installed.
 */
function nullProvider(scope: IConstruct): { provider: NullProviderModule; resource: NullResourceModule } {
  if (nullModules !== undefined) return nullModules;
  try {
    nullModules = {
      provider: require('@cdktf/provider-null/lib/provider') as NullProviderModule,
      resource: require('@cdktf/provider-null/lib/resource') as NullResourceModule,
    };
    return nullModules;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw err;
    throw new Error(
      `${scope.node.path}: the "null_resource" backing needs the package @cdktf/provider-null, which is not installed. ` +
        'Install it (npm install @cdktf/provider-null), or choose the provider-free backing: ' +
        '"context": { "cdktf-cos-media:backing": "terraform_data" } in cdktf.json (read by `cdktf synth` and `cdktf deploy`), ' +
        "or useBacking(stack, 'terraform_data') in code.",
    );
  }
}

function ensureNullProvider(scope: IConstruct, mod: NullProviderModule): void {
  const stack = TerraformStack.of(scope);
  if (STACKS_WITH_NULL.has(stack)) return;
  const hasNull = stack.node
    .findAll()
    .some((c) => c instanceof mod.NullProvider || (c as { terraformResourceType?: string }).terraformResourceType === 'null');
  if (!hasNull) {
    new mod.NullProvider(stack, PROVIDER_ID);
    // The generated binding pins the exact version it was generated from; allow the supported range instead.
    stack.addOverride('terraform.required_providers.null.version', NULL_PROVIDER_VERSION);
  }
  STACKS_WITH_NULL.add(stack);
}

export interface MediaResourceOptions {
  readonly kind: ResourceKind;
  /** Lower-case settings of ours (`bucket`, `region`, …). */
  readonly settings: Readonly<Record<string, string>>;
  /** The wire spec, flattened into upper-case keys. */
  readonly spec?: XmlObject;
  readonly dependsOn?: readonly (IMediaDependable | undefined)[];
  /** The user's `dependsOn` prop (see ./dependencies.ts). */
  readonly userDependsOn?: readonly IConstruct[];
  /** Sent as `COS_MEDIA_ENDPOINT` to the handler; not a trigger, so changing it replaces nothing. */
  readonly endpoint?: string;
  /**
   * `lifecycle { create_before_destroy = true }`: a replacement runs the new create first, and Terraform then
   * drops the replaced object without running its destroy provisioner (observed with Terraform 1.11.4), so the
   * create itself must carry a change over (templates: update in place; jobs: cancel only what is released).
   */
  readonly createBeforeDestroy?: boolean;
  /** What to tell the user when the triggers are too large (`trigger-size.ts`). @default - make the largest properties smaller */
  readonly sizeAdvice?: string;
}

export interface MediaResource {
  readonly resource: TerraformResource;
  readonly backing: Backing;
  /** The unescaped trigger map, as the handler will receive it. */
  readonly triggers: Readonly<Record<string, string>>;
}

/**
 * The trigger map with `spec_sha256` computed over every token as one placeholder (see ./tokens.ts): token
 * numbers vary between synths, and what they stand for is in the map itself for Terraform to compare.
 */
function stableSpecSha256(triggers: Record<string, string>): Record<string, string> {
  if (!Object.values(triggers).some(isToken)) return triggers;
  const { spec_sha256: _synth, ...body } = triggers;
  return { ...triggers, spec_sha256: mapSha256(withStableTokens(body)) };
}

/** Each construct's trigger map (unescaped), for `MediaTesting` and tooling. */
const TRIGGERS = new WeakMap<IConstruct, Readonly<Record<string, string>>>();

/** The trigger map of one of our constructs, or undefined for any other construct. */
export function triggersOf(construct: IConstruct): Readonly<Record<string, string>> | undefined {
  return TRIGGERS.get(construct);
}

/** Creates the `Resource` child of `scope`, of the stack's backing type. */
export function createMediaResource(scope: Construct, options: MediaResourceOptions): MediaResource {
  const backing = backingOf(scope);
  const triggers = stableSpecSha256(encodeResourceTriggers(options.kind, { construct: scope.node.path, ...options.settings }, options.spec));
  throwIfProblems(scope, triggerSizeProblems(triggers, options.sizeAdvice));
  TRIGGERS.set(scope, triggers);
  const resource = createBackingResource(scope, backing, stringTokens(escapeTriggers(triggers)), options);
  return { resource, backing, triggers };
}

/**
 * The `Resource` child itself, for a trigger map already escaped for Terraform (a plain map, or a token that
 * resolves to one at synth, as the stack's template set uses).
 */
export function createBackingResource(
  scope: Construct,
  backing: Backing,
  triggersValue: Record<string, string>,
  options: Omit<MediaResourceOptions, 'kind' | 'settings' | 'spec' | 'sizeAdvice'>,
): TerraformResource {
  const handler = handlerAssetPath(scope);
  const environment: Record<string, string> = {
    COS_MEDIA_TRIGGERS: `\${jsonencode(self.${triggersAttribute(backing)})}`,
    // The backing object's id: a replacement gets a new one, so a step can tell whether it is still current.
    COS_MEDIA_RESOURCE_ID: '${self.id}',
  };
  if (options.endpoint !== undefined) environment.COS_MEDIA_ENDPOINT = escapeTriggers({ e: options.endpoint }).e as string;
  const dependsOn = (options.dependsOn ?? [])
    .filter((d): d is IMediaDependable => d !== undefined)
    .map((d) => d.resource);
  const targets = dependsOn.length > 0 ? [...new Set(dependsOn)] : [];
  const common = {
    lifecycle: options.createBeforeDestroy === true ? { createBeforeDestroy: true } : undefined,
    provisioners: [
      { type: 'local-exec' as const, interpreter: ['node', handler], command: 'create', environment },
      { type: 'local-exec' as const, when: 'destroy' as const, interpreter: ['node', handler], command: 'delete', environment },
    ],
  };
  let resource: TerraformResource;
  if (backing === 'terraform_data') {
    resource = new DataResource(scope, 'Resource', { ...common, triggersReplace: triggersValue });
  } else {
    const mod = nullProvider(scope);
    ensureNullProvider(scope, mod.provider);
    resource = new mod.resource.Resource(scope, 'Resource', { ...common, triggers: triggersValue });
  }
  // What passing `dependsOn` to the constructor would set, with one shared token per target (see dependsOnToken).
  if (targets.length > 0) resource.dependsOn = targets.map(dependsOnToken);
  registerDependencies(scope, resource, targets, options.userDependsOn);
  return resource;
}

/** One `depends_on` token per target, shared by every resource that depends on it. */
const DEPENDS_ON_TOKENS = new WeakMap<ITerraformDependable, string>();

/**
 * The `depends_on` entry for `target`: the token cdktf's constructor would make from a `dependsOn` entry
 * (`dependable(target)`, which resolves to the target's address). Made once per target and shared, since each
 * token records a full stack trace when created (a third of a job's construction time when a thousand jobs
 * depend on one bucket); the synthesized `depends_on` is the same.
 */
function dependsOnToken(target: ITerraformDependable): string {
  let token = DEPENDS_ON_TOKENS.get(target);
  if (token === undefined) {
    token = dependable(target);
    DEPENDS_ON_TOKENS.set(target, token);
  }
  return token;
}
