/**
 * What the transport asks of a way to send (node-http-sender.ts, or undici-sender.ts for an injected
 * dispatcher): one exchange, the whole body read, within the limits given. Failures are thrown as they come
 * and mapped by the transport; these two classes carry what it needs to know to map them.
 */
import type { RequestIdentity } from './errors';
import type { WireRequest, WireResponse } from './transport';

export interface Sender {
  send(request: WireRequest, options: SendOptions): Promise<WireResponse>;
  /** Closes the connections the sender opened (an injected dispatcher is the caller's). */
  close(): void | Promise<void>;
}

export interface SendOptions {
  readonly identity: RequestIdentity;
  readonly signal: AbortSignal;
  readonly maxBytes: number;
}

/** A connect, headers or body timeout of one exchange. */
export class SendTimeout extends Error {
  readonly phase: 'connect' | 'headers' | 'body';
  readonly code: string;
  constructor(phase: 'connect' | 'headers' | 'body', ms: number) {
    super(`no ${phase === 'connect' ? 'connection' : phase === 'headers' ? 'response headers' : 'body data'} within ${ms} ms`);
    this.phase = phase;
    this.code = `TIMEOUT_${phase.toUpperCase()}`;
  }
}

/** A failure that happened after the response had begun (its headers had arrived). */
export class BodyFailure extends Error {
  readonly failure: unknown;
  constructor(failure: unknown) {
    super(failure instanceof Error ? failure.message : String(failure));
    this.failure = failure;
  }
}

