/**
 * The bundled handler against endpoints that misbehave on purpose (a plain HTTP server on loopback, not the
 * emulator): a response body far over the cap, a body that trickles one byte a second, and an endpoint URL
 * with a password in it. Each must end with one clear line and exit 1 (2 for bad input), never a crash.
 */
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';

const HANDLER = path.join(__dirname, '..', '..', 'dist', 'handler-bundle', 'cos-media-handler.js');
const SECRET_KEY = 'limits-secret-key-never-printed';
const TRIGGERS = JSON.stringify({
  kind: 'watermark-template', schema: '1', construct: 'limits/wm', bucket: 'limits-1250000000', region: 'ap-guangzhou',
  take_over: 'false', Tag: 'Watermark', Name: 'wm',
});

function runHandler(env: NodeJS.ProcessEnv): Promise<{ status: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HANDLER, 'delete'], {
      env: {
        PATH: process.env.PATH, TENCENTCLOUD_SECRET_ID: 'AKIDLIMITS', TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
        COS_MEDIA_TRIGGERS: TRIGGERS, ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr }));
  });
}

/** A server whose every answer is written by `answer`; closes its sockets on `close()`. */
async function hostile(answer: (res: http.ServerResponse) => void): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    req.resume();
    answer(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

describe('the handler against a misbehaving endpoint', () => {
  it('fails with one line and exit 1 when a response body is larger than the cap (300 MB sent), not with a heap crash', async () => {
    const chunk = Buffer.alloc(1024 * 1024, '<');
    const server = await hostile((res) => {
      res.writeHead(200, { 'content-type': 'application/xml' }); // no length: streamed until the client gives up
      let sent = 0;
      const pump = (): void => {
        while (sent < 300 && !res.destroyed) {
          sent += 1;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    try {
      const r = await runHandler({ COS_MEDIA_ENDPOINT: server.url });
      expect(r.signal).toBeNull();
      expect([r.status, r.stderr.trim().split('\n').length]).toEqual([1, 1]);
      expect(r.stderr).toMatch(/response body is larger than 16 MiB \(16777216 bytes\)/);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('fails with one line when the declared Content-Length is over the cap, without reading the body', async () => {
    const server = await hostile((res) => {
      res.writeHead(200, { 'content-type': 'application/xml', 'content-length': String(300 * 1024 * 1024) });
      res.write('<');
    });
    try {
      const r = await runHandler({ COS_MEDIA_ENDPOINT: server.url });
      expect([r.status, r.stderr.trim().split('\n').length]).toEqual([1, 1]);
      expect(r.stderr).toMatch(/response body is larger than 16 MiB .*Content-Length 314572800/);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('gives up on a body that trickles one byte a second, within the response deadline (COS_MEDIA_RESPONSE_TIMEOUT_MS)', async () => {
    const timers = new Set<NodeJS.Timeout>();
    const server = await hostile((res) => {
      res.writeHead(200, { 'content-type': 'application/xml' });
      const t = setInterval(() => (res.destroyed ? clearInterval(t) : res.write(' ')), 1000);
      timers.add(t);
    });
    try {
      const r = await runHandler({ COS_MEDIA_ENDPOINT: server.url, COS_MEDIA_RESPONSE_TIMEOUT_MS: '1500' });
      expect([r.status, r.stderr.trim().split('\n').length]).toEqual([1, 1]);
      expect(r.stderr).toMatch(/did not arrive within the 1500 ms deadline/);
    } finally {
      for (const t of timers) clearInterval(t);
      await server.close();
    }
  }, 60_000);

  it('never prints the user info of COS_MEDIA_ENDPOINT', async () => {
    const r = await runHandler({ COS_MEDIA_ENDPOINT: 'http://admin:hunter2-pw@127.0.0.1:9/' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/COS_MEDIA_ENDPOINT/);
    expect(r.stderr).toMatch(/must not contain user info/);
    expect(r.stderr + r.stdout).not.toMatch(/hunter2|admin/);
  });
});
