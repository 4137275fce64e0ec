import { runEmulatorCommand } from '../../src/emulator/cli';
import { cosHost, send, SECRET_ID, SECRET_KEY } from './helpers';
import { spawnEmulator } from './process';

function capture(): { out: string[]; err: string[]; io: { out: (t: string) => void; err: (t: string) => void } } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t) => out.push(t), err: (t) => err.push(t) } };
}

describe('cos-media emulator', () => {
  it('prints its URL, serves requests, and stops when told to', async () => {
    const { out, io } = capture();
    const abort = new AbortController();
    const env = { id: process.env.TENCENTCLOUD_SECRET_ID, key: process.env.TENCENTCLOUD_SECRET_KEY };
    process.env.TENCENTCLOUD_SECRET_ID = SECRET_ID;
    process.env.TENCENTCLOUD_SECRET_KEY = SECRET_KEY;
    try {
      const running = runEmulatorCommand(['--port', '0', '--job-duration-ms', '50'], { ...io, signal: abort.signal });
      while (!out.join('').includes('listening on')) await new Promise((r) => setTimeout(r, 5));
      const url = /listening on (\S+)/.exec(out.join(''))![1]!;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await send(url, { method: 'PUT', host: cosHost(), path: '/' })).status).toBe(200);
      abort.abort();
      expect(await running).toBe(0);
      expect(out.join('')).toContain(`secret id: ${SECRET_ID}; memory only`);
      expect(out.join('')).not.toContain(SECRET_KEY);
      expect(out.join('')).toContain('stopped');
    } finally {
      if (env.id === undefined) delete process.env.TENCENTCLOUD_SECRET_ID;
      else process.env.TENCENTCLOUD_SECRET_ID = env.id;
      if (env.key === undefined) delete process.env.TENCENTCLOUD_SECRET_KEY;
      else process.env.TENCENTCLOUD_SECRET_KEY = env.key;
    }
  });

  it('fails with exit 2 naming each bad option', async () => {
    const { err, io } = capture();
    expect(await runEmulatorCommand(['--port', 'http', '--job-duration-ms=-5', '--rate-limit', '0'], io)).toBe(2);
    expect(err.join('')).toContain('--port must be an integer in [0, 65535], got "http"');
    expect(err.join('')).toContain('--job-duration-ms must be an integer in [0, 86400000], got "-5"');
    expect(err.join('')).toContain('--rate-limit must be an integer in [1, 1000000], got "0"');
    const unknown = capture();
    expect(await runEmulatorCommand(['--colour'], unknown.io)).toBe(2);
    expect(unknown.err.join('')).toContain("Unknown option '--colour'");
  });

  it('prints usage for --help', async () => {
    const { out, io } = capture();
    expect(await runEmulatorCommand(['--help'], io)).toBe(0);
    expect(out.join('')).toContain('usage: cos-media emulator');
  });

  it('stops cleanly on SIGINT when run as its own process', async () => {
    const child = await spawnEmulator(['--port', '0']);
    expect((await fetch(`${child.url}/_emulator/health`)).status).toBe(200);
    child.child.kill('SIGINT');
    expect(await child.exited).toEqual({ code: 0, signal: null });
  });
});
