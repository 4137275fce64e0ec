/**
 * The stack-wide choice of the Terraform resource behind every construct of this library:
 * - `null_resource` (the default): needs the `hashicorp/null` provider; its map is `triggers`.
 * - `terraform_data`: built into Terraform >= 1.4 and OpenTofu >= 1.6, needs no provider download; its map is
 *   `triggers_replace`.
 * The choice is read from the context key `cdktf-cos-media:backing` of the stack (set in `cdktf.json`'s
 * `context`, on the `App`, or with `useBacking(stack, …)`), so every construct of one stack has the same backing.
 */
import { TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';
import { SpecValidationError } from '../model';

/** The context key that chooses the backing resource. */
export const BACKING_CONTEXT_KEY = 'cdktf-cos-media:backing';

/** The Terraform resource types a construct of this library can be backed by. */
export type Backing = 'null_resource' | 'terraform_data';

/** The allowed values of `cdktf-cos-media:backing`, the default first. */
export const BACKINGS: readonly Backing[] = ['null_resource', 'terraform_data'];

/** The name of the trigger map on each backing resource. */
export function triggersAttribute(backing: Backing): 'triggers' | 'triggers_replace' {
  return backing === 'terraform_data' ? 'triggers_replace' : 'triggers';
}

/**
 * Chooses the backing of every construct of this library in `stack`. Call it before adding constructs to
 * the stack (constructs' context cannot change once the stack has children); the same as setting
 * `"cdktf-cos-media:backing"` in `cdktf.json`'s `context`.
 */
export function useBacking(stack: TerraformStack, backing: Backing): void {
  if (!BACKINGS.includes(backing)) throw invalidBacking(stack, backing);
  stack.node.setContext(BACKING_CONTEXT_KEY, backing);
}

/** The backing of the stack that holds `scope`. Throws a SpecValidationError for an unknown value. */
export function backingOf(scope: IConstruct): Backing {
  const stack = TerraformStack.of(scope);
  const value: unknown = stack.node.tryGetContext(BACKING_CONTEXT_KEY);
  if (value === undefined) return 'null_resource';
  if (typeof value === 'string' && (BACKINGS as readonly string[]).includes(value)) return value as Backing;
  throw invalidBacking(stack, value);
}

function invalidBacking(stack: IConstruct, value: unknown): SpecValidationError {
  return new SpecValidationError(
    [{ path: `context "${BACKING_CONTEXT_KEY}"`, rule: `must be one of ${BACKINGS.map((b) => `"${b}"`).join(', ')}`, value }],
    stack.node.path,
  );
}
