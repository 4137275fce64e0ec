/**
 * The HTTP transport: one request in, the whole response (body always read) out, transport failures mapped
 * to `ConnectionError` / `TimeoutError`. No retries here (see retry.ts and pipeline.ts).
 *
 * Requests go through Node's own `http`/`https` clients (node-http-sender.ts), or through an undici
 * dispatcher when one is given (undici-sender.ts: a test's `MockAgent`, a caller's proxy agent); undici is
 * loaded only then.
 *
 * Limits, so a broken or hostile endpoint cannot exhaust memory or hold a run forever: a response body is
 * read up to `maxResponseBytes` (16 MiB: the largest real answers, a page of 100 jobs or a ledger group of
 * 50 inputs, are well under 1 MiB) and the whole response, headers and body, must arrive within
 * `timeouts.totalMs` of sending, however slowly it trickles.
 */
import type { Dispatcher } from 'undici';
import { ConnectionError, ResponseTooLargeError, TimeoutError, type RequestIdentity } from './errors';
import { NodeHttpSender } from './node-http-sender';
import { BodyFailure, SendTimeout, type Sender } from './sender';

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
  /** An undici dispatcher (a `MockAgent` in tests, a proxy agent). @default - Node's `http`/`https` with a keep-alive agent owned by the transport */
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
  readonly #sender: Sender;
  readonly #timeouts: Timeouts;
  readonly #maxResponseBytes: number;

  constructor(options: TransportOptions = {}) {
    this.#timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.#maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    if (options.dispatcher === undefined) {
      this.#sender = new NodeHttpSender(this.#timeouts);
    } else {
      const { UndiciSender } = require('./undici-sender') as typeof import('./undici-sender');
      this.#sender = new UndiciSender(options.dispatcher, this.#timeouts);
    }
  }

  /**
   * Sends one request and reads the whole response. `redact` cleans any text taken from an underlying
   * error before it becomes part of ours (a failing dispatcher may quote request headers).
   */
  async send(request: WireRequest, identity: RequestIdentity, redact: (text: string) => string): Promise<WireResponse> {
    const deadlineMs = this.#timeouts.totalMs;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), deadlineMs);
    try {
      return await this.#sender.send(request, { identity, signal: deadline.signal, maxBytes: this.#maxResponseBytes });
    } catch (err) {
      if (err instanceof ResponseTooLargeError) throw err;
      if (deadline.signal.aborted) throw new TimeoutError(identity, 'deadline', { deadlineMs });
      if (err instanceof SendTimeout) throw new TimeoutError(identity, err.phase, { cause: new Error(`${err.code}: ${err.message}`) });
      if (err instanceof BodyFailure) throw mapFailure(err.failure, identity, 'body', redact);
      throw mapFailure(err, identity, 'request', redact);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the keep-alive connections if this transport opened them; an injected dispatcher is left open. */
  async close(): Promise<void> {
    await this.#sender.close();
  }
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

/** Maps a system or undici failure to a named error with a sanitized cause. */
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
