/**
 * The handler's entry turns on Node's compile cache where Node has one (>= 22.1), in Node's default place
 * (here: the OS temp dir, which TMPDIR points at), and starts normally when it cannot.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cleanEnv, nodeBinary, run } from '../consumer/consumer-helpers';

jest.setTimeout(300_000);

const ENTRY = path.join(__dirname, '..', '..', 'dist', 'handler-bundle', 'cos-media-handler.js');
const USAGE = /^usage: cos-media-handler create\|delete/;

describe('the handler entry', () => {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-compile-cache-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function env(tmp: string): NodeJS.ProcessEnv {
    const e = cleanEnv({ TMPDIR: tmp });
    delete e.NODE_COMPILE_CACHE;
    return e;
  }

  it.each(['22.23.5', '24.22.3'])('writes the compile cache of its core on Node %s', async (version) => {
    const node = await nodeBinary(version);
    const r = await run(node, [ENTRY, '--help'], { env: env(dir) });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(USAGE);
    expect(r.code).toBe(0);
    const cacheDir = path.join(dir, 'node-compile-cache');
    const entries = fs.readdirSync(cacheDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect(entries.length).toBeGreaterThan(0);
    // A second run uses it and still answers the same.
    const again = await run(node, [ENTRY, '--help'], { env: env(dir) });
    expect([again.code, again.stderr, again.stdout]).toEqual([0, '', r.stdout]);
  });

  it.each(['22.23.5', '24.22.3'])('starts normally on Node %s when the cache cannot be written', async (version) => {
    const node = await nodeBinary(version);
    const notADir = path.join(dir, 'a-file');
    fs.writeFileSync(notADir, 'not a directory');
    const r = await run(node, [ENTRY, 'create'], { env: { ...env(notADir), COS_MEDIA_TRIGGERS: '{}' } });
    // The handler ran: it read and rejected the triggers, with nothing about the cache.
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^cos-media-handler: create : COS_MEDIA_TRIGGERS: trigger 'kind' must be one of/);
    expect(r.stderr).not.toMatch(/cache/i);
  });

  it('runs without a compile cache on Node 20', async () => {
    const r = await run(await nodeBinary('20.20.2'), [ENTRY, '--help'], { env: env(dir) });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(USAGE);
    expect(fs.existsSync(path.join(dir, 'node-compile-cache'))).toBe(false);
  });
});
