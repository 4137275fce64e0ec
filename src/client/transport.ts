/**
 * The HTTP transport on undici: one request in, the whole response (body always read) out, transport
 * failures mapped to `ConnectionError` / `TimeoutError`. No retries here (see retry.ts and pipeline.ts).
 */
import type { Dispatcher } from 'undici';
import { ConnectionError, TimeoutError, type RequestIdentity } from './errors';

// Only the two parts of undici the transport uses, from their own modules: undici's index loads fetch,
// WebSocket, caches, mocks and more when required (about 50 ms of every handler start, and half the size of
// the bundled handler, which every Terraform provisioner loads). undici is pinned to an exact version in
// package.json, so these paths inside it cannot move unnoticed.
/** undici's keep-alive `Agent`. */
const Agent = require('undici/lib/dispatcher/agent') as typeof import('undici').Agent;
/** undici's `request()` API, called on any dispatcher (ours, or a `MockAgent` a test injects). */
const dispatcherRequest = require('undici/lib/api/api-request') as (
  this: Dispatcher,
  options: Dispatcher.RequestOptions,
) => Promise<Dispatcher.ResponseData>;

export interface Timeouts {
  /** Establishing the TCP/TLS connection. @default 10000 */
  readonly connectMs: number;
  /** From the request being sent to the response headers. @default 30000 */
  readonly headersMs: number;
  /** Between two chunks of the response body. @default 60000 */
  readonly bodyMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 60_000 };

/** A request as it goes on the wire. `path` is already %-encoded, with its query. */
export interface WireRequest {
  readonly method: string;
  /** Where to connect, e.g. `https://examplebucket-1250000000.ci.ap-guangzhou.myqcloud.com`. */
  readonly origin: string;
  readonly path: string;
  /** Lower-case names, including `host` and `authorization`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
}

export interface WireResponse {
  readonly statusCode: number;
  /** Lower-case names; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

export interface TransportOptions {
  /** An undici dispatcher (a `MockAgent` in tests). @default - a keep-alive `Agent` owned by the transport */
  readonly dispatcher?: Dispatcher;
  readonly timeouts?: Partial<Timeouts>;
}

/** Failures before any byte of the request can have left: the service cannot have seen it. */
const NOT_DELIVERED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

/** Connection failures worth another attempt for requests that may be repeated. */
export const TRANSIENT_CONNECTION_REASONS: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

export class Transport {
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #timeouts: Timeouts;

  constructor(options: TransportOptions = {}) {
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.#ownsDispatcher = options.dispatcher === undefined;
    this.#dispatcher =
      options.dispatcher ??
      new Agent({
        keepAliveTimeout: 10_000,
        connect: { timeout: this.#timeouts.connectMs },
        headersTimeout: this.#timeouts.headersMs,
        bodyTimeout: this.#timeouts.bodyMs,
      });
  }

  /**
   * Sends one request and reads the whole response. `redact` cleans any text taken from an underlying
   * error before it becomes part of ours (a failing dispatcher may quote request headers).
   */
  async send(request: WireRequest, identity: RequestIdentity, redact: (text: string) => string): Promise<WireResponse> {
    let response: Dispatcher.ResponseData;
    try {
      response = await dispatcherRequest.call(this.#dispatcher, {
        origin: request.origin,
        path: request.path,
        method: request.method as Dispatcher.HttpMethod,
        headers: { ...request.headers },
        body: request.body === undefined ? null : Buffer.from(request.body),
        headersTimeout: this.#timeouts.headersMs,
        bodyTimeout: this.#timeouts.bodyMs,
      });
    } catch (err) {
      throw mapFailure(err, identity, 'request', redact);
    }
    let body: Buffer;
    try {
      body = Buffer.from(await response.body.arrayBuffer());
    } catch (err) {
      throw mapFailure(err, identity, 'body', redact);
    }
    return { statusCode: response.statusCode, headers: flattenHeaders(response.headers), body };
  }

  /** Closes the keep-alive agent if this transport created it; an injected dispatcher is left open. */
  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }
}

function flattenHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    const cause = (err as { cause?: unknown }).cause;
    if (cause !== undefined && cause !== err) {
      const inner = errorCode(cause);
      if (inner !== 'unknown') return inner;
    }
    const name = (err as { name?: unknown }).name;
    if (typeof name === 'string' && name !== 'Error') return name;
  }
  return 'unknown';
}

function isTlsFailure(code: string): boolean {
  return code.startsWith('ERR_TLS_') || code.startsWith('ERR_SSL_') || code.includes('CERT') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE';
}

/** Maps an undici/system failure to a named error with a sanitized cause. */
export function mapFailure(
  err: unknown,
  identity: RequestIdentity,
  stage: 'request' | 'body',
  redact: (text: string) => string,
): ConnectionError | TimeoutError {
  const code = errorCode(err);
  const text = err instanceof Error ? err.message : String(err);
  const cause = new Error(`${code}: ${redact(text)}`);
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new TimeoutError(identity, 'connect', { cause });
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new TimeoutError(identity, 'headers', { cause });
    case 'UND_ERR_BODY_TIMEOUT':
      return new TimeoutError(identity, 'body', { cause });
  }
  const delivered = stage === 'request' && (NOT_DELIVERED.has(code) || isTlsFailure(code)) ? 'no' : 'unknown';
  return new ConnectionError(identity, code, delivered, { cause });
}
