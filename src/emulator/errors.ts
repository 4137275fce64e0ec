/**
 * Error codes and their `<Error>` bodies (ci-api.md §4). CI hosts (`*.ci.*`, `*.pic.*`, `ci.<region>…`) and COS
 * hosts document different codes for the same failure (auth: 401 vs 403; `SlowDown`: 429 vs 503), so the
 * host-dependent ones are built by the helpers below.
 */
import { buildXml } from '../model';

/** What a request's host names: a COS bucket, a CI bucket host, a pic (bind) host, the CI service host, or none. */
export type HostKind = 'cos' | 'ci' | 'pic' | 'ci-service' | 'none';

/** CI-style hosts answer with `x-ci-*` headers and the CI error table. */
export const isCiHost = (kind: HostKind): boolean => kind === 'ci' || kind === 'pic' || kind === 'ci-service';

/** Default HTTP status per code (ci-api.md §4.2, §4.3). Codes marked U there use 400 (see the notes). */
const STATUS: Readonly<Record<string, number>> = {
  InvalidArgument: 400,
  MissingContent: 400,
  InvalidContent: 400,
  InvalidHost: 400,
  ResourceNotFound: 400,
  // ci-api.md §4.2: HTTP status of TemplateNotFound, QueueNotFound, TemplateNameDuplicate and MediaBucketUnBinded
  // is unconfirmed; 400 as ci-api.md suggests.
  TemplateNotFound: 400,
  QueueNotFound: 400,
  TemplateNameDuplicate: 400,
  MediaBucketUnBinded: 400,
  InvalidContentType: 400,
  MissingAuthorization: 401,
  InvalidAuthorization: 401,
  SecretidNotExist: 401,
  SignatureExpired: 401,
  AccessDenied: 403,
  MediaBucketAlreadyBinded: 403,
  QueueSaturated: 403,
  InvalidUrl: 404,
  MissingContentLength: 411,
  InternalError: 500,
  NotImplemented: 501,
  ServiceUnavailable: 503,
  InvalidBucketName: 400,
  InvalidRequest: 400,
  InvalidURI: 400,
  MalformedXML: 400,
  EntityTooLarge: 400,
  BadDigest: 400,
  InvalidDigest: 400,
  KeyTooLong: 400,
  InvalidObjectName: 400,
  SignatureDoesNotMatch: 403,
  InvalidAccessKeyId: 403,
  RequestTimeTooSkewed: 403,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  MethodNotAllowed: 405,
  BucketAlreadyExists: 409,
  BucketAlreadyOwnedByYou: 409,
  BucketNotEmpty: 409,
  PreconditionFailed: 412,
  InvalidRange: 416,
};

/** An API failure: an HTTP status, a Tencent error code and a message. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** COS `<Resource>`: the bucket or object addressed. */
  readonly resource?: string;

  constructor(code: string, message: string, status?: number, resource?: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.status = status ?? STATUS[code] ?? 400;
    this.resource = resource;
  }

  /** The `<Error>` document. CI bodies carry no `<Resource>` (ci-api.md §4.1). */
  toXml(kind: HostKind, requestId: string, traceId: string): string {
    const body: Record<string, string> = { Code: this.code, Message: this.message };
    if (!isCiHost(kind) && this.resource !== undefined) body.Resource = this.resource;
    body.RequestId = requestId;
    body.TraceId = traceId;
    return `<?xml version='1.0' encoding='utf-8' ?>\n${safeXmlText(buildXml('Error', body))}`;
  }
}

/** Why a signature check failed; mapped to each host family's code by `authError`. */
export type AuthFailure = 'missing' | 'malformed' | 'unknown-key' | 'mismatch' | 'expired' | 'skewed' | 'bad-token';

/**
 * CI hosts: 401 `MissingAuthorization` / `InvalidAuthorization` / `SecretidNotExist` / `SignatureExpired` /
 * `AccessDenied`; COS hosts: 403 `AccessDenied` / `InvalidAccessKeyId` / `SignatureDoesNotMatch` /
 * `RequestTimeTooSkewed` (ci-api.md §2.5). What a CI host answers for a wrong signature is not documented
 * (ci-api.md §2.5 U); 401 `AccessDenied` is the nearest documented code.
 */
export function authError(kind: HostKind, failure: AuthFailure, detail: string): ApiError {
  if (isCiHost(kind)) {
    const code: Record<AuthFailure, string> = {
      missing: 'MissingAuthorization',
      malformed: 'InvalidAuthorization',
      'unknown-key': 'SecretidNotExist',
      mismatch: 'AccessDenied',
      expired: 'SignatureExpired',
      skewed: 'AccessDenied',
      'bad-token': 'AccessDenied',
    };
    return new ApiError(code[failure], detail, 401);
  }
  const code: Record<AuthFailure, string> = {
    missing: 'AccessDenied',
    malformed: 'AccessDenied',
    'unknown-key': 'InvalidAccessKeyId',
    mismatch: 'SignatureDoesNotMatch',
    expired: 'AccessDenied',
    skewed: 'RequestTimeTooSkewed',
    'bad-token': 'AccessDenied',
  };
  return new ApiError(code[failure], detail, 403);
}

/** Over the request budget: CI documents 429 `SlowDown`, COS 503 `SlowDown` (ci-api.md §4.2, §4.3). */
export function slowDown(kind: HostKind): ApiError {
  return new ApiError('SlowDown', 'Please reduce your request rate.', isCiHost(kind) ? 429 : 503);
}

/** A body over the size limit: CI 413 `InvalidContent`, COS 400 `EntityTooLarge` (ci-api.md §4.2, §4.3). */
export function bodyTooLarge(kind: HostKind, limit: number): ApiError {
  return isCiHost(kind)
    ? new ApiError('InvalidContent', `request body exceeds ${limit} bytes`, 413)
    : new ApiError('EntityTooLarge', `request body exceeds the emulator's limit of ${limit} bytes`, 400);
}

/** A body that is not XML / not UTF-8: CI `InvalidContent`, COS `MalformedXML`. */
export function malformedBody(kind: HostKind, detail: string): ApiError {
  return isCiHost(kind) ? new ApiError('InvalidContent', detail) : new ApiError('MalformedXML', detail);
}

/**
 * Removes what XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF) so a response echoing
 * hostile input stays well-formed; each is replaced by U+FFFD.
 */
export function safeXmlText(xml: string): string {
  // eslint-disable-next-line no-control-regex
  return xml.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** A value shown in a message: JSON, cut to 120 characters. */
export function shown(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
