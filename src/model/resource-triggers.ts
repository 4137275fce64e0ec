/**
 * The trigger layout of our `null_resource`s: the contract between the constructs (which write it at synth)
 * and the handler (which reads it back, through `COS_MEDIA_TRIGGERS`, at apply and destroy time).
 *
 * A trigger map holds two kinds of keys:
 * - settings of ours, lower-case (`kind`, `schema`, `spec_sha256`, `construct`, `bucket`, `region`, …);
 * - the wire spec of the request, flattened by `toTriggers` into keys that start with an upper-case
 *   element name (`Operation.VideoEnhance.MsSharpen.SharpenLevel`).
 *
 * `schema` changes only when this layout changes incompatibly, never on a library upgrade, so upgrading does
 * not replace (and so re-submit) anything.
 */
import * as crypto from 'node:crypto';
import { fromTriggers, toTriggers } from './triggers';
import type { XmlObject } from './xml';

export const TRIGGER_SCHEMA = '1';

export type ResourceKind =
  | 'media-bucket'
  | 'watermark-template'
  | 'video-enhance-template'
  | 'video-enhance-job'
  | 'video-enhance-batch'
  | 'template-set';

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  'media-bucket',
  'watermark-template',
  'video-enhance-template',
  'video-enhance-job',
  'video-enhance-batch',
  'template-set',
];

/** Our own settings: lower-case keys, string values. */
export type ResourceSettings = Readonly<Record<string, string>>;

export interface ResourceTriggers {
  readonly kind: ResourceKind;
  readonly schema: string;
  /** sha256 over every other key and value: changes whenever anything that defines the resource changes. */
  readonly specSha256: string;
  readonly settings: ResourceSettings;
  /** The wire spec (empty object for kinds without one). */
  readonly spec: XmlObject;
}

const RESERVED = new Set(['kind', 'schema', 'spec_sha256']);

/** Hex sha256 of a string map, independent of key insertion order. */
export function mapSha256(map: Readonly<Record<string, string>>): string {
  const sorted = Object.keys(map)
    .sort()
    .map((k) => [k, map[k]]);
  return sha256Hex(JSON.stringify(sorted));
}

type OneShotHash = (algorithm: string, data: string, encoding: 'hex') => string;
/** `crypto.hash` (Node >= 20.12): one call instead of a Hash object per digest, which synth makes per resource. */
const oneShot = (crypto as { hash?: OneShotHash }).hash;

/** Hex sha256 of a string's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return oneShot ? oneShot('sha256', text, 'hex') : crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Builds the flat trigger map of a resource. Settings keys must start with a lower-case letter. */
export function encodeResourceTriggers(
  kind: ResourceKind,
  settings: ResourceSettings,
  spec: XmlObject = {},
): Record<string, string> {
  // The map in its final key order, `spec_sha256` filled in last: the hash covers every other entry.
  const out: Record<string, string> = { kind, schema: TRIGGER_SCHEMA, spec_sha256: '' };
  for (const key in settings) {
    if (!Object.prototype.hasOwnProperty.call(settings, key)) continue;
    const code = key.charCodeAt(0);
    if (!(code >= 97 && code <= 122) || RESERVED.has(key)) {
      throw new Error(`trigger setting key '${key}' must start with a lower-case letter and not be reserved`);
    }
    out[key] = settings[key] as string;
  }
  const flat = toTriggers(spec);
  for (const key in flat) out[key] = flat[key] as string;
  const { spec_sha256: _placeholder, ...hashed } = out;
  out.spec_sha256 = mapSha256(hashed);
  return out;
}

/** Reads a trigger map back (what the handler was given); throws one error listing every problem. */
export function decodeResourceTriggers(map: Readonly<Record<string, unknown>>): ResourceTriggers {
  const problems: string[] = [];
  const strings: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) {
    if (typeof value !== 'string') problems.push(`trigger '${key}' must be a string, got ${JSON.stringify(value)}`);
    else strings[key] = value;
  }
  const kind = strings.kind;
  if (kind === undefined || !(RESOURCE_KINDS as readonly string[]).includes(kind)) {
    problems.push(`trigger 'kind' must be one of ${RESOURCE_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
  }
  if (strings.schema !== TRIGGER_SCHEMA) {
    problems.push(
      `trigger 'schema' must be '${TRIGGER_SCHEMA}' (synthesized by another version of cdktf-cos-media?), got ${JSON.stringify(strings.schema)}`,
    );
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(strings)) {
    if (/^[a-z]/.test(key) && !RESERVED.has(key)) settings[key] = value;
  }
  return {
    kind: kind as ResourceKind,
    schema: strings.schema as string,
    specSha256: strings.spec_sha256 ?? '',
    settings,
    spec: fromTriggers(strings) as XmlObject,
  };
}
