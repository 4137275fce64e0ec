/**
 * The trigger expressions cdktf-cos-media emits for props given as tokens, evaluated the way Terraform does,
 * and nothing else (anything else stays refused by the stack reader):
 *
 * - `${tostring(var.NAME)}`: a variable's value, from `TF_VAR_NAME` in the environment or the variable's
 *   `default` (as Terraform takes them, environment first; `-var` flags are Terraform's only);
 * - `${tostring(sha256(jsonencode(["<hex>", terraform_data.NAME.triggers_replace["KEY"], …])))}`: the spec hash
 *   a job carries for a template whose spec holds tokens (see src/constructs/tokens.ts), over literal strings and
 *   trigger values of resources of this stack.
 */
import { createHash } from 'node:crypto';
import type { Problem } from '../model/problems';
import { jsonencodeString } from './jsonencode';

/** A trigger value waiting for evaluation: which resource and key, and its raw JSON string. */
export interface PendingTrigger {
  readonly address: string;
  readonly key: string;
  readonly raw: string;
  /** The `triggers` map of the resource, filled in when the value is known. */
  readonly into: Record<string, string>;
}

const VAR = /^\$\{tostring\(var\.([A-Za-z_][A-Za-z0-9_-]*)\)\}$/;
const HASH = /^\$\{tostring\(sha256\(jsonencode\(\[(.*)\]\)\)\)\}$/;
const ITEM = /"((?:[^"\\]|\\.)*)"|((?:null_resource|terraform_data)\.[A-Za-z_][A-Za-z0-9_-]*)\.(triggers|triggers_replace)\["((?:[^"\\]|\\.)*)"\]/g;

/** Whether the runner evaluates this raw trigger value (one of the shapes above). */
export function isEvaluated(raw: string): boolean {
  return VAR.test(raw) || HASH.test(raw);
}

type Item = { readonly literal: string } | { readonly address: string; readonly key: string };

/** The items of a hash expression's list, or undefined when the list holds anything else. */
function hashItems(list: string): Item[] | undefined {
  const items: Item[] = [];
  const texts: string[] = [];
  ITEM.lastIndex = 0;
  for (let m = ITEM.exec(list); m !== null; m = ITEM.exec(list)) {
    texts.push(m[0]);
    if (m[1] !== undefined) items.push({ literal: JSON.parse(`"${m[1]}"`) as string });
    else items.push({ address: m[2] as string, key: JSON.parse(`"${m[4]}"`) as string });
  }
  return texts.join(', ') === list ? items : undefined;
}

/** A variable's value as `tostring` gives it; undefined when it has none. */
function variableText(name: string, declared: Readonly<Record<string, unknown>>, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const fromEnv = env[`TF_VAR_${name}`];
  if (fromEnv !== undefined) return fromEnv;
  const block = declared[name];
  const value = typeof block === 'object' && block !== null ? (block as { default?: unknown }).default : undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * Evaluates every pending trigger value into its resource's map, resource references after the values they
 * read. Returns a problem for each value it cannot evaluate.
 */
export function evaluatePending(
  pending: readonly PendingTrigger[],
  triggersOf: (address: string) => Record<string, string> | null | undefined,
  variables: Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
): Problem[] {
  const problems: Problem[] = [];
  const byKey = new Map(pending.map((p) => [`${p.address}\0${p.key}`, p]));
  const done = new Set<PendingTrigger>();
  const active = new Set<PendingTrigger>();
  const where = (p: PendingTrigger): string => `${p.address}[${JSON.stringify(p.key)}]`;

  const evaluate = (p: PendingTrigger): boolean => {
    if (done.has(p)) return p.key in p.into;
    if (active.has(p)) {
      problems.push({ path: where(p), rule: 'must not reference itself through other triggers', value: p.raw });
      return false;
    }
    active.add(p);
    const value = valueOf(p);
    active.delete(p);
    done.add(p);
    if (value === undefined) return false;
    p.into[p.key] = value;
    return true;
  };

  const valueOf = (p: PendingTrigger): string | undefined => {
    const v = VAR.exec(p.raw);
    if (v) {
      const text = variableText(v[1] as string, variables, env);
      if (text === undefined) {
        problems.push({ path: where(p), rule: `needs a value for variable "${v[1]}": set TF_VAR_${v[1]} or give the variable a default`, value: p.raw });
      }
      return text;
    }
    const items = hashItems((HASH.exec(p.raw) as RegExpExecArray)[1] as string);
    if (items === undefined) {
      problems.push({ path: where(p), rule: 'must list only strings and trigger values of this stack in jsonencode([...])', value: p.raw });
      return undefined;
    }
    const values: string[] = [];
    for (const item of items) {
      if ('literal' in item) {
        values.push(item.literal);
        continue;
      }
      const dep = byKey.get(`${item.address}\0${item.key}`);
      if (dep !== undefined && !evaluate(dep)) return undefined;
      const value = triggersOf(item.address)?.[item.key];
      if (value === undefined) {
        problems.push({ path: where(p), rule: `references ${item.address}["${item.key}"], which this stack does not declare`, value: p.raw });
        return undefined;
      }
      values.push(value);
    }
    return createHash('sha256').update(`[${values.map(jsonencodeString).join(',')}]`, 'utf8').digest('hex');
  };

  for (const p of pending) evaluate(p);
  return problems;
}
