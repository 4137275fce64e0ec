/** COS objects: put (with `Content-MD5` check), get, delete, list (ci-api.md §10). */
import { createHash } from 'node:crypto';
import { MAX_OBJECT_KEY_BYTES, validateObjectKey } from '../../model';
import { crc64ecma } from '../crc64';
import { ApiError } from '../errors';
import { newBlobId } from '../ids';
import { objectId, type ObjectRecord, type SortedObject, type Store } from '../state';
import { problemsMessage } from '../validation';
import { requireBucket } from './buckets';

export interface PutObjectInput {
  readonly bucket: string;
  readonly region: string;
  readonly key: string;
  readonly body: Buffer;
  readonly contentType?: string;
  /** Base64 MD5 of the body, when the client sent `Content-MD5`. */
  readonly contentMd5?: string;
  /** Headers kept with the object and returned on GET/HEAD. */
  readonly headers: Readonly<Record<string, string>>;
  readonly now: number;
}

export function checkObjectKey(key: string, bucket: string): void {
  if (Buffer.byteLength(key) > MAX_OBJECT_KEY_BYTES) {
    throw new ApiError('KeyTooLong', `The object key is longer than ${MAX_OBJECT_KEY_BYTES} bytes.`, 400, `${bucket}/${key}`);
  }
  const problems = validateObjectKey(key, 'Key');
  if (problems.length > 0) throw new ApiError('InvalidObjectName', problemsMessage(problems), 400, `${bucket}/${key}`);
}

export function putObject(store: Store, input: PutObjectInput): ObjectRecord {
  requireBucket(store, input.bucket, input.region);
  checkObjectKey(input.key, input.bucket);
  const md5 = createHash('md5').update(input.body).digest();
  if (input.contentMd5 !== undefined) {
    const given = Buffer.from(input.contentMd5, 'base64');
    if (given.length !== 16 || given.toString('base64') !== input.contentMd5.trim()) {
      throw new ApiError('InvalidDigest', 'The Content-MD5 you specified is not valid.', 400, `${input.bucket}/${input.key}`);
    }
    if (!given.equals(md5)) {
      throw new ApiError('BadDigest', 'The Content-MD5 you specified did not match what was received.', 400, `${input.bucket}/${input.key}`);
    }
  }
  return storeObject(store, input.bucket, input.key, input.body, input.contentType, input.headers, input.now);
}

/** Writes an object without the request checks (job outputs). */
export function storeObject(
  store: Store,
  bucket: string,
  key: string,
  body: Buffer,
  contentType: string | undefined,
  headers: Readonly<Record<string, string>>,
  now: number,
): ObjectRecord {
  const record: ObjectRecord = {
    bucket,
    key,
    size: body.length,
    etag: createHash('md5').update(body).digest('hex'),
    crc64: crc64ecma(body),
    contentType: contentType || 'application/octet-stream',
    lastModified: now,
    headers,
    blobId: newBlobId(),
  };
  store.putObject(record, body);
  return record;
}

export function getObject(store: Store, bucket: string, region: string, key: string): { record: ObjectRecord; body: Buffer } {
  requireBucket(store, bucket, region);
  const record = store.get('objects', objectId(bucket, key));
  if (!record) throw new ApiError('NoSuchKey', 'The specified key does not exist.', 404, `${bucket}/${key}`);
  return { record, body: store.body(record) };
}

/** Deleting a missing key succeeds, as in COS. */
export function deleteObject(store: Store, bucket: string, region: string, key: string): void {
  requireBucket(store, bucket, region);
  store.removeObject(bucket, key);
}

export interface ListObjectsInput {
  readonly prefix: string;
  readonly marker: string;
  readonly delimiter: string;
  readonly maxKeys: number;
}

export interface ListObjectsResult {
  readonly contents: readonly ObjectRecord[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  readonly nextMarker?: string;
}

/** Keys after `marker` that start with `prefix`, grouped by `delimiter`, at most `maxKeys` entries. */
export function listObjects(store: Store, bucket: string, region: string, input: ListObjectsInput): ListObjectsResult {
  requireBucket(store, bucket, region);
  const contents: ObjectRecord[] = [];
  const prefixes: string[] = [];
  let isTruncated = false;
  let last: string | undefined;
  const sorted = store.sortedObjectsOf(bucket);
  // Keys under the prefix are one run of the sorted list, and those after the marker its tail: start at the
  // later of the two by binary search instead of walking the bucket from its first key.
  const marker = Buffer.from(input.marker);
  const start = Math.max(
    firstIndex(sorted, (o) => Buffer.compare(o.bytes, Buffer.from(input.prefix)) >= 0),
    input.marker === '' ? 0 : firstIndex(sorted, (o) => Buffer.compare(o.bytes, marker) > 0),
  );
  for (let i = start; i < sorted.length; i++) {
    const record = (sorted[i] as SortedObject).record;
    if (!record.key.startsWith(input.prefix)) break;
    // A marker that is a common prefix (the last entry of a previous page) skips that whole group.
    if (input.delimiter !== '' && input.marker.endsWith(input.delimiter) && record.key.startsWith(input.marker)) continue;
    let common: string | undefined;
    if (input.delimiter !== '') {
      const at = record.key.indexOf(input.delimiter, input.prefix.length);
      if (at >= 0) common = record.key.slice(0, at + input.delimiter.length);
    }
    if (common !== undefined && prefixes[prefixes.length - 1] === common) continue;
    if (contents.length + prefixes.length >= input.maxKeys) {
      isTruncated = true;
      break;
    }
    if (common !== undefined) {
      prefixes.push(common);
      last = common;
    } else {
      contents.push(record);
      last = record.key;
    }
  }
  return { contents, commonPrefixes: prefixes, isTruncated, nextMarker: isTruncated ? last : undefined };
}

/** The first index of `list` where `atOrAfter` holds (it holds for a tail of the list), or its length. */
function firstIndex<T>(list: readonly T[], atOrAfter: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (atOrAfter(list[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
