/**
 * Dependencies the user declares are honoured: `construct.node.addDependency(x)` and the `dependsOn` prop of
 * every construct of this library become Terraform `depends_on` of its backing resource. `x` may be one of our
 * constructs (its backing resource), any cdktf resource, data source or module, or any construct holding such
 * things (each of them, as in aws-cdk-lib). A dependency on something in another stack becomes a dependency
 * between the stacks (Terraform cannot `depends_on` across states).
 *
 * The wiring runs at synth, in an Aspect of the stack (so dependencies added after the constructor count), and a
 * validation of the stack reports a dependency cycle with the construct paths around it.
 */
import {
  Aspects,
  DefaultTokenResolver,
  StringConcat,
  Tokenization,
  dependable,
  TerraformDataSource,
  TerraformModule,
  TerraformResource,
  TerraformStack,
  type IAspect,
  type ITerraformDependable,
} from 'cdktf';
import type { IConstruct } from 'constructs';

export interface DependableProps {
  /**
   * Constructs this one must come after on apply and before on destroy: our constructs, cdktf resources, data
   * sources, modules, or constructs that hold them. The same as `this.node.addDependency(...)`; both become
   * Terraform `depends_on` of the backing resource (or a dependency between stacks, across stacks).
   * @default - only the constructs given in other props (bucket, templates)
   */
  readonly dependsOn?: readonly IConstruct[];
}

/** Our constructs → their backing resource and the targets it already depends on. */
const BACKING = new WeakMap<IConstruct, { resource: TerraformResource; wired: Set<ITerraformDependable> }>();
const STACKS_WIRED = new WeakSet<TerraformStack>();

type Element = TerraformResource | TerraformDataSource | TerraformModule;

function isElement(c: IConstruct): c is Element {
  return TerraformResource.isTerraformResource(c) || c instanceof TerraformDataSource || c instanceof TerraformModule;
}

/** What a dependency on `target` means: our backing resource, or every Terraform element under it. */
function elementsOf(target: IConstruct): Element[] {
  const ours = BACKING.get(target);
  if (ours) return [ours.resource];
  return target.node.findAll().filter(isElement);
}

function isWithin(c: IConstruct, scope: IConstruct): boolean {
  return c.node.path === scope.node.path || c.node.path.startsWith(`${scope.node.path}/`);
}

function wire(construct: IConstruct): void {
  const entry = BACKING.get(construct);
  if (!entry) return;
  const stack = TerraformStack.of(construct);
  for (const target of construct.node.dependencies) {
    for (const element of elementsOf(target)) {
      if (isWithin(element, construct) || entry.wired.has(element)) continue;
      entry.wired.add(element);
      const other = TerraformStack.of(element);
      if (other !== stack) stack.addDependency(other);
      else entry.resource.dependsOn = [...(entry.resource.dependsOn ?? []), dependable(element)];
    }
  }
}

class DependencyAspect implements IAspect {
  visit(node: IConstruct): void {
    wire(node);
  }
}

/**
 * Registers `construct` (one of ours) with its backing `resource`, the dependencies it already has, and the
 * `dependsOn` prop; adds the Aspect and the cycle check to its stack once.
 */
export function registerDependencies(
  construct: IConstruct,
  resource: TerraformResource,
  initial: readonly ITerraformDependable[],
  dependsOn: readonly IConstruct[] | undefined,
): void {
  BACKING.set(construct, { resource, wired: new Set(initial) });
  if (dependsOn !== undefined) construct.node.addDependency(...dependsOn);
  const stack = TerraformStack.of(construct);
  if (STACKS_WIRED.has(stack)) return;
  STACKS_WIRED.add(stack);
  Aspects.of(stack).add(new DependencyAspect());
  stack.node.addValidation({ validate: () => dependencyCycles(stack) });
}

/** Where an element comes from, for messages: our construct's path, or the element's own. */
function label(element: IConstruct): string {
  const scope = element.node.scope;
  return scope && BACKING.get(scope)?.resource === element ? scope.node.path : element.node.path;
}

/**
 * An element's address, `type.name`: what its `fqn` resolves to (`${type.name}`, see cdktf's TerraformElement),
 * built from the same parts without reading `fqn`, which creates a token (and records a stack trace) per element.
 */
export function elementAddress(e: Element): string {
  if (e instanceof TerraformModule) return `module.${e.friendlyUniqueId}`;
  if (e instanceof TerraformDataSource) return `data.${e.terraformResourceType}.${e.friendlyUniqueId}`;
  return `${e.terraformResourceType}.${e.friendlyUniqueId}`;
}

/** Every cycle of `depends_on` among the stack's elements, each as one message. */
export function dependencyCycles(stack: TerraformStack): string[] {
  const elements = stack.node.findAll().filter(isElement);
  // A `depends_on` entry resolves to `type.name`. Entries are mostly tokens shared by many resources (a thousand
  // jobs depend on one bucket), so each distinct string is resolved once.
  const resolver = new DefaultTokenResolver(new StringConcat());
  const resolve = (value: unknown): unknown => Tokenization.resolve(value, { scope: stack, resolver });
  const address = (value: unknown): string => String(value).replace(/^\$\{(.*)\}$/, '$1');
  const resolved = new Map<string, string>();
  const addressOf = (d: unknown): string => {
    if (typeof d !== 'string') return address(resolve(d));
    let a = resolved.get(d);
    if (a === undefined) {
      a = address(resolve(d));
      resolved.set(d, a);
    }
    return a;
  };
  const byFqn = new Map<string, Element>();
  for (const e of elements) byFqn.set(elementAddress(e), e);
  const edges = new Map<Element, Element[]>();
  for (const e of elements) {
    const deps = (e.dependsOn ?? []).map((d) => byFqn.get(addressOf(d))).filter((d): d is Element => d !== undefined);
    edges.set(e, deps);
  }
  const messages: string[] = [];
  const state = new Map<Element, 'open' | 'done'>();
  const trail: Element[] = [];
  const visit = (e: Element): void => {
    state.set(e, 'open');
    trail.push(e);
    for (const d of edges.get(e) ?? []) {
      if (state.get(d) === 'open') {
        const cycle = [...trail.slice(trail.indexOf(d)), d];
        messages.push(`dependency cycle: ${cycle.map(label).join(' → ')} (from depends_on, dependsOn or node.addDependency)`);
      } else if (!state.has(d)) visit(d);
    }
    trail.pop();
    state.set(e, 'done');
  };
  for (const e of elements) if (!state.has(e)) visit(e);
  return messages;
}
