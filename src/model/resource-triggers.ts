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
import { createHash } from 'node:crypto';
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
  return createHash('sha256').update(JSON.stringify(sorted), 'utf8').digest('hex');
}

/** Builds the flat trigger map of a resource. Settings keys must start with a lower-case letter. */
export function encodeResourceTriggers(
  kind: ResourceKind,
  settings: ResourceSettings,
  spec: XmlObject = {},
): Record<string, string> {
  const body: Record<string, string> = {};
  for (const [key, value] of Object.entries(settings)) {
    if (!/^[a-z]/.test(key) || RESERVED.has(key)) {
      throw new Error(`trigger setting key '${key}' must start with a lower-case letter and not be reserved`);
    }
    body[key] = value;
  }
  Object.assign(body, toTriggers(spec));
  const head = { kind, schema: TRIGGER_SCHEMA };
  return { ...head, spec_sha256: mapSha256({ ...head, ...body }), ...body };
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
