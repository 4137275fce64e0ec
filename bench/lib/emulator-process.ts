/**
 * The parent side of children/emulator.ts: start it, send it commands, read its request log, and seed it
 * with a bucket (media processing on) and input objects through our own client.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { CosMediaClient } from '../../src/client';
import type { EmulatorCommand, LoggedRequest } from '../children/emulator';
import { childScript } from './children';

export const REGION = 'ap-guangzhou';
export const BUCKET = 'bench-1250000000';
export const SECRET_ID = 'AKIDBENCHMARK0000000001';
export const SECRET_KEY = 'bench-secret-key-not-a-real-one';

export interface EmulatorProcessOptions {
  readonly jobDurationMs?: number;
  readonly queueMaxConcurrent?: number;
  readonly rateLimit?: number;
}

export interface JobCounts {
  readonly total: number;
  readonly byState: Readonly<Record<string, number>>;
  /** Inputs with more than one job. */
  readonly duplicates: number;
}

export class EmulatorProcess {
  readonly url: string;
  readonly client: CosMediaClient;
  readonly #child: ChildProcess;
  #nextId = 1;
  readonly #pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();

  private constructor(child: ChildProcess, url: string) {
    this.#child = child;
    this.url = url;
    this.client = new CosMediaClient({ region: REGION, credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: url });
    child.on('message', (m: { id?: number; result?: unknown; error?: string }) => {
      const waiter = m.id === undefined ? undefined : this.#pending.get(m.id);
      if (!waiter || m.id === undefined) return;
      this.#pending.delete(m.id);
      if (m.error !== undefined) waiter.reject(new Error(m.error));
      else waiter.resolve(m.result);
    });
  }

  static async start(options: EmulatorProcessOptions = {}): Promise<EmulatorProcess> {
    const script = await childScript('emulator');
    const child = fork(script, [JSON.stringify({ secretId: SECRET_ID, secretKey: SECRET_KEY, ...options })], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.once('message', (m: { ready?: string }) => (m.ready ? resolve(m.ready) : reject(new Error('bench emulator did not start'))));
      child.once('exit', (code) => reject(new Error(`bench emulator exited ${code}`)));
    });
    return new EmulatorProcess(child, url);
  }

  #send<T>(command: EmulatorCommand): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.#child.send({ id, ...command });
    });
  }

  reset(): Promise<boolean> {
    return this.#send({ cmd: 'reset' });
  }

  /** Requests per second per bucket before SlowDown (`null`: unlimited). Refills the budget. */
  rateLimit(perSecond: number | null): Promise<boolean> {
    return this.#send({ cmd: 'rateLimit', perSecond });
  }

  log(): Promise<LoggedRequest[]> {
    return this.#send({ cmd: 'log' });
  }

  clearLog(): Promise<boolean> {
    return this.#send({ cmd: 'clearLog' });
  }

  /** TCP connections accepted since the log was cleared, the emulator's CPU time so far and its peak memory. */
  stats(): Promise<{ connections: number; cpuMs: number; maxRssMiB: number }> {
    return this.#send({ cmd: 'stats' });
  }

  jobs(): Promise<JobCounts> {
    return this.#send({ cmd: 'jobs' });
  }

  /** Forgets everything, then creates the bucket with media processing and uploads `inputs`. */
  async seed(inputs: readonly string[], concurrency = 16): Promise<void> {
    await this.reset();
    await this.client.putBucket({ bucket: BUCKET });
    await this.client.enableMediaProcessing({ bucket: BUCKET });
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < inputs.length) {
          const key = inputs[next++] as string;
          await this.client.putObject({ bucket: BUCKET, key, body: `stand-in video for ${key}` });
        }
      }),
    );
    await this.clearLog();
  }

  /** Like `seed`, but the objects are stored by the emulator process itself, not uploaded one request each. */
  async seedMany(inputs: readonly string[]): Promise<void> {
    await this.reset();
    await this.client.putBucket({ bucket: BUCKET });
    await this.client.enableMediaProcessing({ bucket: BUCKET });
    for (let i = 0; i < inputs.length; i += 10_000) {
      await this.#send({ cmd: 'putObjects', bucket: BUCKET, keys: inputs.slice(i, i + 10_000) });
    }
    await this.clearLog();
  }

  async stop(): Promise<void> {
    await this.client.close();
    await new Promise<void>((resolve) => {
      this.#child.once('exit', () => resolve());
      this.#child.disconnect();
    });
  }
}

/** `count` input keys: `in/clip-00000.mp4`, … */
export function inputKeys(count: number, prefix = 'in/clip-'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(5, '0')}.mp4`);
}

/** Requests of the log by operation, with how many were SlowDown. */
export function countByOperation(log: readonly LoggedRequest[]): Record<string, { total: number; slowDown: number }> {
  const out: Record<string, { total: number; slowDown: number }> = {};
  for (const [op, , slow] of log) {
    const c = (out[op] ??= { total: 0, slowDown: 0 });
    c.total += 1;
    c.slowDown += slow;
  }
  return out;
}
