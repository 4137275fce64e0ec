/**
 * The handler's code cache (src/handler/code-cache.ts), with the real bundled handler run by the local
 * runner against the emulator: written after a create that went well, used unchanged by the next runs, a
 * damaged one refused by V8 and replaced, a directory others may write never used, and a cache that cannot
 * be written never an error. Also on Node 22 and 24 (from the consumer tier's Node binaries).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TerraformStack } from 'cdktf';
import { MediaBucket, VideoEnhanceBatch, VideoEnhanceJob } from '../../src/constructs';
import { spawnSync } from 'node:child_process';
import { codeCacheDir } from '../../src/handler/code-cache';
import { nodeBinary } from '../consumer/consumer-helpers';
import { jobsIn, REGION, seedInputs, startHarness, type Harness } from '../e2e/e2e-helpers';

jest.setTimeout(300_000);

const BUCKET = 'codecache-1250000000';
const INPUTS = ['in/a.mp4', 'in/b.mp4', 'in/c.mp4', 'in/d.mp4', 'in/e.mp4'];

function jobs(count: number): (stack: TerraformStack) => void {
  return (stack) => {
    const bucket = (stack.node.tryFindChild('media') as MediaBucket | undefined) ?? MediaBucket.fromBucketName(stack, 'media', { bucket: BUCKET, region: REGION });
    for (const [i, input] of INPUTS.slice(0, count).entries()) {
      new VideoEnhanceJob(stack, `job-${i}`, { bucket, input, enhance: { msSharpen: { sharpenLevel: 3 } }, output: { object: 'out/${InputName}.${ext}' } });
    }
  };
}

function cacheFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.bin')) : [];
}

describe('the handler code cache', () => {
  let h: Harness;
  let cacheDir: string;
  beforeEach(async () => {
    h = await startHarness();
    await seedInputs(h, BUCKET, INPUTS);
    cacheDir = path.join(h.dir, 'code-cache');
    h.env.COS_MEDIA_CODE_CACHE_DIR = cacheDir;
    delete h.env.NODE_DISABLE_COMPILE_CACHE;
    delete h.env.COS_MEDIA_CODE_CACHE;
  });
  afterEach(() => h.close());

  async function applyJobs(count: number): Promise<void> {
    const r = await h.apply(h.synth(jobs(count)));
    expect(r.summary.errors).toEqual([]);
    expect(jobsIn(h)).toHaveLength(count);
  }

  it('is written, private, after a create that went well, and used unchanged by the next runs', async () => {
    await applyJobs(1);
    const files = cacheFiles(cacheDir);
    expect(files).toEqual([expect.stringMatching(new RegExp(`^[0-9a-f]{32}-${process.version}-${process.arch}-create\\.bin$`))]);
    const file = path.join(cacheDir, files[0] as string);
    expect(fs.statSync(cacheDir).mode & 0o777).toBe(0o700);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const before = fs.statSync(file);
    await applyJobs(3);
    const after = fs.statSync(file);
    // Not rewritten: V8 accepted it (a refused cache is replaced, see below).
    expect([after.ino, after.mtimeMs, after.size]).toEqual([before.ino, before.mtimeMs, before.size]);
  });

  it('refuses a damaged cache and replaces it; the run goes on as usual', async () => {
    await applyJobs(1);
    const file = path.join(cacheDir, cacheFiles(cacheDir)[0] as string);
    const size = fs.statSync(file).size;
    fs.writeFileSync(file, Buffer.alloc(size, 0x5a), { mode: 0o600 });
    await applyJobs(2);
    expect(fs.readFileSync(file).equals(Buffer.alloc(size, 0x5a))).toBe(false);
    expect(cacheFiles(cacheDir)).toHaveLength(1);
  });

  it('does not use a directory that others may write', async () => {
    fs.mkdirSync(cacheDir, { mode: 0o777 });
    fs.chmodSync(cacheDir, 0o777);
    await applyJobs(2);
    expect(cacheFiles(cacheDir)).toEqual([]);
  });

  it('runs as usual when the cache cannot be written, and writes nothing after a run that failed', async () => {
    const notADir = path.join(h.dir, 'a-file');
    fs.writeFileSync(notADir, 'not a directory');
    h.env.COS_MEDIA_CODE_CACHE_DIR = path.join(notADir, 'cache');
    await applyJobs(1);
    h.env.COS_MEDIA_CODE_CACHE_DIR = cacheDir;
    h.env.TENCENTCLOUD_SECRET_KEY = 'not-the-key';
    const failed = await h.apply(h.synth(jobs(2)));
    expect(failed.summary.ok).toBe(false);
    expect(cacheFiles(cacheDir)).toEqual([]);
  });

  it('is not written by a batch run, which changes a V8 flag at run time, and is used by it unchanged', async () => {
    const stackWith = (batchInputs: number, jobCount: number) => (stack: TerraformStack): void => {
      const bucket = MediaBucket.fromBucketName(stack, 'media', { bucket: BUCKET, region: REGION });
      new VideoEnhanceBatch(stack, 'batch', {
        bucket, inputs: INPUTS.slice(0, batchInputs), enhance: { msSharpen: { sharpenLevel: 3 } }, output: { object: 'out/${InputName}.${ext}' },
      });
      if (jobCount > 0) jobs(jobCount)(stack);
    };
    const apply = async (build: (stack: TerraformStack) => void): Promise<void> => {
      const r = await h.apply(h.synth(build));
      expect(r.summary.errors).toEqual([]);
    };
    await apply(stackWith(2, 0));
    // Only the batch runs now (its inputs changed): it bounds V8's heap growth (heap-growth.ts), so a cache
    // it made would be refused by every later run; it must not write one.
    fs.rmSync(cacheDir, { recursive: true, force: true });
    await apply(stackWith(3, 0));
    expect(cacheFiles(cacheDir)).toEqual([]);
    // Jobs write it; the next batch run loads with it and leaves it as it was.
    await apply(stackWith(3, 2));
    const file = path.join(cacheDir, cacheFiles(cacheDir)[0] as string);
    const before = fs.statSync(file);
    await apply(stackWith(4, 2));
    const after = fs.statSync(file);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    // The jobs ask for inputs the batch has, with the same spec: adopted, not submitted again.
    expect(jobsIn(h)).toHaveLength(4);
  });

  it.each(['22.23.5', '24.22.3'])('is written and used on Node %s', async (version) => {
    const node = await nodeBinary(version);
    h.env.PATH = `${path.dirname(node)}${path.delimiter}${h.env.PATH ?? ''}`;
    await applyJobs(1);
    const files = cacheFiles(cacheDir);
    expect(files).toEqual([expect.stringMatching(new RegExp(`-v${version.replace(/\./g, '\\.')}-${process.arch}-create\\.bin$`))]);
    const before = fs.statSync(path.join(cacheDir, files[0] as string));
    await applyJobs(2);
    expect(fs.statSync(path.join(cacheDir, files[0] as string)).mtimeMs).toBe(before.mtimeMs);
  });
});

describe('codeCacheDir', () => {
  it('is off with Node’s switch or COS_MEDIA_CODE_CACHE=off, else the given or the per-user temp directory', () => {
    expect(codeCacheDir({ NODE_DISABLE_COMPILE_CACHE: '1' })).toBeUndefined();
    expect(codeCacheDir({ COS_MEDIA_CODE_CACHE: 'off' })).toBeUndefined();
    expect(codeCacheDir({ COS_MEDIA_CODE_CACHE_DIR: '/x/y' })).toBe('/x/y');
    expect(codeCacheDir({})).toMatch(/cdktf-cos-media-code-cache-/);
    expect(codeCacheDir({ COS_MEDIA_CODE_CACHE: 'on' })).toMatch(/cdktf-cos-media-code-cache-/);
  });

  it('refuses values it does not take, naming each setting, its rule and the value; the handler stops with exit 2', () => {
    const bad = { COS_MEDIA_CODE_CACHE: 'false', COS_MEDIA_CODE_CACHE_DIR: 'cache' };
    expect(() => codeCacheDir(bad)).toThrow(
      'COS_MEDIA_CODE_CACHE must be "on" (the default) or "off", got "false"; ' +
        'COS_MEDIA_CODE_CACHE_DIR must be an absolute path (provisioners run in the stack directory), got "cache"',
    );
    const entry = path.join(__dirname, '..', '..', 'dist', 'handler-bundle', 'cos-media-handler.js');
    const r = spawnSync(process.execPath, [entry, 'create'], { env: { PATH: process.env.PATH, ...bad, COS_MEDIA_TRIGGERS: '{}' }, encoding: 'utf8' });
    expect([r.status, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe('cos-media-handler: COS_MEDIA_CODE_CACHE must be "on" (the default) or "off", got "false"; COS_MEDIA_CODE_CACHE_DIR must be an absolute path (provisioners run in the stack directory), got "cache"\n');
  });
});
