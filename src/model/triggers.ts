/**
 * The flat trigger map: a request spec as `Record<string, string>` with readable keys, so that a one-field
 * change in code is a one-key change in the Terraform plan. Lossless both ways:
 * `fromTriggers(toTriggers(spec))` deep-equals `canonicalize(spec)`.
 *
 * Encoding:
 * - `toTriggers` canonicalizes the spec first (canonical.ts: documented order, no `undefined`, no empty lists),
 *   then writes one entry per text element:
 *     key   = the element's path from the request root, names joined by `.`, list entries by 0-based index
 *             (`Operation.VideoEnhance.MsSharpen.SharpenLevel`, `Operation.Watermark.0.Type`);
 *     value = the text exactly as in the spec: nothing trimmed, nothing escaped, `""` stays `""`.
 * - An empty container has no text element to carry it (and `<FrameEnhance/>` may mean "on with defaults"),
 *   so it gets an entry of its own: its path plus the segment `{}`, with the value `""`
 *   (`Operation.VideoEnhance.FrameEnhance.{}` = `""`).
 * - Element names start with an upper-case letter and hold no `.`; list indexes are digits without leading
 *   zeros; `{}` is neither. Every key therefore decodes one way only, and values may hold anything: dots,
 *   `${`, `%{`, quotes, unicode, empty strings.
 * - Keys that start with a lower-case letter belong to the caller (`kind`, `schema`, `spec_sha256`, `bucket`):
 *   `toTriggers` never writes one and `fromTriggers` ignores them.
 * - Key order does not matter to `fromTriggers` (Terraform's `jsonencode` sorts keys, `10` before `2`); it
 *   returns the canonical spec.
 * - Terraform reads `${` and `%{` in JSON strings as templates. Escaping them (`$${`, `%%{`) is the job of
 *   whoever writes the map into the synthesized JSON; Terraform hands the original text back, so the map
 *   itself holds plain values.
 */
import { canonicalize } from './canonical';
import type { XmlObject, XmlValue } from './xml';

/** The key segment that marks an empty container. */
export const EMPTY_CONTAINER_SEGMENT = '{}';

const ELEMENT_NAME = /^[A-Z][A-Za-z0-9_-]*$/;
const INDEX = /^(0|[1-9]\d*)$/;

/** A spec that cannot be flattened, or a map that does not decode to a spec; lists every problem. */
export class TriggerMapError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`invalid trigger map:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'TriggerMapError';
    this.problems = problems;
  }
}

/** Flattens a request spec into trigger entries (see the file comment). */
export function toTriggers(spec: object): Record<string, string> {
  const out: Record<string, string> = {};
  const problems: string[] = [];
  const canonical = canonicalize(spec);
  if (!isPlainObject(canonical)) throw new TriggerMapError(['the spec must be an object of elements']);
  flattenChildren(canonical, '', out, problems);
  if (problems.length > 0) throw new TriggerMapError(problems);
  return out;
}

function flattenChildren(obj: Record<string, unknown>, path: string, out: Record<string, string>, problems: string[]): void {
  for (const [name, child] of Object.entries(obj)) {
    const p = join(path, name);
    if (!ELEMENT_NAME.test(name)) {
      problems.push(`'${p}': element names must start with an upper-case letter and hold only letters, digits, _ and -`);
      continue;
    }
    flatten(child, p, out, problems);
  }
}

function flatten(value: unknown, path: string, out: Record<string, string>, problems: string[]): void {
  if (typeof value === 'string') {
    out[path] = value;
  } else if (Array.isArray(value)) {
    if (value.length === 0) problems.push(`'${path}': an empty list inside a list cannot be represented`);
    value.forEach((v, i) => flatten(v, join(path, String(i)), out, problems));
  } else if (isPlainObject(value)) {
    if (Object.keys(value).length === 0) out[join(path, EMPTY_CONTAINER_SEGMENT)] = '';
    else flattenChildren(value, path, out, problems);
  } else {
    problems.push(`'${path}' must be text, a container or a list, got ${value === null ? 'null' : typeof value}`);
  }
}

/** One node of the tree being rebuilt from keys. */
interface Node {
  text?: string;
  empty?: boolean;
  children?: Map<string, Node>;
}

/**
 * Rebuilds the canonical spec from a trigger map, ignoring keys that start with a lower-case letter.
 * Throws `TriggerMapError` listing every malformed key.
 */
export function fromTriggers(map: Readonly<Record<string, unknown>>): XmlObject {
  const problems: string[] = [];
  const root: Node = { children: new Map() };
  for (const [key, value] of Object.entries(map)) {
    if (/^[a-z]/.test(key)) continue;
    if (typeof value !== 'string') {
      problems.push(`'${key}' must have a string value, got ${JSON.stringify(value)}`);
      continue;
    }
    insert(root, key, value, problems);
  }
  const spec = problems.length === 0 ? build(root, '', problems) : undefined;
  if (problems.length > 0) throw new TriggerMapError(problems);
  return canonicalize(spec as XmlObject);
}

function insert(root: Node, key: string, value: string, problems: string[]): void {
  const segments = key.split('.');
  const last = segments.length - 1;
  let node = root;
  for (let i = 0; i <= last; i++) {
    const seg = segments[i] as string;
    if (seg === EMPTY_CONTAINER_SEGMENT && i === last && i > 0) {
      if (value !== '') problems.push(`'${key}': an empty-container entry must have the value ""`);
      if (node.text !== undefined || (node.children?.size ?? 0) > 0) {
        problems.push(`'${key}': marks a container empty that also has content`);
      }
      node.empty = true;
      return;
    }
    const isName = ELEMENT_NAME.test(seg);
    if (!isName && !(i > 0 && INDEX.test(seg))) {
      problems.push(`'${key}': segment '${seg}' is neither an element name nor a list index`);
      return;
    }
    if (node.text !== undefined || node.empty) {
      problems.push(`'${key}': '${segments.slice(0, i).join('.')}' is both text and a container`);
      return;
    }
    node.children ??= new Map();
    let next = node.children.get(seg);
    if (next === undefined) {
      next = {};
      node.children.set(seg, next);
    }
    node = next;
  }
  if (node.children !== undefined || node.empty) {
    problems.push(`'${key}': is both text and a container`);
    return;
  }
  node.text = value;
}

function build(node: Node, path: string, problems: string[]): XmlValue {
  if (node.text !== undefined) return node.text;
  const children = node.children ?? new Map<string, Node>();
  if (children.size === 0) return {};
  const keys = [...children.keys()];
  if (keys.every((k) => INDEX.test(k))) {
    const indexes = keys.map(Number).sort((a, b) => a - b);
    if (indexes.some((n, i) => n !== i)) {
      problems.push(`'${path}': list indexes must run from 0 without gaps, got ${indexes.join(', ')}`);
      return [];
    }
    return indexes.map((i) => build(children.get(String(i)) as Node, join(path, String(i)), problems));
  }
  if (keys.some((k) => INDEX.test(k))) {
    problems.push(`'${path}': mixes list indexes and element names`);
    return {};
  }
  const out: XmlObject = {};
  for (const [name, child] of children) out[name] = build(child, join(path, name), problems);
  return out;
}

function join(path: string, segment: string): string {
  return path === '' ? segment : `${path}.${segment}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
