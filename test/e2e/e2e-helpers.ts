/**
 * End-to-end harness: the real emulator on loopback, stacks synthesized by cdktf into temp dirs, the real
 * local runner, and the real bundled handler run by it as a child process (dist/handler-bundle/cos-media-handler.js,
 * built by jest's global setup).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { CosMediaClient } from '../../src/client';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { applyStack, destroyAll, loadStack, planStack, type StackRunResult } from '../../src/local';

export const REGION = 'ap-guangzhou';
export const SECRET_ID = 'AKIDE2ETESTS00000001';
export const SECRET_KEY = 'e2e-secret-key-never-printed-7f3a';

export interface Harness {
  readonly emulator: RunningEmulator;
  readonly dir: string;
  readonly client: CosMediaClient;
  /** The environment the runner gives provisioners. */
  readonly env: NodeJS.ProcessEnv;
  /** Everything the runner printed, line by line. */
  readonly lines: string[];
  synth(build: (stack: TerraformStack) => void): string;
  apply(stackDir: string): Promise<StackRunResult>;
  destroy(stackDir: string): Promise<StackRunResult>;
  plan(stackDir: string): ReturnType<typeof planStack>;
  close(): Promise<void>;
}

/**
 * The environment a handler runs with against an emulator at `endpoint`: this process's environment, the
 * credentials, and short poll intervals and settle waits (the emulator answers at once).
 */
export function handlerEnv(endpoint: string, secretId: string, secretKey: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    COS_MEDIA_ENDPOINT: endpoint,
    TENCENTCLOUD_SECRET_ID: secretId,
    TENCENTCLOUD_SECRET_KEY: secretKey,
    COS_MEDIA_POLL_INTERVAL_MS: '100',
    COS_MEDIA_POLL_MAX_INTERVAL_MS: '300',
    COS_MEDIA_PROGRESS_INTERVAL_MS: '1000',
    // An unknown outcome settles quickly (slow-submission tests set their own).
    COS_MEDIA_SUBMIT_SETTLE_MS: '1500',
  };
}

export async function startHarness(options: { jobDurationMs?: number; rateLimit?: number; dataDir?: string; faultSeed?: number } = {}): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-e2e-'));
  const emulator = await startEmulator({
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
    jobDurationMs: options.jobDurationMs ?? 150,
    ...(options.rateLimit !== undefined ? { rateLimit: options.rateLimit } : {}),
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}),
    ...(options.faultSeed !== undefined ? { faultSeed: options.faultSeed } : {}),
    warn: () => undefined,
  });
  const client = new CosMediaClient({ region: REGION, credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emulator.url });
  const env: NodeJS.ProcessEnv = { ...handlerEnv(emulator.url, SECRET_ID, SECRET_KEY), COS_MEDIA_RESULTS_DIR: path.join(dir, 'results') };
  const lines: string[] = [];
  const statePath = path.join(dir, 'state.json');
  const runOptions = { statePath, env, sink: (line: string) => void lines.push(line), progressIntervalMs: 60_000 };
  return {
    emulator,
    dir,
    client,
    env,
    lines,
    synth(build) {
      const outdir = path.join(dir, 'cdktf.out');
      const app = new App({ outdir, stackTraces: false });
      build(new TerraformStack(app, 'e2e'));
      app.synth();
      return path.join(outdir, 'stacks', 'e2e');
    },
    apply: (stackDir) => applyStack(loadStack(stackDir), runOptions),
    destroy: (stackDir) => destroyAll(loadStack(stackDir), runOptions),
    plan: (stackDir) => planStack(loadStack(stackDir), { statePath }),
    async close() {
      await client.close();
      await emulator.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates the bucket and uploads small stand-in inputs, as a team's upload pipeline would. */
export async function seedInputs(h: Harness, bucket: string, keys: readonly string[]): Promise<void> {
  await h.client.putBucket({ bucket });
  for (const key of keys) await h.client.putObject({ bucket, key, body: `stand-in video for ${key}` });
}

export function jobsIn(h: Harness): ReturnType<RunningEmulator['state']>['jobs'] {
  return h.emulator.state().jobs;
}
