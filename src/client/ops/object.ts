/** COS object operations on `<bucket>.cos.<region>.myqcloud.com` (ci-api.md §10). */
import type { Problem } from '../../model/problems';
import type { WireResponse } from '../transport';
import type { RequestPipeline } from '../pipeline';
import { intOf, objectsOf, textOf } from '../read';
import { bucketProblems, check, numberParam, positiveIntProblems, requestIdOf } from './common';

export interface ObjectInput {
  readonly bucket: string;
  /** The object key, 1–850 bytes of UTF-8, without a leading `/`. */
  readonly key: string;
}

export interface PutObjectInput extends ObjectInput {
  readonly body: string | Uint8Array;
  readonly contentType?: string;
  /** Sent as `x-cos-meta-<name>` headers; names of letters, digits and `-`, values of printable ASCII. */
  readonly metadata?: Readonly<Record<string, string>>;
}

export interface GetObjectInput extends ObjectInput {
  /** A single byte range, `end` inclusive (`Range: bytes=start-end`). */
  readonly range?: { readonly start: number; readonly end?: number };
}

/** What HEAD and GET tell about an object. */
export interface ObjectInfo {
  readonly contentLength: number;
  readonly contentType: string | undefined;
  readonly etag: string | undefined;
  readonly lastModified: string | undefined;
  /** `x-cos-meta-*` headers by their name without the prefix. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly requestId: string | undefined;
}

export interface GetObjectOutput extends ObjectInfo {
  /** 200, or 206 for a range. */
  readonly statusCode: number;
  readonly body: Buffer;
  readonly contentRange: string | undefined;
}

export interface ListObjectsInput {
  readonly bucket: string;
  readonly prefix?: string;
  /** List keys after this one. */
  readonly marker?: string;
  /** [1, 1000]. @default - the service default, 1000 */
  readonly maxKeys?: number;
  readonly delimiter?: string;
}

export interface ObjectSummary {
  readonly key: string;
  readonly size: number;
  readonly etag: string | undefined;
  readonly lastModified: string | undefined;
}

export interface ListObjectsOutput {
  readonly objects: readonly ObjectSummary[];
  readonly commonPrefixes: readonly string[];
  readonly isTruncated: boolean;
  /** The marker of the next page, when `isTruncated`. */
  readonly nextMarker: string | undefined;
}

const KEY_MAX_BYTES = 850;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function keyProblems(key: unknown, path = 'key'): Problem[] {
  if (typeof key !== 'string' || key === '') return [{ path, rule: 'must be a non-empty string', value: key }];
  if (LONE_SURROGATE.test(key)) return [{ path, rule: 'must be well-formed Unicode (no lone surrogates)', value: key }];
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes > KEY_MAX_BYTES) return [{ path, rule: `must be at most ${KEY_MAX_BYTES} bytes of UTF-8`, value: `${bytes} bytes` }];
  return [];
}

function metadataProblems(metadata: Readonly<Record<string, string>> | undefined): Problem[] {
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(metadata ?? {})) {
    if (!/^[A-Za-z0-9-]+$/.test(name)) {
      problems.push({ path: `metadata.${name}`, rule: 'must be named with letters, digits and `-`', value: name });
    }
    if (!/^[\x20-\x7e]*$/.test(value)) {
      problems.push({ path: `metadata.${name}`, rule: 'must be printable ASCII', value });
    }
  }
  return problems;
}

function objectInfo(response: WireResponse): ObjectInfo {
  const h = response.headers;
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(h)) {
    if (name.startsWith('x-cos-meta-')) metadata[name.slice('x-cos-meta-'.length)] = value;
  }
  return {
    contentLength: h['content-length'] !== undefined ? Number(h['content-length']) : response.body.length,
    contentType: h['content-type'],
    etag: h['etag'],
    lastModified: h['last-modified'],
    metadata,
    requestId: requestIdOf(h),
  };
}

/** `PUT /<key>` with `Content-MD5`, so the service checks what it stored. */
export async function putObject(
  p: RequestPipeline,
  input: PutObjectInput,
): Promise<{ etag: string | undefined; requestId: string | undefined }> {
  check('PutObject', [...bucketProblems(input.bucket), ...keyProblems(input.key), ...metadataProblems(input.metadata)]);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.metadata ?? {})) headers[`x-cos-meta-${name.toLowerCase()}`] = value;
  const bytes = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
  const { response } = await p.send({
    operation: 'PutObject',
    kind: 'cos',
    bucket: input.bucket,
    method: 'PUT',
    pathname: `/${input.key}`,
    headers,
    body: { kind: 'bytes', bytes, ...(input.contentType !== undefined ? { contentType: input.contentType } : {}) },
  });
  return { etag: response.headers['etag'], requestId: requestIdOf(response.headers) };
}

/** `GET /<key>`, optionally one range. 404 is `NoSuchKey`. */
export async function getObject(p: RequestPipeline, input: GetObjectInput): Promise<GetObjectOutput> {
  const problems = [...bucketProblems(input.bucket), ...keyProblems(input.key)];
  const r = input.range;
  if (r !== undefined) {
    if (!Number.isSafeInteger(r.start) || r.start < 0) problems.push({ path: 'range.start', rule: 'must be an integer >= 0', value: r.start });
    if (r.end !== undefined && (!Number.isSafeInteger(r.end) || r.end < r.start)) {
      problems.push({ path: 'range.end', rule: 'must be an integer >= range.start', value: r.end });
    }
  }
  check('GetObject', problems);
  const headers: Record<string, string> = r === undefined ? {} : { range: `bytes=${r.start}-${r.end ?? ''}` };
  const { response } = await p.send({
    operation: 'GetObject',
    kind: 'cos',
    bucket: input.bucket,
    method: 'GET',
    pathname: `/${input.key}`,
    headers,
    codeForStatus: { 404: 'NoSuchKey' },
  });
  return {
    ...objectInfo(response),
    statusCode: response.statusCode,
    body: response.body,
    contentRange: response.headers['content-range'],
  };
}

/** `HEAD /<key>`: 404 is a `TencentApiError` with code `NoSuchKey`. */
export async function headObject(p: RequestPipeline, input: ObjectInput): Promise<ObjectInfo> {
  check('HeadObject', [...bucketProblems(input.bucket), ...keyProblems(input.key)]);
  const { response } = await p.send({
    operation: 'HeadObject',
    kind: 'cos',
    bucket: input.bucket,
    method: 'HEAD',
    pathname: `/${input.key}`,
    codeForStatus: { 404: 'NoSuchKey' },
  });
  return objectInfo(response);
}

/** `DELETE /<key>` (204; also 204 when the key does not exist). */
export async function deleteObject(p: RequestPipeline, input: ObjectInput): Promise<{ requestId: string | undefined }> {
  check('DeleteObject', [...bucketProblems(input.bucket), ...keyProblems(input.key)]);
  const { response } = await p.send({ operation: 'DeleteObject', kind: 'cos', bucket: input.bucket, method: 'DELETE', pathname: `/${input.key}` });
  return { requestId: requestIdOf(response.headers) };
}

/** `GET /` (GET Bucket): one page of keys. */
export async function listObjects(p: RequestPipeline, input: ListObjectsInput): Promise<ListObjectsOutput> {
  check('ListObjects', [...bucketProblems(input.bucket), ...positiveIntProblems(input.maxKeys, 'maxKeys', 1000)]);
  return p.sendXml(
    {
      operation: 'ListObjects',
      kind: 'cos',
      bucket: input.bucket,
      method: 'GET',
      pathname: '/',
      query: { prefix: input.prefix, marker: input.marker, 'max-keys': numberParam(input.maxKeys), delimiter: input.delimiter },
    },
    'ListBucketResult',
    (value) => {
      const objects = objectsOf(value, 'Contents').map((c) => ({
        key: textOf(c, 'Key') ?? '',
        size: intOf(c, 'Size') ?? 0,
        etag: textOf(c, 'ETag'),
        lastModified: textOf(c, 'LastModified'),
      }));
      const commonPrefixes = objectsOf(value, 'CommonPrefixes').flatMap((c) => textOf(c, 'Prefix') ?? []);
      const isTruncated = textOf(value, 'IsTruncated') === 'true';
      // COS sends NextMarker when truncated; S3-style services only with a delimiter, so fall back to the last key.
      const nextMarker = isTruncated ? textOf(value, 'NextMarker') || objects[objects.length - 1]?.key : undefined;
      return { objects, commonPrefixes, isTruncated, nextMarker };
    },
  );
}
