/**
 * Loads the handler's core (`cos-media-handler-core.js`) with a V8 code cache, so a handler start does not
 * compile the core's functions again: every Terraform provisioner is a new Node process, and compiling cost
 * about 13 ms of the 80 ms of CPU a job resource's `create` took (`npm run bench -- --only terraform`).
 *
 * The first run of an operation (`create`, `delete`) compiles normally and, when it exits with 0 having left
 * V8's flags as they were (see run-time-flags.ts), writes the code of
 * every function it compiled (`vm.Script#createCachedData`, taken after the run, so the lazily compiled
 * functions are in it too); the next runs hand that to V8. Node's own compile cache
 * (`module.enableCompileCache`, Node >= 22.1) is not used for this file: it is not there on Node 20, and on
 * Node 22.23.5 a job resource's `create` measured 74-75 ms of CPU with it against 63-66 ms with this one
 * (`node -e 0`: 24-26 ms).
 *
 * Where: `COS_MEDIA_CODE_CACHE_DIR`, else `cdktf-cos-media-code-cache-<uid>` in the OS temp dir, created
 * private (0700). A directory that is not ours or that others may write is not used (someone else's cache
 * must not become our code). One file per core content (sha256), Node version, architecture and operation;
 * V8 itself refuses a cache made with other V8 flags or another source. Written to a temp file and renamed,
 * so parallel handlers never see half a file. `NODE_DISABLE_COMPILE_CACHE` (Node's switch) or
 * `COS_MEDIA_CODE_CACHE=off` turns it off. Any problem with the cache means a normal start, never an error.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { v8FlagsChangedAtRunTime } from './run-time-flags';

type Env = Readonly<Record<string, string | undefined>>;

interface ModuleClass {
  new (id: string, parent: NodeJS.Module): NodeJS.Module;
  readonly wrapper: readonly string[];
  _nodeModulePaths(dir: string): string[];
  createRequire(file: string): NodeJS.Require;
}

/** Settings of the cache given values they do not take, all named: the handler stops with this (exit 2). */
export class CodeCacheSettingError extends Error {
  constructor(problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'CodeCacheSettingError';
  }
}

/** The directory caches go in, or undefined when caching is off. */
export function codeCacheDir(env: Env): string | undefined {
  const problems: string[] = [];
  const switch_ = env.COS_MEDIA_CODE_CACHE;
  if (switch_ !== undefined && switch_ !== '' && switch_ !== 'off' && switch_ !== 'on') {
    problems.push(`COS_MEDIA_CODE_CACHE must be "on" (the default) or "off", got ${JSON.stringify(switch_)}`);
  }
  const dir = env.COS_MEDIA_CODE_CACHE_DIR;
  if (dir !== undefined && dir !== '' && !path.isAbsolute(dir)) {
    problems.push(`COS_MEDIA_CODE_CACHE_DIR must be an absolute path (provisioners run in the stack directory), got ${JSON.stringify(dir)}`);
  }
  if (problems.length > 0) throw new CodeCacheSettingError(problems);
  if (env.NODE_DISABLE_COMPILE_CACHE || switch_ === 'off') return undefined;
  if (env.COS_MEDIA_CODE_CACHE_DIR) return env.COS_MEDIA_CODE_CACHE_DIR;
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  return path.join(os.tmpdir(), `cdktf-cos-media-code-cache-${uid}`);
}

/** Whether `dir` may hold our cache: missing (made on write), or a directory of ours that only we can write. */
function usableDir(dir: string): 'missing' | 'ok' | 'no' {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(dir);
  } catch {
    return 'missing';
  }
  if (!st.isDirectory()) return 'no';
  if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return 'no';
  return (st.mode & 0o022) === 0 ? 'ok' : 'no';
}

/**
 * Runs the CommonJS file `file` (the core bundle) as `require` would and returns its exports, with the code
 * cache of `operation` when there is one; `operation` undefined (usage, bad arguments) neither reads nor writes.
 */
export function requireWithCodeCache(file: string, operation: string | undefined, env: Env): unknown {
  const dir = operation === undefined ? undefined : codeCacheDir(env);
  const state = dir === undefined ? 'no' : usableDir(dir);
  if (dir === undefined || state === 'no') return require(file);
  const source = fs.readFileSync(file, 'utf8');
  const id = createHash('sha256').update(source).digest('hex').slice(0, 32);
  const cacheFile = path.join(dir, `${id}-${process.version}-${process.arch}-${operation}.bin`);
  let cachedData: Buffer | undefined;
  if (state === 'ok') {
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      // Not made yet.
    }
  }
  // The CommonJS loader's own Module class, without loading `node:module` (which loads the ES module loader).
  const Module = module.constructor as unknown as ModuleClass;
  const wrapper = Module.wrapper;
  const script = new vm.Script(`${wrapper[0]}${source}${wrapper[1]}`, {
    filename: file,
    // Columns on the first line as in the file itself (the wrapper comes before them).
    columnOffset: -(wrapper[0] as string).length,
    ...(cachedData ? { cachedData } : {}),
  });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  const fn = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  fn.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
  if (cachedData === undefined || script.cachedDataRejected) {
    // Only a run that went well has compiled what the next ones need, and only one that kept V8's flags
    // made a cache the next runs can use (run-time-flags.ts).
    process.once('exit', (code) => code === 0 && !v8FlagsChangedAtRunTime() && writeCache(dir, cacheFile, script));
  }
  return mod.exports;
}

function writeCache(dir: string, cacheFile: string, script: vm.Script): void {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (usableDir(dir) !== 'ok') return;
    fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(tmp, cacheFile);
  } catch {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing more to do: the next run compiles normally.
    }
  }
}
