/**
 * The one XML codec of the project (fast-xml-parser underneath).
 *
 * - Every leaf value is a string (numbers and booleans travel as text, as the API does).
 * - Elements that the API repeats are always arrays after parsing, even when there is one of them
 *   (`LIST_ELEMENTS`), so callers never test "one or many".
 * - Parsing is order-insensitive (the service accepts any order, see ci-api.md §3.3); building follows the
 *   key order of the object given, and `orderLike` puts an object into a documented order first.
 * - `& < > " '` (and CR, as `&#13;`) are escaped on build and decoded on parse, numeric character references
 *   too; non-ASCII text passes through as UTF-8.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/** A parsed XML element: text, a container of named children, or a repeated element. */
export type XmlValue = string | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue | undefined;
}

/**
 * Element names that are lists wherever they appear (ci-api.md §3.3, §5.4, §6.1, §7.1, §8.3, §8.4, §10).
 * A new list element is one more name here.
 */
export const LIST_ELEMENTS: ReadonlySet<string> = new Set([
  'JobsDetail',
  'TemplateList',
  'WatermarkTemplateId',
  'Watermark',
  'AudioMixArray',
  'QueueList',
  'MediaBucketList',
  'NonExistJobIds',
  'NonExistTIDs',
  'NonExistPIDs',
  'ObjectName',
  'Md5Info',
  'CosHeaders',
  'Contents',
  'CommonPrefixes',
  'Bucket',
]);

/**
 * Elements whose children are named like list elements but are not lists there. `Bucket` is a list in
 * `ListAllMyBucketsResult.Buckets` but a plain string in `Output.Bucket` and `MediaResult.OutputFile.Bucket`;
 * `Watermark` is a list in `Operation` but a single container in a watermark template.
 */
const SINGLE_UNDER: Readonly<Record<string, ReadonlySet<string>>> = {
  Bucket: new Set(['Output', 'OutputFile', 'Input', 'CallBackMqConfig', 'Request', 'Response']),
  Watermark: new Set(['Request', 'Template', 'TemplateList']),
  // `OutputFile.ObjectName` is a list; each `Md5Info` entry names one object.
  ObjectName: new Set(['Md5Info']),
};

function isListElement(name: string, parentName: string | undefined): boolean {
  if (!LIST_ELEMENTS.has(name)) return false;
  const single = SINGLE_UNDER[name];
  return !(single && parentName !== undefined && single.has(parentName));
}

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  isArray: (name: string, jPath: unknown) => {
    // Most elements are no list anywhere: answered before the path is split (a job answer has dozens of them).
    if (!LIST_ELEMENTS.has(name)) return false;
    const parts = String(jPath).split('.');
    return isListElement(name, parts.length >= 2 ? parts[parts.length - 2] : undefined);
  },
});

/**
 * Escapes text for element content: the five XML specials, and CR as `&#13;` because every XML parser turns a
 * literal CR (or CRLF) into LF, so a CR would not survive a round trip otherwise.
 */
export function escapeXmlText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;');
}

const builder = new XMLBuilder({
  ignoreAttributes: true,
  // Escaping is ours (escapeXmlText) so that CR is covered too.
  processEntities: false,
  tagValueProcessor: (_name: string, value: unknown) => escapeXmlText(String(value)),
  suppressEmptyNode: false,
  format: false,
});

/** Raised for a body that is not well-formed XML or has no single root element. */
export class XmlParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlParseError';
  }
}

/**
 * Parses an XML document into `{ root, value }`. Whitespace between elements is dropped; text inside a
 * leaf is kept exactly. Throws `XmlParseError` on malformed input.
 */
export function parseXml(text: string): { root: string; value: XmlObject | string } {
  let raw: unknown;
  try {
    raw = parser.parse(text, true);
  } catch (err) {
    throw new XmlParseError(`malformed XML: ${(err as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null) throw new XmlParseError('malformed XML: no root element');
  const roots = Object.keys(raw as object).filter((k) => k !== '#text');
  if (roots.length !== 1) throw new XmlParseError(`malformed XML: expected one root element, found ${roots.length}`);
  const root = roots[0] as string;
  const value = normalize((raw as Record<string, unknown>)[root]);
  if (Array.isArray(value)) throw new XmlParseError('malformed XML: repeated root element');
  return { root, value };
}

/** Removes whitespace-only text between child elements; keeps leaf text unchanged. */
function normalize(value: unknown): XmlValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(normalize);
  if (value === null || value === undefined) return '';
  const out: XmlObject = {};
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [key, child] of entries) {
    if (key === '#text') {
      const text = String(child);
      if (text.trim() !== '' && entries.length === 1) return text;
      continue; // mixed content: whitespace (or stray text) between elements is not data
    }
    out[key] = normalize(child);
  }
  return out;
}

/** Builds `<?xml?>`-less XML for `{ [root]: value }`, children in the object's key order. */
export function buildXml(root: string, value: XmlObject | string): string {
  return builder.build({ [root]: stripUndefined(value) }) as string;
}

function stripUndefined(value: XmlValue): XmlValue {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(stripUndefined);
  const out: XmlObject = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = stripUndefined(v);
  return out;
}

/**
 * A documented element order: for a container, the order of its children, and for each child that is a
 * container itself, its own order. Children not named keep their relative order after the named ones.
 */
export interface ElementOrder {
  readonly [name: string]: ElementOrder | true;
}

/** Returns a copy of `value` with keys in `order` (recursively); values are not changed. */
export function orderLike<T extends XmlValue>(value: T, order: ElementOrder | true): T {
  if (order === true || typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => orderLike(v, order)) as T;
  const out: XmlObject = {};
  const obj = value as XmlObject;
  for (const name of Object.keys(order)) {
    if (obj[name] !== undefined) out[name] = orderLike(obj[name] as XmlValue, order[name] as ElementOrder | true);
  }
  for (const [name, child] of Object.entries(obj)) {
    if (!(name in out) && child !== undefined) out[name] = child;
  }
  return out as T;
}
