/**
 * The transport against a real HTTP server on 127.0.0.1 (port 0): keep-alive, body reading, and how real
 * socket failures and timeouts map to named errors (Node's http clients, the default). Also the mapping of
 * undici's error classes (an injected dispatcher).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errors } from 'undici';
import { CosMediaClient } from '../../src/client/client';
import { ConnectionError, ResponseTooLargeError, TimeoutError, UnknownOutcomeError } from '../../src/client/errors';
import { mapFailure, Transport } from '../../src/client/transport';
import { BUCKET, CI_HOST, REGION, SECRET_ID, SECRET_KEY, verifySignature } from './mock-service';

const identity = { operation: 'T', method: 'GET', host: CI_HOST, path: '/jobs' };
const JOB_OK = '<Response><JobsDetail><JobId>j1</JobId><State>Submitted</State></JobsDetail></Response>';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  remotePort: number | undefined;
}

async function startServer(handler: (req: IncomingMessage, res: ServerResponse, seen: Seen[]) => void): Promise<{ server: Server; url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, remotePort: req.socket.remotePort });
      handler(req, res, seen);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, seen };
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
}

function client(endpoint: string, timeouts = {}): CosMediaClient {
  return new CosMediaClient({
    region: REGION,
    credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
    endpoint,
    env: {},
    timeouts,
    retry: { maxAttempts: 2, baseDelayMs: 0 },
  });
}

describe('the transport on a real local server', () => {
  it('sends the real virtual host to the override origin, signed, and reuses the connection', async () => {
    const { server, url, seen } = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/xml' }).end(JOB_OK);
    });
    const c = client(url);
    try {
      for (let i = 0; i < 5; i++) await c.describeJobs({ bucket: BUCKET, jobIds: ['j1'] });
    } finally {
      await c.close();
      await stop(server);
    }
    expect(seen).toHaveLength(5);
    expect(seen[0]?.headers.host).toBe(CI_HOST);
    const headers = Object.fromEntries(Object.entries(seen[0]!.headers).map(([k, v]) => [k, String(v)]));
    expect(() => verifySignature({ method: seen[0]!.method, path: seen[0]!.url, headers, body: '' })).not.toThrow();
    // keep-alive: connections are reused (not one per request)
    expect(new Set(seen.map((s) => s.remotePort)).size).toBeLessThan(seen.length);
  });

  it('fails with ConnectionError (delivered: unknown) when the server drops the connection, after retrying a GET', async () => {
    const { server, url, seen } = await startServer((req) => req.socket.destroy());
    const c = client(url);
    let error: unknown;
    try {
      await c.describeJobs({ bucket: BUCKET, jobIds: ['j1'] });
    } catch (err) {
      error = err;
    } finally {
      await c.close();
      await stop(server);
    }
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as ConnectionError).delivered).toBe('unknown');
    expect(seen).toHaveLength(2);
  });

  it('fails with UnknownOutcomeError when the server drops a POST /jobs, and sends it only once', async () => {
    const { server, url, seen } = await startServer((req) => req.socket.destroy());
    const c = client(url);
    let error: unknown;
    try {
      await c.submitJob({
        bucket: BUCKET,
        job: { Tag: 'VideoEnhance', Input: { Object: 'in.mp4' }, Operation: { TemplateId: 't1', Output: { Region: REGION, Bucket: BUCKET, Object: 'o.mp4' } } },
      });
    } catch (err) {
      error = err;
    } finally {
      await c.close();
      await stop(server);
    }
    expect(error).toBeInstanceOf(UnknownOutcomeError);
    expect((error as UnknownOutcomeError).cause).toBeInstanceOf(ConnectionError);
    expect(seen).toHaveLength(1);
  });

  it('fails with TimeoutError (headers) when the server does not answer in time', async () => {
    const { server, url, seen } = await startServer(() => undefined);
    const c = client(url, { headersMs: 150 });
    let error: unknown;
    try {
      await c.describeJobs({ bucket: BUCKET, jobIds: ['j1'] });
    } catch (err) {
      error = err;
    } finally {
      await c.close();
      await stop(server);
    }
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).phase).toBe('headers');
    expect(seen).toHaveLength(2);
  });

  it('fails with ConnectionError (delivered: no) when nothing listens on the port', async () => {
    const { server, url } = await startServer(() => undefined);
    await stop(server);
    const c = client(url);
    let error: unknown;
    try {
      await c.headBucket({ bucket: BUCKET });
    } catch (err) {
      error = err;
    } finally {
      await c.close();
    }
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({ reason: 'ECONNREFUSED', delivered: 'no' });
  });

  it('reads the whole body of every response, errors included', async () => {
    const big = `<Error><Code>InvalidArgument</Code><Message>${'x'.repeat(200_000)}</Message></Error>`;
    const { server, url } = await startServer((_req, res) => res.writeHead(400).end(big));
    const transport = new Transport();
    try {
      const response = await transport.send({ method: 'GET', origin: url, path: '/', headers: { host: CI_HOST } }, identity, (t) => t);
      expect(response.statusCode).toBe(400);
      expect(response.body.length).toBe(Buffer.byteLength(big));
    } finally {
      await transport.close();
      await stop(server);
    }
  });
});

describe('mapFailure', () => {
  const none = (t: string): string => t;
  it.each([
    [new errors.ConnectTimeoutError(), TimeoutError, { phase: 'connect' }],
    [new errors.HeadersTimeoutError(), TimeoutError, { phase: 'headers' }],
    [new errors.BodyTimeoutError(), TimeoutError, { phase: 'body' }],
    [new errors.SocketError('other side closed'), ConnectionError, { reason: 'UND_ERR_SOCKET', delivered: 'unknown' }],
    [Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), ConnectionError, { reason: 'ECONNREFUSED', delivered: 'no' }],
    [Object.assign(new Error('x'), { code: 'ENOTFOUND' }), ConnectionError, { reason: 'ENOTFOUND', delivered: 'no' }],
    [Object.assign(new Error('x'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), ConnectionError, { delivered: 'no' }],
    [new TypeError('fetch failed', { cause: Object.assign(new Error('r'), { code: 'ECONNRESET' }) }), ConnectionError, { reason: 'ECONNRESET', delivered: 'unknown' }],
  ] as const)('maps %s', (err, type, fields) => {
    const mapped = mapFailure(err, identity, 'request', none);
    expect(mapped).toBeInstanceOf(type);
    expect(mapped).toMatchObject(fields);
  });

  it('treats a refusal while reading the body as possibly delivered', () => {
    const mapped = mapFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }), identity, 'body', none);
    expect(mapped).toMatchObject({ delivered: 'unknown' });
  });
});

describe('transport limits', () => {
  const wire = (url: string) => ({ method: 'GET', origin: url, path: '/jobs', headers: { host: CI_HOST } });

  it('reads a body of exactly the cap and fails one byte over it with ResponseTooLargeError', async () => {
    const { server, url } = await startServer((req, res) => res.end('x'.repeat(req.url === '/jobs?over' ? 1025 : 1024)));
    const transport = new Transport({ maxResponseBytes: 1024 });
    try {
      expect((await transport.send(wire(url), identity, (t) => t)).body.length).toBe(1024);
      await expect(transport.send({ ...wire(url), path: '/jobs?over' }, identity, (t) => t)).rejects.toThrow(ResponseTooLargeError);
      await expect(transport.send({ ...wire(url), path: '/jobs?over' }, identity, (t) => t)).rejects.toThrow(/larger than 1024 bytes; Content-Length 1025/);
    } finally {
      await transport.close();
      await stop(server);
    }
  });

  it('fails with TimeoutError (body) when the body stops arriving, and does not reuse that connection', async () => {
    const { server, url, seen } = await startServer((req, res) => {
      if (req.url === '/jobs?stall') {
        res.writeHead(200, { 'content-length': '10' });
        res.write('abc');
      } else {
        res.end('ok');
      }
    });
    const transport = new Transport({ timeouts: { bodyMs: 150 } });
    try {
      const err = await transport.send({ ...wire(url), path: '/jobs?stall' }, identity, (t) => t).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TimeoutError);
      expect(err).toMatchObject({ phase: 'body' });
      expect((await transport.send(wire(url), identity, (t) => t)).body.toString()).toBe('ok');
    } finally {
      await transport.close();
      await stop(server);
    }
    expect(seen.map((s) => s.url)).toEqual(['/jobs?stall', '/jobs']);
    expect(seen[1]?.remotePort).not.toBe(seen[0]?.remotePort);
  });

  it('maps a connection closed in the middle of the body to ConnectionError (delivered: unknown)', async () => {
    const { server, url } = await startServer((_req, res) => {
      res.writeHead(200, { 'content-length': '10' });
      res.write('abc', () => res.socket?.destroy());
    });
    const transport = new Transport();
    try {
      const err = await transport.send(wire(url), identity, (t) => t).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ConnectionError);
      expect(err).toMatchObject({ delivered: 'unknown' });
    } finally {
      await transport.close();
      await stop(server);
    }
  });

  it('fails with a deadline TimeoutError when the body keeps trickling past totalMs, although each chunk is on time', async () => {
    const timers: NodeJS.Timeout[] = [];
    const { server, url } = await startServer((_req, res) => {
      res.writeHead(200);
      timers.push(setInterval(() => res.write('.'), 20));
    });
    const transport = new Transport({ timeouts: { totalMs: 300, bodyMs: 10_000 } });
    try {
      const err = await transport.send(wire(url), identity, (t) => t).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TimeoutError);
      expect(err).toMatchObject({ phase: 'deadline', message: expect.stringContaining('within the 300 ms deadline') });
    } finally {
      for (const t of timers) clearInterval(t);
      await transport.close();
      await stop(server);
    }
  });
});
