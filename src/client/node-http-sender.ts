/**
 * The transport's default way to send: Node's own `http`/`https` clients with a keep-alive agent per
 * protocol. Node's HTTP parser is native code that every Node process already carries, so a handler start
 * loads and compiles no HTTP client of its own (undici's parser is WebAssembly, compiled on every start:
 * see the README's Performance section). `https` (and TLS) is loaded only for an https origin.
 *
 * One exchange: connect (within `connectMs` for a new connection), the response headers (within `headersMs`
 * of the connection being ready), then the body (no gap between two chunks longer than `bodyMs`, and at most
 * `maxBytes` of it). The caller's `signal` aborts the whole exchange (the transport's deadline). Failures are
 * thrown as they come (mapped by the transport), timeouts as `SendTimeout`, an oversized body as
 * `ResponseTooLargeError`; the connection of a failed exchange is closed, never reused.
 */
import * as http from 'node:http';
import type * as https from 'node:https';
import type { Socket } from 'node:net';
import { ResponseTooLargeError } from './errors';
import { BodyFailure, SendTimeout, type Sender, type SendOptions } from './sender';
import type { Timeouts, WireRequest, WireResponse } from './transport';

/** How long an idle keep-alive connection is kept (less when the server announces a shorter `Keep-Alive: timeout`). */
const IDLE_MS = 10_000;

interface Origin {
  readonly module: typeof http | typeof https;
  readonly agent: http.Agent;
  readonly hostname: string;
  readonly port: string;
  /** TLS server name: the origin's host name, none for an IP address (and none over http). */
  readonly servername: string;
}

export class NodeHttpSender implements Sender {
  readonly #timeouts: Timeouts;
  readonly #origins = new Map<string, Origin>();
  readonly #agents = new Map<string, http.Agent>();

  constructor(timeouts: Timeouts) {
    this.#timeouts = timeouts;
  }

  #origin(origin: string): Origin {
    let o = this.#origins.get(origin);
    if (o === undefined) {
      const url = new URL(origin);
      const module = url.protocol === 'https:' ? (require('node:https') as typeof https) : http;
      let agent = this.#agents.get(url.protocol);
      if (agent === undefined) {
        // `timeout` applies to idle sockets only here (Node shortens it to the server's Keep-Alive hint minus
        // a second); the exchange's own timers below bound an active one.
        agent = new module.Agent({ keepAlive: true, timeout: IDLE_MS, scheduling: 'lifo' });
        this.#agents.set(url.protocol, agent);
      }
      // An IPv6 literal comes with brackets in URL.hostname; the http client wants it without.
      const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
      const ip = hostname.includes(':') || /^[0-9.]+$/.test(hostname);
      o = { module, agent, hostname, port: url.port, servername: url.protocol === 'https:' && !ip ? hostname : '' };
      this.#origins.set(origin, o);
    }
    return o;
  }

  send(request: WireRequest, options: SendOptions): Promise<WireResponse> {
    const { connectMs, headersMs, bodyMs } = this.#timeouts;
    const o = this.#origin(request.origin);
    return new Promise<WireResponse>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      let done = false;
      let responded = false;
      const finish = (): boolean => {
        if (done) return false;
        done = true;
        clearTimeout(timer);
        return true;
      };
      const fail = (err: unknown): void => {
        if (!finish()) return;
        req.destroy();
        reject(responded && !(err instanceof SendTimeout) && !(err instanceof ResponseTooLargeError) ? new BodyFailure(err) : err);
      };
      const arm = (ms: number, phase: SendTimeout['phase']): void => {
        clearTimeout(timer);
        timer = setTimeout(() => fail(new SendTimeout(phase, ms)), ms);
      };
      const req = o.module.request({
        agent: o.agent,
        hostname: o.hostname,
        port: o.port,
        method: request.method,
        path: request.path,
        headers: request.headers,
        // Given, so the agent does not derive it from the Host header (the virtual host, which an endpoint
        // override does not connect to; working it out also costs a first-use regex compile per process).
        servername: o.servername,
        signal: options.signal,
      });
      req.on('error', fail);
      req.on('socket', (socket: Socket) => {
        if (socket.connecting) {
          arm(connectMs, 'connect');
          socket.once('connect', () => !responded && !done && arm(headersMs, 'headers'));
        } else {
          arm(headersMs, 'headers');
        }
      });
      req.on('response', (res: http.IncomingMessage) => {
        responded = true;
        const max = options.maxBytes;
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > max) {
          fail(new ResponseTooLargeError(options.identity, max, declared));
          return;
        }
        arm(bodyMs, 'body');
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > max) {
            fail(new ResponseTooLargeError(options.identity, max));
            return;
          }
          chunks.push(chunk);
          timer?.refresh();
        });
        res.on('error', fail);
        res.on('aborted', () => fail(Object.assign(new Error('the connection closed before the whole response arrived'), { code: 'ECONNRESET' })));
        res.on('end', () => {
          if (!finish()) return;
          resolve({ statusCode: res.statusCode ?? 0, headers: flatten(res.headers), body: Buffer.concat(chunks, size) });
        });
      });
      req.end(request.body === undefined ? undefined : Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength));
    });
  }

  /** Closes every connection of the sender's agents. */
  close(): void {
    for (const agent of this.#agents.values()) agent.destroy();
  }
}

function flatten(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
