import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Problem, formatProblem } from '../model/problems';
import { evaluatePending, isEvaluated, type PendingTrigger } from './expressions';
import { parseTemplate, triggersExpression } from './template';
import type { Triggers } from './jsonencode';

/**
 * Reading a synthesized cdktf stack (`cdktf.out/stacks/<stack>/cdk.tf.json`) into the small model the local
 * runner understands: `null_resource`s with literal `triggers` and `terraform_data`s with literal
 * `triggers_replace` (the two backings of our constructs), `depends_on`, and `local-exec` provisioners.
 * Everything else Terraform would accept is refused with a problem naming the address, the attribute, the
 * rule and the value, all problems in one error.
 */

/** A local-exec provisioner value for `environment` that is evaluated per run. */
export type EnvironmentValue =
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'triggers-json' }
  /** `${self.id}`: the id of the object the provisioner runs for. */
  | { readonly kind: 'self-id' };

/** The one other expression the runner evaluates in an `environment` value. */
export const SELF_ID_EXPRESSION = '${self.id}';

/** One `local-exec` provisioner, its strings already un-escaped. */
export interface LocalExecProvisioner {
  readonly when: 'create' | 'destroy';
  /** The program and its leading arguments; Terraform's default `["/bin/sh", "-c"]` when not given. */
  readonly interpreter: readonly string[];
  readonly command: string;
  readonly environment: Readonly<Record<string, EnvironmentValue>>;
  /** Relative to the stack directory; undefined = the stack directory. */
  readonly workingDir?: string;
  /** `on_failure`: `fail` (the default) or `continue`. */
  readonly onFailure: 'fail' | 'continue';
  /** `quiet = true` hides the "Executing: …" line, as Terraform does. */
  readonly quiet: boolean;
}

/** The resource types the local runner runs, and the name of each one's trigger map. */
export const RESOURCE_TYPES = { null_resource: 'triggers', terraform_data: 'triggers_replace' } as const;
export type ResourceType = keyof typeof RESOURCE_TYPES;

export interface ResourceConfig {
  /** `null_resource.<name>` or `terraform_data.<name>` */
  readonly address: string;
  readonly type: ResourceType;
  readonly name: string;
  /** The un-escaped `triggers` (`triggers_replace` of a terraform_data); null when the resource has none (jsonencode gives `null` then). */
  readonly triggers: Triggers | null;
  /** Addresses from `depends_on`, each a resource of this stack. */
  readonly dependsOn: readonly string[];
  readonly provisioners: readonly LocalExecProvisioner[];
  /**
   * `lifecycle { create_before_destroy = true }` as written (see createBeforeDestroySet for the resources
   * Terraform treats so).
   */
  readonly createBeforeDestroy?: boolean;
}

/**
 * The resources Terraform replaces create-before-destroy: those that say so, and every resource one of them
 * depends on (Terraform forces it on dependencies; observed with 1.11.4 even when only the dependency changes).
 */
export function createBeforeDestroySet(resources: readonly ResourceConfig[]): Set<string> {
  const closure = dependencyClosure(resources);
  const out = new Set<string>();
  for (const r of resources) {
    if (r.createBeforeDestroy !== true) continue;
    out.add(r.address);
    for (const d of closure.get(r.address) ?? []) out.add(d);
  }
  return out;
}

/** The stack's backend as written by cdktf (`terraform.backend` or `terraform.cloud`). */
export interface BackendConfig {
  readonly type: string;
  /** For the `local` backend: its state path, absolute (relative paths are resolved against the stack directory). */
  readonly path?: string;
}

export interface StackConfig {
  /** Absolute path of the stack directory (the provisioners' working directory). */
  readonly dir: string;
  /** From `//.metadata.stackName`, else the directory's name. */
  readonly stackName: string;
  readonly backend?: BackendConfig;
  /** In file order. */
  readonly resources: readonly ResourceConfig[];
  /**
   * Resources of other types, data sources and modules: accepted and not run (the local runner has no provider
   * for them). Nothing it runs may depend on them.
   */
  readonly notRun?: readonly string[];
}

/** The stack uses something the local runner does not reproduce. Lists every problem. */
export class StackConfigError extends Error {
  readonly problems: readonly Problem[];
  constructor(file: string, problems: readonly Problem[]) {
    const lines = problems.map((p) => `  - ${formatProblem(p)}`);
    super(
      `${file}: the local runner cannot run this stack (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        `${lines.join('\n')}\n` +
        'It evaluates only what cdktf-cos-media synthesizes: null_resource with literal triggers, terraform_data with ' +
          'literal triggers_replace, depends_on, lifecycle.create_before_destroy and ' +
        'local-exec provisioners (other resources, data sources, modules, outputs and variables are accepted and not ' +
        'run or evaluated). Use terraform for anything else.',
    );
    this.name = 'StackConfigError';
    this.problems = problems;
  }
}

export const STACK_FILE = 'cdk.tf.json';

/** Reads and validates `<dir>/cdk.tf.json`. Throws StackConfigError listing every problem. */
export function loadStack(dir: string): StackConfig {
  const absDir = path.resolve(dir);
  const file = path.join(absDir, STACK_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? String(err)})`;
    throw new Error(`${file} ${why}: expected a synthesized cdktf stack directory such as cdktf.out/stacks/<stack>`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`);
  }
  return parseStack(json, absDir, file);
}

/** Validates an already-parsed `cdk.tf.json` document. `file` only names it in messages. */
export function parseStack(
  json: unknown,
  absDir: string,
  file = path.join(absDir, STACK_FILE),
  env: Readonly<Record<string, string | undefined>> = process.env,
): StackConfig {
  const problems: Problem[] = [];
  const add = (p: string, rule: string, value: unknown): void => {
    problems.push({ path: p, rule, value });
  };
  if (!isObject(json)) {
    throw new StackConfigError(file, [{ path: '(document)', rule: 'must be a JSON object', value: json }]);
  }

  let stackName = path.basename(absDir);
  let backend: BackendConfig | undefined;
  let resources: ResourceConfig[] = [];
  const notRun: string[] = [];
  const pending: PendingTrigger[] = [];
  let variables: Record<string, unknown> = {};

  for (const [key, value] of Object.entries(json)) {
    switch (key) {
      case '//': {
        const name = isObject(value) && isObject(value.metadata) ? value.metadata.stackName : undefined;
        if (typeof name === 'string' && name !== '') stackName = name;
        break;
      }
      case 'terraform':
        backend = readTerraformBlock(value, absDir, add);
        break;
      case 'provider':
        readProviders(value, add);
        break;
      case 'resource':
        resources = readResources(value, add, notRun, pending);
        break;
      case 'data':
        for (const [type, byName] of Object.entries(asObject(value))) {
          if (type !== '//') notRun.push(...Object.keys(asObject(byName)).filter((n) => n !== '//').map((n) => `data.${type}.${n}`));
        }
        break;
      case 'module':
        notRun.push(...Object.keys(asObject(value)).filter((n) => n !== '//').map((n) => `module.${n}`));
        break;
      case 'variable':
        variables = asObject(value);
        break;
      case 'output':
      case 'locals':
        // Accepted and not evaluated: the resources the runner runs need none of them, and a trigger that uses
        // one is refused where it does (see readTriggers).
        break;
      default:
        add(key, `is not supported by the local runner (a top-level "${key}" block)`, summarize(value));
    }
  }

  if (problems.length === 0 && pending.length > 0) {
    const byAddress = new Map(resources.map((r) => [r.address, r.triggers as Record<string, string> | null]));
    problems.push(...evaluatePending(pending, (a) => byAddress.get(a), variables, env));
  }
  checkDependencies(resources, add);
  if (problems.length > 0) throw new StackConfigError(file, problems);
  return { dir: absDir, stackName, backend, resources, notRun };
}

type Add = (path: string, rule: string, value: unknown) => void;

function readTerraformBlock(value: unknown, absDir: string, add: Add): BackendConfig | undefined {
  if (!isObject(value)) {
    add('terraform', 'must be an object', value);
    return undefined;
  }
  let backend: BackendConfig | undefined;
  for (const [key, body] of Object.entries(value)) {
    if (key === '//' || key === 'required_providers' || key === 'required_version') continue;
    if (key === 'cloud') {
      backend = { type: 'cloud' };
    } else if (key === 'backend') {
      const types = isObject(body) ? Object.keys(body) : [];
      if (types.length !== 1) {
        add('terraform.backend', 'must name exactly one backend', body);
        continue;
      }
      const type = types[0] as string;
      const settings = (body as Record<string, unknown>)[type];
      if (type !== 'local') {
        backend = { type };
      } else if (isObject(settings) && settings.path !== undefined) {
        const literal = typeof settings.path === 'string' ? parseTemplate(settings.path) : undefined;
        if (literal?.kind !== 'literal') add('terraform.backend.local.path', 'must be a literal string', settings.path);
        else backend = { type, path: path.resolve(absDir, literal.value) };
      } else {
        // Terraform's default for a local backend without a path.
        backend = { type, path: path.join(absDir, 'terraform.tfstate') };
      }
    } else {
      add(`terraform.${key}`, 'is not supported by the local runner', summarize(body));
    }
  }
  return backend;
}

function readProviders(value: unknown, add: Add): void {
  for (const [name, configs] of Object.entries(asObject(value))) {
    if (name === '//') continue;
    if (name !== 'null') continue; // other providers serve resources the runner does not run
    for (const cfg of Array.isArray(configs) ? configs : [configs]) {
      const keys = isObject(cfg) ? Object.keys(cfg).filter((k) => k !== '//') : ['(not an object)'];
      if (keys.length > 0) add('provider.null', 'must have no settings (aliases are not supported)', cfg);
    }
  }
}

const RESOURCE_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

function readResources(value: unknown, add: Add, notRun: string[], pending: PendingTrigger[]): ResourceConfig[] {
  const out: ResourceConfig[] = [];
  for (const [type, byName] of Object.entries(asObject(value))) {
    if (type === '//') continue;
    if (!Object.hasOwn(RESOURCE_TYPES, type)) {
      notRun.push(...Object.keys(asObject(byName)).filter((n) => n !== '//').map((n) => `${type}.${n}`));
      continue;
    }
    if (!isObject(byName)) {
      add(`resource.${type}`, 'must be an object of resources by name', byName);
      continue;
    }
    for (const [name, body] of Object.entries(byName)) {
      const address = `${type}.${name}`;
      if (!RESOURCE_NAME.test(name)) {
        add(address, 'must have a name of letters, digits, "_" and "-", not starting with a digit or "-"', name);
        continue;
      }
      if (!isObject(body)) {
        add(address, 'must be an object (one resource block)', body);
        continue;
      }
      out.push(readResource(type as ResourceType, address, name, body, add, pending));
    }
  }
  return out;
}

function readResource(type: ResourceType, address: string, name: string, body: Record<string, unknown>, add: Add, pending: PendingTrigger[]): ResourceConfig {
  const triggersKey = RESOURCE_TYPES[type];
  let triggers: Triggers | null = null;
  let dependsOn: string[] = [];
  const provisioners: LocalExecProvisioner[] = [];
  let createBeforeDestroy: boolean | undefined;
  for (const [key, value] of Object.entries(body)) {
    switch (key) {
      case '//':
        break;
      case 'lifecycle':
        createBeforeDestroy = readLifecycle(`${address}.lifecycle`, value, add);
        break;
      case triggersKey:
        triggers = readTriggers(`${address}.${triggersKey}`, value, add, (key, raw, into) => pending.push({ address, key, raw, into }));
        break;
      case 'depends_on':
        dependsOn = readDependsOn(`${address}.depends_on`, value, add);
        break;
      case 'provisioner':
        provisioners.push(...readProvisioners(address, triggersKey, value, add));
        break;
      case 'count':
      case 'for_each':
      case 'provider':
      case 'connection':
        add(`${address}.${key}`, 'is not supported by the local runner', summarize(value));
        break;
      default:
        add(`${address}.${key}`, `is not an argument of ${type} that the local runner runs (it has ${triggersKey}, and the meta-arguments depends_on and provisioner here)`, summarize(value));
    }
  }
  return { address, type, name, triggers, dependsOn, provisioners, ...(createBeforeDestroy !== undefined ? { createBeforeDestroy } : {}) };
}

/** `lifecycle`: only `create_before_destroy` (a literal boolean) is reproduced. */
function readLifecycle(at: string, value: unknown, add: Add): boolean | undefined {
  if (!isObject(value)) {
    add(at, 'must be an object', value);
    return undefined;
  }
  let cbd: boolean | undefined;
  for (const [key, v] of Object.entries(value)) {
    if (key === '//') continue;
    if (key !== 'create_before_destroy') add(`${at}.${key}`, 'is not supported by the local runner (only create_before_destroy is)', summarize(v));
    else if (typeof v !== 'boolean') add(`${at}.create_before_destroy`, 'must be true or false', v);
    else cbd = v;
  }
  return cbd;
}

function readTriggers(
  at: string,
  value: unknown,
  add: Add,
  defer: (key: string, raw: string, into: Record<string, string>) => void,
): Triggers | null {
  if (value === null) return null;
  if (!isObject(value)) {
    add(at, 'must be a map of strings', value);
    return null;
  }
  const out: Record<string, string> = {};
  for (const [rawKey, rawValue] of Object.entries(value)) {
    const key = literalOrProblem(`${at} key ${JSON.stringify(rawKey)}`, rawKey, add);
    const where = `${at}[${JSON.stringify(key ?? rawKey)}]`;
    if (typeof rawValue !== 'string') {
      add(where, 'must be a string (triggers is a map of strings)', rawValue);
      continue;
    }
    if (key !== undefined && isEvaluated(rawValue)) {
      defer(key, rawValue, out); // a prop given as a token: evaluated once every resource is read
      continue;
    }
    const v = literalOrProblem(where, rawValue, (p, rule, value) =>
      add(p, `${rule}; of the expressions a prop given as a token produces, it evaluates only \${tostring(var.NAME)} and the template hash cdktf-cos-media writes: apply this stack with terraform, or give the prop a literal value`, value),
    );
    if (key !== undefined && v !== undefined) out[key] = v;
  }
  return out;
}

const DEPENDENCY = /^(null_resource|terraform_data)\.([A-Za-z_][A-Za-z0-9_-]*)$/;

function readDependsOn(at: string, value: unknown, add: Add): string[] {
  if (!Array.isArray(value)) {
    add(at, 'must be a list of resource addresses', value);
    return [];
  }
  const out: string[] = [];
  value.forEach((ref, i) => {
    if (typeof ref === 'string' && DEPENDENCY.test(ref)) out.push(ref);
    else if (typeof ref === 'string' && /^[a-z]/.test(ref)) {
      add(`${at}[${i}]`, `must be a null_resource or terraform_data of this stack: the local runner does not run ${ref}, so it cannot order anything after it (apply this stack with terraform)`, ref);
    } else add(`${at}[${i}]`, 'must be the address of a null_resource or terraform_data of this stack, like "null_resource.Name"', ref);
  });
  return out;
}

function readProvisioners(address: string, triggersKey: string, value: unknown, add: Add): LocalExecProvisioner[] {
  // HCL's JSON syntax allows a list of {"<type>": body} objects (what cdktf writes), a single such object,
  // and a list of bodies under one type; normalize all three to [type, body] in file order.
  const blocks: Array<[string, unknown]> = [];
  for (const item of Array.isArray(value) ? value : [value]) {
    if (!isObject(item)) {
      add(`${address}.provisioner`, 'must be a list of {"<type>": {...}} objects', item);
      continue;
    }
    for (const [type, body] of Object.entries(item)) {
      if (type === '//') continue;
      for (const one of Array.isArray(body) ? body : [body]) blocks.push([type, one]);
    }
  }
  const out: LocalExecProvisioner[] = [];
  blocks.forEach(([type, body], i) => {
    const at = `${address}.provisioner[${i}]`;
    if (type !== 'local-exec') {
      add(`${at}.${type}`, 'is not supported by the local runner (only local-exec is)', summarize(body));
      return;
    }
    const p = readLocalExec(`${at}.local-exec`, triggersKey, body, add);
    if (p) out.push(p);
  });
  return out;
}

function readLocalExec(at: string, triggersKey: string, body: unknown, add: Add): LocalExecProvisioner | undefined {
  if (!isObject(body)) {
    add(at, 'must be an object', body);
    return undefined;
  }
  let problemCount = 0;
  let command: string | undefined;
  let interpreter: string[] = [];
  const environment: Record<string, EnvironmentValue> = {};
  let when: 'create' | 'destroy' = 'create';
  let onFailure: 'fail' | 'continue' = 'fail';
  let workingDir: string | undefined;
  let quiet = false;
  const counting: Add = (p, rule, value) => {
    problemCount += 1;
    add(p, rule, value);
  };
  for (const [key, value] of Object.entries(body)) {
    switch (key) {
      case '//':
        break;
      case 'command':
        if (typeof value !== 'string') counting(`${at}.command`, 'must be a string', value);
        else {
          command = literalOrProblem(`${at}.command`, value, counting);
          if (command === '') counting(`${at}.command`, 'must not be empty (Terraform refuses an empty local-exec command)', value);
          else if (command !== undefined && command.includes('\0')) counting(`${at}.command`, 'must not contain a NUL character', value);
        }
        break;
      case 'interpreter':
        if (!Array.isArray(value)) counting(`${at}.interpreter`, 'must be a list of strings', value);
        else {
          value.forEach((arg, i) => {
            const where = `${at}.interpreter[${i}]`;
            if (typeof arg !== 'string') return counting(where, 'must be a string', arg);
            const v = literalOrProblem(where, arg, counting);
            if (v !== undefined && v.includes('\0')) counting(where, 'must not contain a NUL character', arg);
            else if (v !== undefined) interpreter.push(v);
          });
        }
        break;
      case 'environment':
        readEnvironment(`${at}.environment`, triggersExpression(triggersKey), value, environment, counting);
        break;
      case 'working_dir':
        if (typeof value !== 'string') counting(`${at}.working_dir`, 'must be a string', value);
        else workingDir = literalOrProblem(`${at}.working_dir`, value, counting);
        break;
      case 'when':
        if (value === 'destroy' || value === 'create') when = value;
        else counting(`${at}.when`, 'must be "create" or "destroy"', value);
        break;
      case 'on_failure':
        if (value === 'fail' || value === 'continue') onFailure = value;
        else counting(`${at}.on_failure`, 'must be "fail" or "continue"', value);
        break;
      case 'quiet':
        if (typeof value === 'boolean') quiet = value;
        else counting(`${at}.quiet`, 'must be true or false', value);
        break;
      case 'connection':
        counting(`${at}.connection`, 'is not supported by the local runner', summarize(value));
        break;
      default:
        counting(`${at}.${key}`, 'is not an argument of local-exec', summarize(value));
    }
  }
  if (body.command === undefined) counting(`${at}.command`, 'is required', undefined);
  if (problemCount > 0 || command === undefined) return undefined;
  if (interpreter.length === 0) {
    // Terraform's local-exec default, used when interpreter is absent or empty.
    interpreter = process.platform === 'win32' ? ['cmd', '/C'] : ['/bin/sh', '-c'];
  }
  return { when, interpreter, command, environment, workingDir, onFailure, quiet };
}

const ENV_NAME_FORBIDDEN = /[=\0]/;

function readEnvironment(at: string, expression: string, value: unknown, into: Record<string, EnvironmentValue>, add: Add): void {
  if (!isObject(value)) {
    add(at, 'must be a map of strings', value);
    return;
  }
  for (const [rawKey, raw] of Object.entries(value)) {
    const key = literalOrProblem(`${at} key ${JSON.stringify(rawKey)}`, rawKey, add);
    const where = `${at}[${JSON.stringify(key ?? rawKey)}]`;
    if (key !== undefined && (key === '' || ENV_NAME_FORBIDDEN.test(key))) {
      add(where, 'must be a variable name that is not empty and holds no "=" or NUL', key);
      continue;
    }
    if (typeof raw !== 'string') {
      add(where, 'must be a string', raw);
      continue;
    }
    if (raw === expression) {
      if (key !== undefined) into[key] = { kind: 'triggers-json' };
      continue;
    }
    if (raw === SELF_ID_EXPRESSION) {
      if (key !== undefined) into[key] = { kind: 'self-id' };
      continue;
    }
    const v = literalOrProblem(where, raw, add, expression);
    if (v !== undefined && v.includes('\0')) add(where, 'must not contain a NUL character', raw);
    else if (key !== undefined && v !== undefined) into[key] = { kind: 'literal', value: v };
  }
}

function literalOrProblem(at: string, raw: string, add: Add, environmentExpression?: string): string | undefined {
  const parsed = parseTemplate(raw);
  if (parsed.kind === 'literal') return parsed.value;
  const allowed = environmentExpression !== undefined
    ? `must be a literal string, exactly ${environmentExpression} or exactly ${SELF_ID_EXPRESSION}`
    : 'must be a literal string';
  add(
    at,
    `${allowed}; the local runner does not evaluate the expression ${parsed.expression} ` +
      '(write a literal "${" as "$${" and "%{" as "%%{")',
    raw,
  );
  return undefined;
}

function checkDependencies(resources: readonly ResourceConfig[], add: Add): void {
  const known = new Set(resources.map((r) => r.address));
  for (const r of resources) {
    r.dependsOn.forEach((dep, i) => {
      if (!known.has(dep)) add(`${r.address}.depends_on[${i}]`, 'must name a resource declared in this stack', dep);
      else if (dep === r.address) add(`${r.address}.depends_on[${i}]`, 'must not name the resource itself', dep);
    });
  }
  const cycle = findCycle(resources, known);
  if (cycle) add('resource', 'must not have a dependency cycle', cycle.join(' -> '));
}

/**
 * Every resource each resource depends on, directly or through others, sorted: what Terraform records as a
 * resource's dependencies in its state, and what orders creates and destroys across no-op resources.
 */
export function dependencyClosure(resources: readonly ResourceConfig[]): Map<string, string[]> {
  const direct = new Map(resources.map((r) => [r.address, r.dependsOn]));
  const out = new Map<string, string[]>();
  for (const r of resources) {
    const seen = new Set<string>();
    const todo = [...r.dependsOn];
    while (todo.length > 0) {
      const next = todo.pop() as string;
      if (seen.has(next) || next === r.address) continue;
      seen.add(next);
      todo.push(...(direct.get(next) ?? []));
    }
    out.set(r.address, [...seen].sort());
  }
  return out;
}

function findCycle(resources: readonly ResourceConfig[], known: ReadonlySet<string>): string[] | undefined {
  const deps = new Map(resources.map((r) => [r.address, r.dependsOn.filter((d) => known.has(d) && d !== r.address)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (a: string): string[] | undefined => {
    if (state.get(a) === 'done') return undefined;
    if (state.get(a) === 'visiting') return [...stack.slice(stack.indexOf(a)), a];
    state.set(a, 'visiting');
    stack.push(a);
    for (const d of deps.get(a) ?? []) {
      const found = visit(d);
      if (found) return found;
    }
    stack.pop();
    state.set(a, 'done');
    return undefined;
  };
  for (const r of resources) {
    const found = visit(r.address);
    if (found) return found;
  }
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function asObject(v: unknown): Record<string, unknown> {
  return isObject(v) ? v : {};
}

/** Keeps messages short: an object shows its keys, long strings are cut. */
function summarize(value: unknown): unknown {
  if (isObject(value)) return Object.keys(value);
  if (typeof value === 'string' && value.length > 120) return `${value.slice(0, 117)}...`;
  return value;
}
