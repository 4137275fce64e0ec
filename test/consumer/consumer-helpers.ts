/**
 * The consumer tier: the package as a user gets it. Packs the package once per content hash, installs the
 * tarball into scratch cdktf apps (one per supported combination, reused while the tarball and the app's
 * dependencies are unchanged), and fetches the Node binaries the apps run under. Everything is cached
 * outside the repository (`COS_MEDIA_TEST_CACHE`, default `~/.cache/cdktf-cos-media-test`); a cold cache
 * only costs time. npm runs with its own cache and `--prefer-offline`.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');
export const CACHE_ROOT = process.env.COS_MEDIA_TEST_CACHE ?? path.join(os.homedir(), '.cache', 'cdktf-cos-media-test');
export const CONSUMER_APP = path.join(__dirname, 'fixtures', 'consumer-app.js');

/** One supported combination of the app's own packages (the README's matrix). */
export interface Combo {
  readonly name: string;
  readonly cdktf: string;
  readonly constructs: string;
  /** Absent: the app does not install @cdktf/provider-null (an optional peer). */
  readonly providerNull?: string;
}

export const MATRIX: readonly Combo[] = [
  { name: 'cdktf-0.20-oldest', cdktf: '0.20.0', constructs: '10.3.0', providerNull: '10.0.0' },
  { name: 'cdktf-0.20-newest', cdktf: '0.20.12', constructs: '10.8.1', providerNull: '10.0.2' },
  { name: 'cdktf-0.21-oldest', cdktf: '0.21.0', constructs: '10.4.2', providerNull: '11.0.0' },
  { name: 'cdktf-0.21-newest', cdktf: '0.21.0', constructs: '10.8.1', providerNull: '11.0.1' },
];

/** An app whose cdktf is outside the supported range; npm itself refuses it unless peers are ignored. */
export const UNSUPPORTED: Combo = { name: 'cdktf-0.19-unsupported', cdktf: '0.19.2', constructs: '10.3.0', providerNull: '9.0.1' };

/** The Node lines users apply from, each pinned; the one running jest is used as is when it matches. */
export const NODE_VERSIONS: readonly string[] = ['20.20.2', '22.23.5', '24.22.3'];

export interface RunResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment for npm and the apps: none of the `npm test` run's own npm_* variables. */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) && !/^npm_config_(cache|userconfig)$/i.test(k)) continue;
    env[k] = v;
  }
  for (const k of ['TENCENTCLOUD_SECRET_ID', 'TENCENTCLOUD_SECRET_KEY', 'TENCENTCLOUD_SECURITY_TOKEN', 'COS_MEDIA_ENDPOINT', 'COS_MEDIA_HANDLER_BUNDLE']) {
    delete env[k];
  }
  return { ...env, ...extra };
}

export function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function runOrThrow(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  const r = await run(command, args, options);
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.code}:\n${r.stderr.slice(-4000)}\n${r.stdout.slice(-2000)}`);
  return r;
}

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'];

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** A hash of everything that goes into the tarball. */
function packageKey(): string {
  const hash = createHash('sha256');
  const files = [
    ...['package.json', 'README.md', 'LICENSE', 'tsconfig.json', 'tsconfig.build.json', 'scripts/bundle-handler.js'].map((f) => path.join(ROOT, f)),
    ...['bin', 'docs', 'src'].flatMap((d) => listFiles(path.join(ROOT, d))),
  ];
  for (const file of files) {
    hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 20);
}

/** Moves a finished temp dir into place; if another run got there first, keeps theirs. */
function publish(tmp: string, final: string): void {
  try {
    fs.renameSync(tmp, final);
  } catch (err) {
    if (!fs.existsSync(final)) throw err;
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Entries unused for this long are removed: other worktrees on the machine may be using theirs right now. */
const PRUNE_AFTER_MS = 60 * 60 * 1000;

/** Marks an entry as in use (its mtime), so no other run prunes it. */
function touch(entry: string): void {
  const now = new Date();
  fs.utimesSync(entry, now, now);
}

/** Removes the other entries of `dir` that start with `prefix` (other builds) and were not used lately. */
function prune(dir: string, prefix: string, keep: string): void {
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (!name.startsWith(prefix) || name === keep) continue;
    const entry = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(entry).mtimeMs > PRUNE_AFTER_MS) fs.rmSync(entry, { recursive: true, force: true });
    } catch {
      // Removed by another run meanwhile.
    }
  }
}

export interface PackedPackage {
  readonly tarball: string;
  readonly key: string;
  /** `npm pack --json` of the tarball: its file list, size and entry count. */
  readonly report: { files: { path: string; size: number }[]; size: number; unpackedSize: number; entryCount: number };
}

/** Builds the package from the current sources into a staging dir and packs it, once per content hash. */
export async function packedPackage(): Promise<PackedPackage> {
  const key = packageKey();
  const packDir = path.join(CACHE_ROOT, 'pack');
  const final = path.join(packDir, `pkg-${key}`);
  if (!fs.existsSync(path.join(final, 'pack.json'))) {
    fs.mkdirSync(packDir, { recursive: true });
    const tmp = fs.mkdtempSync(path.join(packDir, '.tmp-'));
    const staging = path.join(tmp, 'staging');
    fs.mkdirSync(staging);
    for (const f of ['package.json', 'README.md', 'LICENSE']) fs.copyFileSync(path.join(ROOT, f), path.join(staging, f));
    for (const d of ['bin', 'docs']) fs.cpSync(path.join(ROOT, d), path.join(staging, d), { recursive: true });
    const tsc = require.resolve('typescript/bin/tsc');
    await runOrThrow(process.execPath, [tsc, '-p', path.join(ROOT, 'tsconfig.build.json'), '--outDir', path.join(staging, 'dist')]);
    const { bundleHandler } = require(path.join(ROOT, 'scripts', 'bundle-handler.js')) as { bundleHandler(target: string): Promise<string> };
    await bundleHandler(path.join(staging, 'dist', 'handler-bundle'));
    const packed = await runOrThrow(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp, ...NPM_FLAGS], { cwd: staging });
    const [report] = JSON.parse(packed.stdout) as [PackedPackage['report'] & { filename: string }];
    fs.renameSync(path.join(tmp, report.filename), path.join(tmp, 'cdktf-cos-media.tgz'));
    fs.rmSync(staging, { recursive: true, force: true });
    fs.writeFileSync(path.join(tmp, 'pack.json'), JSON.stringify(report, null, 2));
    publish(tmp, final);
    prune(packDir, 'pkg-', `pkg-${key}`);
    prune(packDir, '.tmp-', '');
  }
  touch(final);
  const report = JSON.parse(fs.readFileSync(path.join(final, 'pack.json'), 'utf8')) as PackedPackage['report'];
  return { tarball: path.join(final, 'cdktf-cos-media.tgz'), key, report };
}

/**
 * An app with the tarball and `combo` installed by npm, reused while both are unchanged. With
 * `legacyPeerDeps`, npm installs what it is told even against our peer ranges (to see our own check).
 */
export async function installedApp(pkg: PackedPackage, combo: Combo, options: { legacyPeerDeps?: boolean } = {}): Promise<string> {
  const dependencies: Record<string, string> = {
    ...(combo.providerNull === undefined ? {} : { '@cdktf/provider-null': combo.providerNull }),
    cdktf: combo.cdktf,
    'cdktf-cos-media': 'file:./cdktf-cos-media.tgz',
    constructs: combo.constructs,
  };
  const manifest = { name: `consumer-${combo.name}`, version: '1.0.0', private: true, dependencies };
  const key = createHash('sha256').update(JSON.stringify({ manifest, pkg: pkg.key, options })).digest('hex').slice(0, 16);
  const appsDir = path.join(CACHE_ROOT, 'apps');
  const final = path.join(appsDir, `${combo.name}-${key}`);
  if (fs.existsSync(path.join(final, '.ready'))) {
    touch(final);
    return final;
  }
  fs.mkdirSync(appsDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(appsDir, '.tmp-'));
  fs.copyFileSync(pkg.tarball, path.join(tmp, 'cdktf-cos-media.tgz'));
  fs.writeFileSync(path.join(tmp, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const flags = options.legacyPeerDeps ? ['--legacy-peer-deps'] : [];
  await runOrThrow(NPM, ['install', ...NPM_FLAGS, ...flags], { cwd: tmp });
  fs.writeFileSync(path.join(tmp, '.ready'), '');
  publish(tmp, final);
  prune(appsDir, `${combo.name}-`, `${combo.name}-${key}`);
  prune(appsDir, '.tmp-', '');
  return final;
}

/** `npm install` of `combo` with our tarball in a throwaway dir, peers enforced: for npm's own refusal. */
export async function tryInstall(pkg: PackedPackage, combo: Combo): Promise<RunResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-consumer-'));
  try {
    fs.copyFileSync(pkg.tarball, path.join(dir, 'cdktf-cos-media.tgz'));
    const dependencies = { cdktf: combo.cdktf, 'cdktf-cos-media': 'file:./cdktf-cos-media.tgz', constructs: combo.constructs };
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer-refused', version: '1.0.0', private: true, dependencies }));
    return await run(NPM, ['install', '--package-lock-only', ...NPM_FLAGS], { cwd: dir });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The `node` binary of `version`: this process's when it matches, else from the npm package that carries it. */
export async function nodeBinary(version: string): Promise<string> {
  if (process.versions.node === version) return process.execPath;
  const dir = path.join(CACHE_ROOT, 'node', version);
  const binary = path.join(dir, 'bin', 'node');
  if (fs.existsSync(binary)) return binary;
  const nodeDir = path.join(CACHE_ROOT, 'node');
  fs.mkdirSync(nodeDir, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(nodeDir, '.tmp-'));
  const packed = await runOrThrow(NPM, ['pack', `node-${process.platform}-${process.arch}@${version}`, '--json', '--pack-destination', tmp, ...NPM_FLAGS], { cwd: tmp });
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }];
  await runOrThrow('tar', ['xzf', path.join(tmp, filename), '-C', tmp, 'package/bin/node']);
  fs.rmSync(path.join(tmp, filename));
  fs.renameSync(path.join(tmp, 'package'), path.join(tmp, 'out'));
  publish(path.join(tmp, 'out'), dir);
  fs.rmSync(tmp, { recursive: true, force: true });
  return binary;
}

/** A fresh work dir for one run (removed by the caller). */
export function workDir(label: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cos-media-consumer-${label}-`));
}

/** Runs the consumer app of `appDir` under `node`. */
export function runConsumerApp(
  node: string,
  appDir: string,
  work: string,
  phase: 'synth' | 'apply' | 'all',
  options: { backing?: string } = {},
): Promise<RunResult> {
  const extra: NodeJS.ProcessEnv = options.backing === undefined ? {} : { CONSUMER_BACKING: options.backing };
  return run(node, [CONSUMER_APP, appDir, work, phase], { cwd: work, env: cleanEnv(extra) });
}

