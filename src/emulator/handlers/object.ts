/** COS object operations: PUT / GET / HEAD / DELETE Object, with `Range` and conditional reads (ci-api.md §10). */
import type { IncomingHttpHeaders } from 'node:http';
import { deleteObject, getObject, putObject } from '../domain/objects';
import { ApiError } from '../errors';
import type { ObjectRecord } from '../state';
import { formatHttpDate } from '../time';
import { empty, type ApiRequest, type Handler, type Reply } from './context';

/** Request headers kept with an object and returned when it is read. */
const STORED_HEADERS = ['cache-control', 'content-disposition', 'content-encoding', 'expires'];

function storedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (name.startsWith('x-cos-meta-') || STORED_HEADERS.includes(name)) out[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

const header = (req: ApiRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
};

export const putObjectHandler: Handler = (req, core) => {
  if (req.headers['x-cos-copy-source'] !== undefined) {
    throw new ApiError('NotImplemented', 'PUT Object - Copy is not emulated.', 501, `${req.bucket}/${req.params[0]}`);
  }
  const record = putObject(core.store, {
    bucket: req.bucket,
    region: req.region,
    key: req.params[0] as string,
    body: req.body,
    contentType: header(req, 'content-type'),
    contentMd5: header(req, 'content-md5'),
    headers: storedHeaders(req.headers),
    now: core.clock.now(),
  });
  return empty(200, { etag: `"${record.etag}"`, 'x-cos-hash-crc64ecma': record.crc64 });
};

function objectHeaders(record: ObjectRecord, req: ApiRequest): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': record.contentType,
    etag: `"${record.etag}"`,
    'last-modified': formatHttpDate(record.lastModified),
    'accept-ranges': 'bytes',
    'x-cos-hash-crc64ecma': record.crc64,
    'x-cos-storage-class': 'STANDARD',
    ...record.headers,
  };
  for (const name of ['content-type', 'cache-control', 'content-disposition', 'content-encoding', 'content-language', 'expires']) {
    const override = req.query.get(`response-${name}`);
    if (override === undefined) continue;
    // A header value cannot carry CR, LF or other control characters (RFC 9110 §5.5): refuse, as COS does,
    // instead of failing while writing the answer.
    if (/[^\t\x20-\x7e\x80-\xff]/.test(override)) {
      throw new ApiError('InvalidArgument', `response-${name} must be a valid header value (no control characters such as CR or LF).`, 400);
    }
    headers[name] = override;
  }
  return headers;
}

/** `If-Match` / `If-None-Match`: 412 or 304 when they say so. */
function conditional(record: ObjectRecord, req: ApiRequest, headers: Record<string, string>): Reply | undefined {
  const etag = `"${record.etag}"`;
  const matches = (list: string): boolean => list.split(',').some((t) => t.trim() === '*' || t.trim().replace(/^W\//, '') === etag);
  const ifMatch = header(req, 'if-match');
  if (ifMatch !== undefined && !matches(ifMatch)) {
    throw new ApiError('PreconditionFailed', 'At least one of the preconditions you specified did not hold.', 412, `${req.bucket}/${record.key}`);
  }
  const ifNoneMatch = header(req, 'if-none-match');
  if (ifNoneMatch !== undefined && matches(ifNoneMatch)) return { status: 304, headers: { etag: headers.etag as string } };
  return undefined;
}

/** One `bytes=` range; `undefined` for no or an unusable `Range` (the whole object is served, as S3/COS do). */
function parseRange(value: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = value === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(value.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

export const getObjectHandler: Handler = (req, core) => {
  const { record, body } = getObject(core.store, req.bucket, req.region, req.params[0] as string);
  const headers = objectHeaders(record, req);
  const early = conditional(record, req, headers);
  if (early) return early;
  const range = parseRange(header(req, 'range'), record.size);
  if (range === 'unsatisfiable') {
    throw new ApiError('InvalidRange', 'The requested range is not satisfiable.', 416, `${req.bucket}/${record.key}`);
  }
  if (range) {
    return {
      status: 206,
      headers: { ...headers, 'content-range': `bytes ${range.start}-${range.end}/${record.size}` },
      body: body.subarray(range.start, range.end + 1),
    };
  }
  return { status: 200, headers, body };
};

/** `HEAD`: the headers of GET, with `Content-Length` of the object and no body. */
export const headObjectHandler: Handler = (req, core) => {
  const { record } = getObject(core.store, req.bucket, req.region, req.params[0] as string);
  const headers = objectHeaders(record, req);
  return conditional(record, req, headers) ?? { status: 200, headers: { ...headers, 'content-length': String(record.size) } };
};

/** `DELETE`: 204, also for a key that does not exist. */
export const deleteObjectHandler: Handler = (req, core) => {
  deleteObject(core.store, req.bucket, req.region, req.params[0] as string);
  return empty(204);
};
