/**
 * The request pipeline: non-mutating steps from an operation's request to a parsed response.
 *
 *   body (XML or bytes) → headers (Host, token, Content-Type, Content-Length, Content-MD5)
 *   → sign (headersToSign; start = now − 1 s, end = start + 900 s) → send → parse (parseXml)
 *
 * Every attempt runs every step again from the caller's unchanged request: a retry rebuilds and re-signs.
 */
import { createHash } from 'node:crypto';
import { parseXml, type XmlObject } from '../model/xml';
import type { Credentials } from './credentials';
import { jsonErrorCode } from './numeric-error-codes';
import { securityTokenHeader, targetFor, type HostKind, type Target } from './endpoints';
import {
  ConnectionError,
  TencentApiError,
  TimeoutError,
  UnexpectedResponseError,
  UnknownOutcomeError,
  type RequestIdentity,
} from './errors';
import type { RequestPacer } from './pacer';
import { backoffDelay, isClockSkew, isRetryable, isThrottle, type Clock, type RetryPolicy } from './retry';
import { headersToSign, urlEncode } from './signer';
import type { Transport, WireRequest, WireResponse } from './transport';

export type HttpMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';

export type RequestBody =
  | { readonly kind: 'xml'; readonly xml: string }
  | { readonly kind: 'bytes'; readonly bytes: Uint8Array; readonly contentType?: string };

/** One API call as an operation describes it. */
export interface OperationRequest {
  /** The API name for messages, e.g. `SubmitJob`. */
  readonly operation: string;
  readonly kind: HostKind;
  /** Required for every host kind but `ci-service`. */
  readonly bucket?: string;
  readonly method: HttpMethod;
  /** The decoded path, starting with `/` (e.g. `/input/腾讯云.mp4`). */
  readonly pathname: string;
  /** `''` is a parameter without value (`?cancel`); `undefined` entries are left out. */
  readonly query?: Readonly<Record<string, string | undefined>>;
  /** Characters kept literal in the wire path, e.g. `,` in `/jobs/<id1>,<id2>` as the Go SDK sends it. */
  readonly pathKeeps?: string;
  /** Extra headers (any case). */
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: RequestBody;
  /**
   * A create (`POST /jobs`, `POST /template`, `POST /mediabucket`): never re-sent; an unknown outcome is an
   * `UnknownOutcomeError`.
   */
  readonly create?: boolean;
  /** The error code for a status without an `<Error>` body (HEAD), e.g. `{ 404: 'NoSuchKey' }`. */
  readonly codeForStatus?: Readonly<Record<number, string>>;
}

/** What the pipeline needs from the client. */
export interface PipelineConfig {
  readonly region: string;
  readonly credentials: Credentials;
  /** An origin that receives every request instead of the real host. */
  readonly endpoint?: string;
  readonly transport: Transport;
  readonly retry: RetryPolicy;
  readonly clock: Clock;
  /** Consulted before every attempt and told how the service answered it. */
  readonly pacer?: RequestPacer;
}

/** How long a signature is valid, in seconds (the official SDKs' default). */
export const SIGNATURE_VALIDITY_SECONDS = 900;

// ---------------------------------------------------------------------------------------------------------
// The steps, each a pure function returning new objects.

/** Step 1: the body bytes and the headers that describe them. */
export function bodyStep(body: RequestBody | undefined, method: HttpMethod): {
  bytes?: Buffer;
  headers: Record<string, string>;
} {
  if (body === undefined) {
    // PUT and POST always state their length (CI answers 411 MissingContentLength otherwise).
    return method === 'PUT' || method === 'POST'
      ? { bytes: Buffer.alloc(0), headers: { 'content-length': '0' } }
      : { headers: {} };
  }
  const bytes = body.kind === 'xml' ? Buffer.from(body.xml, 'utf8') : Buffer.from(body.bytes);
  const headers: Record<string, string> = { 'content-length': String(bytes.length) };
  const type = body.kind === 'xml' ? 'application/xml' : body.contentType;
  if (type !== undefined) headers['content-type'] = type;
  if (bytes.length > 0) headers['content-md5'] = createHash('md5').update(bytes).digest('base64');
  return { bytes, headers };
}

/** Step 2: every header of the request but `authorization`, names lower-cased. */
export function headerStep(
  target: Target,
  credentials: Credentials,
  extra: Readonly<Record<string, string>> | undefined,
  bodyHeaders: Readonly<Record<string, string>>,
): Record<string, string> {
  const headers: Record<string, string> = { host: target.host };
  for (const [name, value] of Object.entries(extra ?? {})) headers[name.toLowerCase()] = value;
  Object.assign(headers, bodyHeaders);
  const token = credentials.securityToken();
  if (token !== undefined) headers[securityTokenHeader(target.kind)] = token;
  return headers;
}

/** The query without `undefined` entries. */
export function definedQuery(query: OperationRequest['query']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

/** The %-encoded wire path: each segment encoded once (`/` and `keep` kept), then `?k=v&flag`. */
export function wirePath(pathname: string, query: Readonly<Record<string, string>>, keep = ''): string {
  const encodeSegment = (segment: string): string =>
    [...keep].reduce((text, c) => text.split(urlEncode(c)).join(c), urlEncode(segment));
  const path = pathname.split('/').map(encodeSegment).join('/');
  const parts = Object.entries(query).map(([k, v]) => (v === '' ? urlEncode(k) : `${urlEncode(k)}=${urlEncode(v)}`));
  return parts.length > 0 ? `${path}?${parts.join('&')}` : path;
}

/**
 * Step 3: the `authorization` header. Signs every header `headersToSign` picks (host, content-length,
 * content-md5, range, x-cos-*, x-ci-*, so also the security token as the Go SDK does; the service checks only
 * what `q-header-list` names, ci-api.md §2.3–2.4) and every query parameter.
 */
export function signStep(
  method: HttpMethod,
  pathname: string,
  query: Readonly<Record<string, string>>,
  headers: Readonly<Record<string, string>>,
  credentials: Credentials,
  nowMs: number,
): Record<string, string> {
  const startTime = Math.floor(nowMs / 1000) - 1;
  const authorization = credentials.sign({
    method,
    pathname,
    query,
    headers: headersToSign(headers),
    startTime,
    endTime: startTime + SIGNATURE_VALIDITY_SECONDS,
  });
  return { ...headers, authorization };
}

/** Steps 1–3 together: the wire request for one attempt at time `nowMs` (already skew-corrected). */
export function prepareRequest(
  op: OperationRequest,
  config: Pick<PipelineConfig, 'region' | 'credentials' | 'endpoint'>,
  nowMs: number,
): { wire: WireRequest; identity: RequestIdentity } {
  const target = targetFor(op.kind, config.region, op.bucket, config.endpoint);
  const query = definedQuery(op.query);
  const body = bodyStep(op.body, op.method);
  const headers = headerStep(target, config.credentials, op.headers, body.headers);
  const signed = signStep(op.method, op.pathname, query, headers, config.credentials, nowMs);
  const path = wirePath(op.pathname, query, op.pathKeeps);
  return {
    wire: { method: op.method, origin: target.origin, path, headers: signed, ...(body.bytes ? { body: body.bytes } : {}) },
    identity: { operation: op.operation, method: op.method, host: target.host, path },
  };
}

/** Step 5: a success body as XML with the expected root. */
export function parseStep(response: WireResponse, identity: RequestIdentity, root: string): XmlObject {
  const text = response.body.toString('utf8');
  if (text.trim() === '') throw new UnexpectedResponseError(identity, response.statusCode, `empty body, expected <${root}>`);
  let parsed: ReturnType<typeof parseXml>;
  try {
    parsed = parseXml(text);
  } catch (err) {
    throw new UnexpectedResponseError(identity, response.statusCode, (err as Error).message);
  }
  if (parsed.root !== root) {
    throw new UnexpectedResponseError(identity, response.statusCode, `root element <${parsed.root}>, expected <${root}>`);
  }
  return typeof parsed.value === 'string' ? {} : parsed.value;
}

const STATUS_CODES: Readonly<Record<number, string>> = {
  301: 'PermanentRedirect',
  307: 'TemporaryRedirect',
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'AccessDenied',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  411: 'MissingContentLength',
  412: 'PreconditionFailed',
  416: 'InvalidRange',
  429: 'SlowDown',
  500: 'InternalError',
  501: 'NotImplemented',
  503: 'ServiceUnavailable',
};

/** An error response as a `TencentApiError`: from `<Error>` XML, a JSON error, or the status alone. */
export function apiErrorFrom(
  response: WireResponse,
  identity: RequestIdentity,
  codeForStatus: Readonly<Record<number, string>> | undefined,
  redact: (text: string) => string,
): TencentApiError {
  const h = response.headers;
  let code: string | undefined;
  let message = '';
  let requestId = h['x-ci-request-id'] ?? h['x-cos-request-id'];
  let traceId = h['x-ci-trace-id'] ?? h['x-cos-trace-id'];
  const text = response.body.toString('utf8').trim();
  if (text.startsWith('<')) {
    try {
      const { root, value } = parseXml(text);
      if (root === 'Error' && typeof value === 'object') {
        const field = (name: string): string | undefined => (typeof value[name] === 'string' ? (value[name] as string) : undefined);
        code = field('Code') || undefined;
        message = field('Message') ?? '';
        requestId = field('RequestId') || requestId;
        traceId = field('TraceId') || traceId;
      }
    } catch {
      // not XML after all: the status decides
    }
  } else if (text.startsWith('{')) {
    // The Go SDK also reads JSON errors `{code, message, request_id}` (ci-api.md §4.1, U whether CI sends them),
    // with `code` an integer (§14 row 8): named through the numbered code table. The XML element names
    // (`Code`, `Message`, `RequestId`) are read too, in case a JSON body is written with them.
    try {
      const json = JSON.parse(text) as Record<string, unknown>;
      code = jsonErrorCode(json.code ?? json.Code) ?? code;
      const msg = json.message ?? json.Message;
      if (typeof msg === 'string') message = msg;
      const id = json.request_id ?? json.RequestId;
      if (typeof id === 'string' && id !== '') requestId = id;
    } catch {
      // not JSON either
    }
  }
  const status = response.statusCode;
  return new TencentApiError(identity, {
    statusCode: status,
    code: code ?? codeForStatus?.[status] ?? STATUS_CODES[status] ?? `Http${status}`,
    message: redact(message),
    ...(requestId ? { requestId } : {}),
    ...(traceId ? { traceId } : {}),
    ...(h['date'] ? { serverDate: h['date'] } : {}),
  });
}

// ---------------------------------------------------------------------------------------------------------

/** A successful exchange: the 2xx response and the identity of the request that got it. */
export interface Exchange {
  readonly response: WireResponse;
  readonly identity: RequestIdentity;
}

/** Runs operations: the steps above, retries, and the clock-skew correction. */
export class RequestPipeline {
  readonly #config: PipelineConfig;
  /** Server time minus client time, learned from a skew error's `Date` header. */
  #clockOffsetMs = 0;

  constructor(config: PipelineConfig) {
    this.#config = config;
  }

  get region(): string {
    return this.#config.region;
  }

  /** The correction applied to the clock when signing (0 until a skew error taught otherwise). */
  get clockOffsetMs(): number {
    return this.#clockOffsetMs;
  }

  /** Sends `op` and returns a 2xx response; anything else throws (see the class comment of each error). */
  async send(op: OperationRequest): Promise<Exchange> {
    const { response, identity } = await this.#exchange(op);
    return { response, identity };
  }

  /**
   * Sends `op`, parses the 2xx body as XML with root `root` and reads it with `read`. For a create, a body
   * that cannot be read makes the outcome unknown: the service did it, but we cannot tell what it made.
   */
  async sendXml<T>(op: OperationRequest, root: string, read: (value: XmlObject, exchange: Exchange) => T): Promise<T> {
    const { response, identity, sentAt } = await this.#exchange(op);
    try {
      return read(parseStep(response, identity, root), { response, identity });
    } catch (err) {
      if (op.create) throw new UnknownOutcomeError(identity, new Date(sentAt), err);
      throw err;
    }
  }

  async #exchange(op: OperationRequest): Promise<{ response: WireResponse; identity: RequestIdentity; sentAt: number }> {
    const { transport, retry, clock, credentials, pacer } = this.#config;
    const redact = (text: string): string => credentials.redact(text);
    const started = clock.now();
    let attempt = 0;
    let skewCorrected = false;
    for (;;) {
      attempt += 1;
      const ticket = pacer === undefined ? undefined : await pacer.acquire();
      // On the signing clock: corrected for any skew learned, so comparable with the service's times.
      const sentAt = clock.now() + this.#clockOffsetMs;
      const { wire, identity } = prepareRequest(op, this.#config, sentAt);
      let failure: unknown;
      try {
        const response = await transport.send(wire, identity, redact);
        if (response.statusCode >= 200 && response.statusCode < 300) {
          ticket?.answered();
          return { response, identity, sentAt };
        }
        failure = apiErrorFrom(response, identity, op.codeForStatus, redact);
        if (isThrottle(failure as TencentApiError)) ticket?.throttled();
        else ticket?.answered();
      } catch (err) {
        failure = err;
      }

      if (failure instanceof TencentApiError && isClockSkew(failure) && !skewCorrected) {
        const serverMs = failure.serverDate === undefined ? NaN : Date.parse(failure.serverDate);
        if (Number.isFinite(serverMs)) {
          // Re-sent once even for a create: an authentication failure is a definite rejection, the service
          // refused the request before doing anything, so the re-signed request cannot create a duplicate.
          this.#clockOffsetMs = serverMs - clock.now();
          skewCorrected = true;
          attempt -= 1;
          continue;
        }
      }

      // A create is re-sent only after a throttling answer (429 SlowDown): the service refused it before doing
      // anything, so waiting and sending it again cannot create a duplicate. Anything else is the caller's.
      const throttled = failure instanceof TencentApiError && failure.statusCode === 429;
      if (op.create && !throttled) throw createFailure(failure, identity, sentAt);

      const elapsed = clock.now() - started;
      const delay = backoffDelay(attempt, retry);
      if (!isRetryable(failure) || attempt >= retry.maxAttempts || elapsed + delay > retry.maxElapsedMs) throw failure;
      await retry.sleep(delay);
    }
  }
}

/**
 * What a failed create becomes: a definite rejection (a 4xx, or a connection that never opened) stays
 * itself; anything else (5xx, timeout after connecting, reset) may have created something and becomes
 * `UnknownOutcomeError`.
 */
function createFailure(failure: unknown, identity: RequestIdentity, sentAt: number): unknown {
  if (failure instanceof TencentApiError && failure.statusCode < 500) return failure;
  if (failure instanceof ConnectionError && failure.delivered === 'no') return failure;
  if (failure instanceof TimeoutError && failure.phase === 'connect') return failure;
  return new UnknownOutcomeError(identity, new Date(sentAt), failure);
}
