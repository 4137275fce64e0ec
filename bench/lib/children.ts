/**
 * Child processes of the benchmarks. TypeScript entries under bench/children/ are bundled once with esbuild
 * (our sources inlined, npm packages left external, as scripts/run-ts.js does) into node_modules/.cache, so
 * that every measured child starts a plain `node file.js` without compiling anything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { msSince } from './stats';

/** The repository root: the nearest directory above this file holding our package.json. */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'cdktf-cos-media') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('bench: cannot find the cdktf-cos-media package root');
    dir = parent;
  }
}

const built = new Map<string, string>();

/** Bundles `bench/children/<name>.ts` (once per run) and returns the .js path. */
export async function childScript(name: string): Promise<string> {
  const done = built.get(name);
  if (done) return done;
  const root = repoRoot();
  // esbuild is a devDependency already (it bundles the handler); required lazily so only the bench needs it.
  const esbuild = require('esbuild') as typeof import('esbuild');
  const outfile = path.join(root, 'node_modules', '.cache', 'cos-media', `bench-${name}.js`);
  await esbuild.build({
    entryPoints: [path.join(root, 'bench', 'children', `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    alias: { 'cdktf-cos-media': path.join(root, 'src', 'index.ts') },
    logLevel: 'warning',
  });
  built.set(name, outfile);
  return outfile;
}

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** From spawn to exit, ms. */
  readonly wallMs: number;
  /** The child's CPU time (user + system), ms, when asked for with `measureCpu`. */
  readonly cpuMs?: number;
  /** The child's peak resident memory, MiB, when asked for with `measureCpu`. */
  readonly maxRssMiB?: number;
}

/**
 * A module preloaded with `node -r` that writes the process's CPU time (ms) and peak resident memory (KiB) at
 * exit to the file named by `COS_MEDIA_BENCH_CPU_FILE`: how the benchmarks learn the CPU time and memory of a
 * child they do not own (the handler).
 */
const CPU_PRELOAD = `'use strict';
const file = process.env.COS_MEDIA_BENCH_CPU_FILE;
if (file) process.on('exit', () => {
  const u = process.cpuUsage();
  require('node:fs').writeFileSync(file, (u.user + u.system) / 1000 + ' ' + process.resourceUsage().maxRSS);
});
`;

function cpuPreload(): string {
  const file = path.join(repoRoot(), 'node_modules', '.cache', 'cos-media', 'bench-cpu-preload.js');
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== CPU_PRELOAD) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, CPU_PRELOAD);
  }
  return file;
}

export interface RunOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Extra `node` flags (e.g. `--cpu-prof`). */
  readonly nodeArgs?: readonly string[];
  /** Also measure the child's CPU time (see `CPU_PRELOAD`). */
  readonly measureCpu?: boolean;
}

/** Runs `node <args>` to its end, timing it from spawn to exit. */
export function runNode(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const cpuFile = options.measureCpu ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-bench-cpu-')), 'cpu') : undefined;
  const nodeArgs = [...(options.nodeArgs ?? []), ...(cpuFile ? ['-r', cpuPreload()] : [])];
  const env = cpuFile ? { ...(options.env ?? process.env), COS_MEDIA_BENCH_CPU_FILE: cpuFile } : (options.env ?? process.env);
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...args], {
      env,
      cwd: options.cwd ?? process.cwd(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const wallMs = msSince(started);
      let cpuMs: number | undefined;
      let maxRssMiB: number | undefined;
      if (cpuFile) {
        const [cpu, rss] = fs.existsSync(cpuFile) ? fs.readFileSync(cpuFile, 'utf8').split(' ').map(Number) : [];
        cpuMs = cpu;
        maxRssMiB = rss === undefined ? undefined : rss / 1024;
        fs.rmSync(path.dirname(cpuFile), { recursive: true, force: true });
      }
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        wallMs,
        ...(cpuMs !== undefined ? { cpuMs } : {}),
        ...(maxRssMiB !== undefined ? { maxRssMiB } : {}),
      });
    });
  });
}

/** Like `runNode`, but fails with the child's output unless it exits 0. */
export async function runNodeOk(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const result = await runNode(args, options);
  if (result.code !== 0) {
    throw new Error(`bench: node ${args.join(' ')} exited ${result.code ?? result.signal}:\n${result.stderr.slice(-4000)}${result.stdout.slice(-2000)}`);
  }
  return result;
}

/** The last line of a child's stdout, parsed as JSON (children print their figures that way). */
export function lastJsonLine<T>(stdout: string): T {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] as string) as T;
}
