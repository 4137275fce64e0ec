/**
 * The emulator as a child process with a data directory, so that the campaign can SIGKILL it and start it
 * again on the same port and directory (what a crashed service looks like to the handler). Everything it
 * prints goes to a log file, which the secrets scan reads afterwards.
 *
 * Fault rules live in memory only, so after a restart the process re-posts the run's rules (with a new seed
 * derived from the run's) and keeps counting what fired across incarnations.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot } from './package-root';

/** How to start `cos-media emulator`: a program and the arguments before the emulator's own options. */
export interface EmulatorLaunch {
  readonly command: string;
  readonly args: readonly string[];
}

/** The built CLI (`npm run build`): `node bin/cos-media.js emulator`. */
export function builtEmulatorLaunch(): EmulatorLaunch {
  return { command: process.execPath, args: [path.join(packageRoot(), 'bin', 'cos-media.js'), 'emulator'] };
}

/**
 * The TypeScript sources, without `npm run build`: the test suite's emulator entry
 * (test/emulator/fixtures/emulator-process.ts, the same `cos-media emulator` code) bundled by esbuild into
 * node_modules/.cache. Starts as fast as the built CLI, which matters when the emulator is restarted often.
 */
export async function sourceEmulatorLaunch(): Promise<EmulatorLaunch> {
  const root = packageRoot();
  // Inside the repository, so that the bundle's npm imports resolve; one file per process (jest workers and a
  // campaign may build at the same time), and the files of processes that are gone are removed.
  const cache = path.join(root, 'node_modules', '.cache', 'cos-media');
  const outfile = path.join(cache, `chaos-emulator-${process.pid}.js`);
  removeStaleBundles(cache);
  // esbuild is a dev dependency, like the sources this launch is for.
  const esbuild = (await import('esbuild')) as typeof import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(root, 'test', 'emulator', 'fixtures', 'emulator-process.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
  });
  return { command: process.execPath, args: [outfile] };
}

function removeStaleBundles(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    const pid = /^chaos-emulator-(\d+)\.js$/.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid) continue;
    try {
      process.kill(Number(pid), 0);
    } catch {
      fs.rmSync(path.join(dir, name), { force: true });
    }
  }
}

export interface FaultRuleJson {
  readonly operation?: string;
  readonly hostKind?: string;
  readonly probability?: number;
  readonly skip?: number;
  readonly times?: number;
  readonly effect: Readonly<Record<string, unknown>>;
}

export interface EmulatorProcessOptions {
  readonly launch: EmulatorLaunch;
  readonly dataDir: string;
  readonly logFile: string;
  /** TENCENTCLOUD_SECRET_ID / _KEY for the emulator to verify signatures with. */
  readonly secretId: string;
  readonly secretKey: string;
  readonly jobDurationMs: number;
  /** How long a start may take before it counts as failed. @default 30000 */
  readonly startTimeoutMs?: number;
}

/** What fired, per rule `operation/effect`, summed over the emulator's lifetimes. */
export type FaultCounts = Record<string, number>;

interface FaultListing {
  readonly rules: readonly { operation: string; effect: { type: string; status?: number; code?: string }; fired: number }[];
}

function ruleLabel(r: FaultListing['rules'][number]): string {
  const e = r.effect;
  return `${r.operation}:${e.type}${e.type === 'error' ? `:${e.status}:${e.code}` : ''}`;
}

/** Emulator children still running; killed if the campaign process exits first. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export class EmulatorProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private up: Promise<void>;
  private port = 0;
  private faultPlan: { seed: number; rules: readonly FaultRuleJson[] } | undefined;
  private restarts = 0;
  private readonly firedBefore: FaultCounts = {};
  private lastFired: FaultCounts = {};
  private readonly firstFired: Record<string, number> = {};
  private sampler: NodeJS.Timeout | undefined;
  private readonly log: fs.WriteStream;
  url = '';

  private constructor(private readonly options: EmulatorProcessOptions) {
    fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
    this.log = fs.createWriteStream(options.logFile, { flags: 'a' });
    this.up = Promise.resolve();
  }

  static async start(options: EmulatorProcessOptions): Promise<EmulatorProcess> {
    const p = new EmulatorProcess(options);
    p.up = p.spawnOnce(0);
    await p.up;
    p.sampler = setInterval(() => void p.sampleFaults(), 250);
    return p;
  }

  /** Resolves once the emulator answers (waits for a restart in progress). */
  ready(): Promise<void> {
    return this.up;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL, as a crash: nothing is flushed or closed. `ready()` waits until `restart()` has finished. */
  async kill(): Promise<void> {
    await this.sampleFaults();
    this.addToTotals(this.lastFired);
    this.lastFired = {};
    this.up = new Promise<void>((resolve, reject) => (this.restartGate = { resolve, reject }));
    this.up.catch(() => undefined); // a failed restart is reported by restart() and by every later ready()
    this.child?.kill('SIGKILL');
    await this.exited;
  }

  private restartGate: { resolve: () => void; reject: (err: unknown) => void } | undefined;

  /** Starts it again on the same port and data directory, and re-posts the fault rules. */
  async restart(): Promise<void> {
    this.restarts += 1;
    const gate = this.restartGate;
    this.restartGate = undefined;
    // The port was just freed by the killed process; another program could take it meanwhile (unlikely on
    // loopback): then retry a few times before giving up.
    let lastError: unknown;
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        await this.spawnOnce(this.port);
        if (this.faultPlan) await this.postFaults(this.faultPlan.seed + this.restarts, this.faultPlan.rules);
        gate?.resolve();
        return;
      } catch (err) {
        lastError = err;
        if (this.running) {
          this.child?.kill('SIGKILL');
          await this.exited;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    gate?.reject(lastError);
    throw lastError;
  }

  /** Installs the run's fault rules (replacing any). */
  async setFaults(seed: number, rules: readonly FaultRuleJson[]): Promise<void> {
    this.faultPlan = { seed, rules };
    await this.postFaults(seed, rules);
  }

  /** Removes every fault rule (for setting up and checking). */
  async clearFaults(): Promise<void> {
    await this.sampleFaults();
    this.addToTotals(this.lastFired);
    this.lastFired = {};
    this.faultPlan = undefined;
    await this.control('DELETE', '/_emulator/faults');
  }

  /** What fired so far, over every incarnation (the last quarter second before a kill may be missing). */
  faultsFired(): FaultCounts {
    const total: FaultCounts = { ...this.firedBefore };
    for (const [k, v] of Object.entries(this.lastFired)) total[k] = (total[k] ?? 0) + v;
    return total;
  }

  /** When a rule labelled `operation:effect` was first seen to have fired (to within a quarter second). */
  firedAt(label: string): number | undefined {
    return this.firstFired[label];
  }

  get restartCount(): number {
    return this.restarts;
  }

  /** `GET /_emulator/state`. */
  async state<T>(): Promise<T> {
    return (await this.control('GET', '/_emulator/state')) as T;
  }

  /** SIGTERM and wait: a clean stop at the end of a run. */
  async stop(): Promise<void> {
    if (this.sampler) clearInterval(this.sampler);
    if (this.running) {
      this.child?.kill('SIGTERM');
      await this.exited;
    }
    this.logOpen = false;
    await new Promise<void>((resolve) => this.log.end(resolve));
  }

  private logOpen = true;

  private write(data: string | Buffer): void {
    if (this.logOpen) this.log.write(data);
  }

  private addToTotals(counts: FaultCounts): void {
    for (const [k, v] of Object.entries(counts)) this.firedBefore[k] = (this.firedBefore[k] ?? 0) + v;
  }

  private async sampleFaults(): Promise<void> {
    if (!this.running) return;
    try {
      const listing = (await this.control('GET', '/_emulator/faults')) as FaultListing;
      const counts: FaultCounts = {};
      for (const r of listing.rules) counts[ruleLabel(r)] = (counts[ruleLabel(r)] ?? 0) + r.fired;
      for (const [label, n] of Object.entries(counts)) if (n > 0 && this.firstFired[label] === undefined) this.firstFired[label] = Date.now();
      this.lastFired = counts;
    } catch {
      // gone or restarting: keep the last sample
    }
  }

  private async postFaults(seed: number, rules: readonly FaultRuleJson[]): Promise<void> {
    await this.control('DELETE', '/_emulator/faults');
    await this.control('POST', '/_emulator/faults', { seed, rules });
  }

  private async control(method: string, pathname: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.url}${pathname}`, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${text.slice(0, 300)}`);
    return JSON.parse(text) as unknown;
  }

  private spawnOnce(port: number): Promise<void> {
    const o = this.options;
    const child = spawn(
      o.launch.command,
      [...o.launch.args, '--port', String(port), '--data-dir', o.dataDir, '--job-duration-ms', String(o.jobDurationMs)],
      {
        env: { ...process.env, TENCENTCLOUD_SECRET_ID: o.secretId, TENCENTCLOUD_SECRET_KEY: o.secretKey, TENCENTCLOUD_SECURITY_TOKEN: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.child = child;
    live.add(child);
    child.once('exit', () => live.delete(child));
    this.write(`--- start pid ${child.pid} port ${port}\n`);
    // 'close': the process is gone and its output has been read to the end.
    this.exited = new Promise((resolve) => child.once('close', () => resolve()));
    let seen = '';
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the emulator did not start within ${o.startTimeoutMs ?? 30_000} ms:\n${seen}`));
      }, o.startTimeoutMs ?? 30_000);
      const onData = (chunk: Buffer): void => {
        this.write(chunk);
        seen += chunk.toString('utf8');
        const m = /listening on (http:\/\/\S+)/.exec(seen);
        if (m) {
          clearTimeout(timer);
          this.url = m[1] as string;
          this.port = Number(new URL(this.url).port);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (chunk: Buffer) => {
        this.write(chunk);
        seen += chunk.toString('utf8');
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        this.write(`--- exit pid ${child.pid} ${signal ?? code}\n`);
        reject(new Error(`the emulator exited (${signal ?? code}) before listening:\n${seen}`));
      });
    });
  }
}
