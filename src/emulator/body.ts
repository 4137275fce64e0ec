/** Reading a request body with a size limit, without buffering what is over it. */
import type { IncomingMessage } from 'node:http';

/** How much of an oversized body is read and thrown away so the client can still read the 413/400 answer. */
const DRAIN_LIMIT = 16 * 1024 * 1024;

/** The client went away (or the HTTP parser gave up) before the body was complete: there is no one to answer. */
export class ClientGoneError extends Error {
  constructor(cause?: Error) {
    super(`the client went away mid-body${cause ? ` (${cause.message})` : ''}`);
    this.name = 'ClientGoneError';
  }
}

export type BodyResult =
  | { readonly tooLarge: false; readonly body: Buffer }
  /** `drained`: the whole body was read (the connection can stay open). */
  | { readonly tooLarge: true; readonly drained: boolean };

export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number(req.headers['content-length'] ?? 0) > limit;
    let settled = false;
    const done = (result: BodyResult): void => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (!over && size > limit) {
        over = true;
        chunks.length = 0;
      }
      if (!over) {
        chunks.push(chunk);
      } else if (size > DRAIN_LIMIT) {
        req.pause();
        done({ tooLarge: true, drained: false });
      }
    });
    req.on('end', () => done(over ? { tooLarge: true, drained: true } : { tooLarge: false, body: Buffer.concat(chunks) }));
    req.on('error', (err) => {
      if (!settled) {
        settled = true;
        reject(new ClientGoneError(err));
      }
    });
    req.on('close', () => {
      if (!settled) {
        settled = true;
        reject(new ClientGoneError());
      }
    });
  });
}
