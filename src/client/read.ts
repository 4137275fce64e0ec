/**
 * Small readers over parsed response XML (`XmlObject`), and the writer of typed requests into XML values.
 * The model's wire-shaped types mirror the XML, so a checked element is handed out as its model type.
 */
import type { XmlObject, XmlValue } from '../model/xml';
import { UnexpectedResponseError } from './errors';
import type { Exchange } from './pipeline';

/** The text of child `name`, or `undefined` when it is absent or not text. */
export function textOf(obj: XmlObject, name: string): string | undefined {
  const v = obj[name];
  return typeof v === 'string' ? v : undefined;
}

/** Child `name` as a list of containers (a single container counts as one; text entries are skipped). */
export function objectsOf(obj: XmlObject, name: string): XmlObject[] {
  const v = obj[name];
  if (v === undefined || typeof v === 'string') return [];
  const items = Array.isArray(v) ? v : [v];
  return items.filter((x): x is XmlObject => typeof x === 'object' && !Array.isArray(x));
}

/** Every text below `value`, in document order: `<A>x</A><A>y</A>` and `<L><Id>x</Id><Id>y</Id></L>` both give `[x, y]`. */
export function textsOf(value: XmlValue | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return value === '' ? [] : [value];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  return Object.values(value).flatMap(textsOf);
}

/** A non-negative integer from text; `undefined` when absent or not a number. */
export function intOf(obj: XmlObject, name: string): number | undefined {
  const t = textOf(obj, name);
  if (t === undefined || !/^\d+$/.test(t.trim())) return undefined;
  return Number(t.trim());
}

/**
 * Checks that `obj` has non-empty text in each of `required`, then hands it out as the model type `T` (whose
 * keys are the element names and whose leaves are strings, as parsed). Throws `UnexpectedResponseError`.
 */
export function asWire<T>(obj: XmlObject, required: readonly string[], where: string, exchange: Exchange): T {
  const missing = required.filter((name) => !textOf(obj, name));
  if (missing.length > 0) {
    throw new UnexpectedResponseError(
      exchange.identity,
      exchange.response.statusCode,
      `<${where}> has no ${missing.map((m) => `<${m}>`).join(', ')}`,
    );
  }
  return obj as unknown as T;
}

/** The one container `name` of `obj`; throws `UnexpectedResponseError` when it is missing. */
export function childOf(obj: XmlObject, name: string, where: string, exchange: Exchange): XmlObject {
  const [child] = objectsOf(obj, name);
  if (child === undefined) {
    throw new UnexpectedResponseError(exchange.identity, exchange.response.statusCode, `<${where}> has no <${name}>`);
  }
  return child;
}

/**
 * A typed, wire-shaped request (element names as keys, string leaves, arrays for repeated elements) as an
 * XML value. `undefined` members are left out; numbers and booleans become their text.
 */
export function toXmlValue(value: unknown): XmlValue {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(toXmlValue);
  if (typeof value === 'object' && value !== null) {
    const out: XmlObject = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toXmlValue(v);
    return out;
  }
  throw new TypeError(`cannot write ${String(value)} as XML`);
}
