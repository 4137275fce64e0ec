/**
 * The shape of every persisted record, checked before a record read back from a data directory is applied or
 * written to a new snapshot. A record that passed here cannot crash the scheduler or a handler later: a
 * well-formed but wrong line such as `{"c":"jobs","k":"x","v":null}` is refused at start-up, naming where it is.
 */
import { COLLECTION_NAMES, objectId, type CollectionName } from './state';

type Check = (v: Record<string, unknown>, key: string) => string | undefined;

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): boolean => typeof v === 'string';
const num = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const oneOf = (...values: string[]) => (v: unknown): boolean => typeof v === 'string' && values.includes(v);
const optional = (test: (v: unknown) => boolean) => (v: unknown): boolean => v === undefined || test(v);
const stringMap = (v: unknown): boolean => isObj(v) && Object.values(v).every(str);

/** Field → test, then a check of the key against the value. */
function shape(fields: Record<string, (v: unknown) => boolean>, keyOf?: (v: Record<string, unknown>) => string): Check {
  return (v, key) => {
    for (const [name, test] of Object.entries(fields)) {
      if (!test(v[name])) return `field ${JSON.stringify(name)} is ${shownValue(v[name])}`;
    }
    if (keyOf && keyOf(v) !== key) return `key ${JSON.stringify(key)} does not match the record (${JSON.stringify(keyOf(v))})`;
    return undefined;
  };
}

const CHECKS: Record<CollectionName, Check> = {
  buckets: shape({ name: str, region: str, createdAt: num, ciBound: (v) => typeof v === 'boolean' }, (v) => v.name as string),
  objects: shape(
    {
      bucket: str, key: str, size: num, etag: str, crc64: str, contentType: str, lastModified: num, headers: stringMap,
      blobId: (v) => typeof v === 'string' && /^[A-Za-z0-9_-]+$/.test(v),
    },
    (v) => objectId(v.bucket as string, v.key as string),
  ),
  mediaBuckets: shape({ bucket: str, region: str, createdAt: num }, (v) => v.bucket as string),
  queues: shape(
    {
      queueId: str, bucket: str, name: str, state: oneOf('Active', 'Paused'),
      notifyConfig: (v) => isObj(v) && oneOf('On', 'Off')(v.State), maxSize: num, maxConcurrent: num, category: str,
      createdAt: num, updatedAt: num,
    },
    (v) => v.queueId as string,
  ),
  templates: shape(
    { templateId: str, bucket: str, name: str, tag: oneOf('Watermark', 'VideoEnhance'), body: isObj, createdAt: num, updatedAt: num },
    (v) => v.templateId as string,
  ),
  jobs: shape(
    {
      jobId: str, seq: num, bucket: str, region: str, tag: oneOf('VideoEnhance'),
      state: oneOf('Submitted', 'Running', 'Success', 'Failed', 'Pause', 'Cancel'), code: str, message: str, queueId: str,
      inputObject: str, operation: isObj, jobLevel: num,
      callback: (v) => isObj(v) && oneOf('XML', 'JSON')(v.format) && str(v.type) && typeof v.suppressed === 'boolean' && optional(str)(v.url),
      durationMs: num, createdAt: num, startedAt: optional(num), endedAt: optional(num),
      mediaResult: optional(isObj), mediaInfo: optional(isObj),
    },
    (v) => v.jobId as string,
  ),
  corruptInputs: shape({ bucket: str, key: str, code: str, message: str }, (v) => objectId(v.bucket as string, v.key as string)),
  meta: shape({ value: num }),
};

/** Why a stored record of collection `c` under `key` is not valid, or `undefined` when it is. */
export function recordProblem(c: string, key: unknown, value: unknown): string | undefined {
  if (!(COLLECTION_NAMES as readonly string[]).includes(c)) return `unknown collection ${shownValue(c)}`;
  if (typeof key !== 'string' || key === '') return `the key is ${shownValue(key)}, not a non-empty string`;
  if (!isObj(value)) return `the ${c} record ${JSON.stringify(key)} is ${shownValue(value)}, not an object`;
  const problem = CHECKS[c as CollectionName](value, key);
  return problem === undefined ? undefined : `the ${c} record ${JSON.stringify(key)}: ${problem}`;
}

/** Why a journal entry is not an upsert `{c,k,v}`, a delete `{c,k,d:1}` or a reset `{reset:1}`, or `undefined`. */
export function changeProblem(change: unknown): string | undefined {
  if (!isObj(change)) return `a journal entry must be an object, got ${shownValue(change)}`;
  if ('reset' in change) return change.reset === 1 && Object.keys(change).length === 1 ? undefined : 'a reset entry must be exactly {"reset":1}';
  if ('d' in change) {
    if (change.d !== 1 || 'v' in change) return 'a delete entry must be {"c":…,"k":…,"d":1}';
    if (!(COLLECTION_NAMES as readonly string[]).includes(change.c as string)) return `unknown collection ${shownValue(change.c)}`;
    return typeof change.k === 'string' && change.k !== '' ? undefined : `the key is ${shownValue(change.k)}, not a non-empty string`;
  }
  if (!('v' in change)) return 'a journal entry must be an upsert {c,k,v}, a delete {c,k,d:1} or a reset {reset:1}';
  return recordProblem(change.c as string, change.k, change.v);
}

function shownValue(v: unknown): string {
  const text = v === undefined ? 'missing' : JSON.stringify(v) ?? String(v);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
