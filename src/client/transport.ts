/**
 * The HTTP transport on undici: one request in, the whole response (body always read) out, transport
 * failures mapped to `ConnectionError` / `TimeoutError`. No retries here (see retry.ts and pipeline.ts).
 *
 * Limits, so a broken or hostile endpoint cannot exhaust memory or hold a run forever: a response body is
 * read up to `maxResponseBytes` (16 MiB: the largest real answers, a page of 100 jobs or a ledger group of
 * 50 inputs, are well under 1 MiB) and the whole response, headers and body, must arrive within
 * `timeouts.totalMs` of sending, however slowly it trickles.
 */
import type { Dispatcher } from 'undici';
import { ConnectionError, ResponseTooLargeError, TimeoutError, type RequestIdentity } from './errors';

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
  /** The whole exchange: from sending the request until the last byte of the body. @default 120000 */
  readonly totalMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 10_000, headersMs: 30_000, bodyMs: 60_000, totalMs: 120_000 };

/** The largest response body read (16 MiB); a larger one fails with `ResponseTooLargeError`. */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

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
  /** @default DEFAULT_MAX_RESPONSE_BYTES */
  readonly maxResponseBytes?: number;
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
  readonly #maxResponseBytes: number;

  constructor(options: TransportOptions = {}) {
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.#maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
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
    const deadlineMs = this.#timeouts.totalMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), deadlineMs);
    const late = (): TimeoutError => new TimeoutError(identity, 'deadline', { deadlineMs });
    try {
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
          signal: deadline.signal,
        });
      } catch (err) {
        throw deadline.signal.aborted ? late() : mapFailure(err, identity, 'request', redact);
      }
      const body = await this.#readBody(response, identity, redact, () => (deadline.signal.aborted ? late() : undefined));
      return { statusCode: response.statusCode, headers: flattenHeaders(response.headers), body };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Reads a body up to the cap; past it (or past a declared length over it) stops and throws. */
  async #readBody(
    response: Dispatcher.ResponseData,
    identity: RequestIdentity,
    redact: (text: string) => string,
    lateError: () => TimeoutError | undefined,
  ): Promise<Buffer> {
    const max = this.#maxResponseBytes;
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      discard(response.body);
      throw new ResponseTooLargeError(identity, max, declared);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > max) {
          discard(response.body);
          throw new ResponseTooLargeError(identity, max);
        }
        chunks.push(chunk);
      }
    } catch (err) {
      if (err instanceof ResponseTooLargeError) throw err;
      throw lateError() ?? mapFailure(err, identity, 'body', redact);
    }
    return Buffer.concat(chunks, size);
  }

  /** Closes the keep-alive agent if this transport created it; an injected dispatcher is left open. */
  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }
}

/** Stops reading a body and closes its connection; the abort error that follows has no one to tell. */
function discard(body: Dispatcher.ResponseData['body']): void {
  body.on('error', () => undefined);
  body.destroy();
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
