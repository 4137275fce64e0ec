/**
 * The transport's way to send through an undici dispatcher the caller gives (`CosMediaClient`'s
 * `dispatcher` option: a test's `MockAgent`, a proxy agent). Loaded only then, so a handler start never
 * loads undici.
 *
 * Only undici's `request()` API is used, from its own module: undici's index loads fetch, WebSocket, caches,
 * mocks and more when required. undici is pinned to an exact version in package.json, so this path inside
 * it cannot move unnoticed.
 */
import type { Dispatcher } from 'undici';
import { ResponseTooLargeError } from './errors';
import { BodyFailure, type Sender, type SendOptions } from './sender';
import type { Timeouts, WireRequest, WireResponse } from './transport';

/** undici's `request()` API, called on any dispatcher. */
const dispatcherRequest = require('undici/lib/api/api-request') as (
  this: Dispatcher,
  options: Dispatcher.RequestOptions,
) => Promise<Dispatcher.ResponseData>;

export class UndiciSender implements Sender {
  readonly #dispatcher: Dispatcher;
  readonly #timeouts: Timeouts;

  constructor(dispatcher: Dispatcher, timeouts: Timeouts) {
    this.#dispatcher = dispatcher;
    this.#timeouts = timeouts;
  }

  async send(request: WireRequest, options: SendOptions): Promise<WireResponse> {
    const response = await dispatcherRequest.call(this.#dispatcher, {
      origin: request.origin,
      path: request.path,
      method: request.method as Dispatcher.HttpMethod,
      headers: { ...request.headers },
      body: request.body === undefined ? null : Buffer.from(request.body),
      headersTimeout: this.#timeouts.headersMs,
      bodyTimeout: this.#timeouts.bodyMs,
      signal: options.signal,
    });
    const max = options.maxBytes;
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > max) {
      discard(response.body);
      throw new ResponseTooLargeError(options.identity, max, declared);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > max) {
          discard(response.body);
          throw new ResponseTooLargeError(options.identity, max);
        }
        chunks.push(chunk);
      }
    } catch (err) {
      if (err instanceof ResponseTooLargeError) throw err;
      throw new BodyFailure(err);
    }
    return { statusCode: response.statusCode, headers: flattenHeaders(response.headers), body: Buffer.concat(chunks, size) };
  }

  /** An injected dispatcher belongs to the caller: left open. */
  close(): void {}
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
