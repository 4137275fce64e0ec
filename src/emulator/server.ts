/**
 * The HTTP front: target → (control API | route) → body → rate limit → signature → faults → handler →
 * durable write → answer. Every answer carries `x-ci-request-id` (CI and pic hosts) or `x-cos-request-id`
 * (COS, control, unknown hosts); failures add a trace id and an `<Error>` body. Requests the HTTP parser
 * rejects still get an `<Error>` (see `clientError`).
 */
import * as http from 'node:http';
import type { Duplex } from 'node:stream';
import { verifyRequest } from './auth';
import { ClientGoneError, readBody } from './body';
import type { EmulatorCore } from './core';
import { ApiError, bodyTooLarge, isCiHost, slowDown, type HostKind } from './errors';
import { handleControl } from './handlers/control';
import type { ApiRequest, Reply } from './handlers/context';
import { decode, parseQuery, resolveTarget } from './hosts';
import { newRequestId, newTraceId } from './ids';
import { matchRoute } from './routes';

const CONTROL_PREFIX = '/_emulator';

export function createServer(core: EmulatorCore): http.Server {
  const server = http.createServer((req, res) => {
    handle(core, req, res).catch((err: Error) => {
      // Only reached if answering itself failed (the socket went away): nothing left to tell the client.
      if (!res.headersSent) res.destroy(err);
    });
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => answerRaw(socket, err));
  server.on('connect', (_req: http.IncomingMessage, socket: Duplex) => {
    const error = new ApiError(
      'MethodNotAllowed',
      'CONNECT tunnels are not supported: send http:// URLs through the proxy (cos-nodejs-sdk-v5: Protocol "http:").',
      405,
    );
    answerRaw(socket, undefined, error);
  });
  return server;
}

async function handle(core: EmulatorCore, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const requestId = newRequestId();
  const method = req.method ?? 'GET';
  let kind: HostKind = 'none';
  let closeAfter = false;
  try {
    const target = resolveTarget(req.url ?? '/', req.headers.host);
    kind = target.kind;
    const control = target.rawPath === CONTROL_PREFIX || target.rawPath.startsWith(`${CONTROL_PREFIX}/`);
    const limit = kind === 'cos' && !control ? core.settings.maxObjectBytes : core.settings.maxXmlBytes;
    const read = await readBody(req, limit);
    if (read.tooLarge) {
      closeAfter = !read.drained;
      throw bodyTooLarge(control ? 'none' : kind, limit);
    }
    if (control) {
      kind = 'none';
      await send(res, method, kind, requestId, await handleControl(method, target.rawPath, read.body, core));
      return;
    }

    const query = parseQuery(target.rawQuery);
    const path = decode(target.rawPath);
    if (query === undefined || path === undefined) {
      throw isCiHost(kind)
        ? new ApiError('InvalidUrl', 'The request URL is not valid percent-encoding.', 404)
        : new ApiError('InvalidURI', 'Could not parse the specified URI.', 400);
    }
    const matched = matchRoute(kind, method, path, query);
    if (matched instanceof ApiError) throw matched;
    const bucket = target.bucket ?? '';
    if (!core.rateLimiter.take(bucket || `ci.${target.region ?? ''}`)) throw slowDown(kind);
    const denied = verifyRequest({ kind, host: target.host, method, path, query, headers: req.headers }, core.credentials, Date.now() / 1000);
    if (denied) throw denied;

    const effects = core.faults.pick(matched.route.op, kind, target.bucket);
    const latency = effects.reduce((ms, e) => (e.type === 'latency' ? ms + e.ms : ms), 0);
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const terminal = effects.find((e) => e.type !== 'latency');
    if (terminal?.type === 'error') throw new ApiError(terminal.code, terminal.message ?? `Injected fault: ${terminal.code}.`, terminal.status);
    if (terminal?.type === 'reset') {
      reset(res);
      return;
    }

    const apiRequest: ApiRequest = {
      op: matched.route.op,
      kind,
      bucket,
      region: target.region ?? '',
      method,
      path,
      params: matched.params,
      query,
      headers: req.headers,
      body: read.body,
      requestId,
    };
    const reply = await matched.route.handler(apiRequest, core);
    await core.store.flush();
    core.scheduler.poke();
    if (terminal?.type === 'commitThenDrop') {
      reset(res);
      return;
    }
    await send(res, method, kind, requestId, reply);
  } catch (err) {
    if (err instanceof ClientGoneError) {
      res.destroy();
      return;
    }
    const error = err instanceof ApiError ? err : internalError(err);
    await core.store.flush().catch(() => undefined);
    sendError(res, method, kind, requestId, error, closeAfter);
  }
}

function internalError(err: unknown): ApiError {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`cos-media emulator: internal error: ${message}\n`);
  return new ApiError('InternalError', 'We encountered an internal error. Please try again.', 500);
}

function baseHeaders(kind: HostKind, requestId: string): Record<string, string> {
  return isCiHost(kind)
    ? { server: 'tencent-ci', 'x-ci-request-id': requestId }
    : { server: 'tencent-cos', 'x-cos-request-id': requestId };
}

async function send(res: http.ServerResponse, method: string, kind: HostKind, requestId: string, reply: Reply): Promise<void> {
  const body = reply.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(reply.body) ? reply.body : Buffer.from(reply.body);
  const headers: Record<string, string> = { ...baseHeaders(kind, requestId), ...reply.headers };
  if (headers['content-length'] === undefined) headers['content-length'] = String(body.length);
  res.writeHead(reply.status, headers);
  await new Promise<void>((resolve) => res.end(method === 'HEAD' || reply.status === 204 || reply.status === 304 ? undefined : body, resolve));
}

function sendError(res: http.ServerResponse, method: string, kind: HostKind, requestId: string, error: ApiError, closeAfter: boolean): void {
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const traceId = newTraceId();
  const body = Buffer.from(error.toXml(kind, requestId, traceId));
  const headers: Record<string, string> = {
    ...baseHeaders(kind, requestId),
    [isCiHost(kind) ? 'x-ci-trace-id' : 'x-cos-trace-id']: traceId,
    'content-type': 'application/xml',
    'content-length': String(body.length),
  };
  if (closeAfter) headers.connection = 'close';
  res.writeHead(error.status, headers);
  res.end(method === 'HEAD' ? undefined : body, () => {
    if (closeAfter) res.socket?.destroy();
  });
}

/** Drops the connection with a TCP RST and no answer. */
function reset(res: http.ServerResponse): void {
  const socket = res.socket as (Duplex & { resetAndDestroy?: () => void }) | null;
  if (socket?.resetAndDestroy) socket.resetAndDestroy();
  else socket?.destroy();
}

/** An `<Error>` answer written straight to a socket (the HTTP parser gave up, or a CONNECT). */
function answerRaw(socket: Duplex, err?: NodeJS.ErrnoException, error?: ApiError): void {
  if (!socket.writable || err?.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const e =
    error ??
    (err?.code === 'HPE_HEADER_OVERFLOW'
      ? new ApiError('RequestHeaderFieldsTooLarge', 'The request headers are too large.', 431)
      : err?.code === 'ERR_HTTP_REQUEST_TIMEOUT' || err?.code === 'HPE_REQUEST_TIMEOUT'
        ? new ApiError('RequestTimeout', 'The request was not received in time.', 408)
        : new ApiError('InvalidRequest', `The request is not valid HTTP/1.1 (${err?.code ?? 'unknown'}).`, 400));
  const requestId = newRequestId();
  const traceId = newTraceId();
  const body = e.toXml('none', requestId, traceId);
  socket.end(
    `HTTP/1.1 ${e.status} ${http.STATUS_CODES[e.status] ?? 'Error'}\r\n` +
      `server: tencent-cos\r\nx-cos-request-id: ${requestId}\r\nx-cos-trace-id: ${traceId}\r\n` +
      `content-type: application/xml\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}
