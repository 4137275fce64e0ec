/**
 * Our side of the apply-time benchmarks: a `VideoEnhanceBatch` synthesized by cdktf into a temp dir, and the
 * real bundled handler (dist/handler-bundle/cos-media-handler.js) run on it as Terraform's `local-exec` would run it:
 * `node <handler> create` in the stack directory with `COS_MEDIA_TRIGGERS` set to the resource's triggers.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { MediaBucket, VideoEnhanceBatch } from '../../src/constructs';
import { expandPerInputWildcards } from '../../src/model';
import { repoRoot, runNode, type RunResult } from './children';
import { BUCKET, REGION, SECRET_ID, SECRET_KEY } from './emulator-process';

export interface BatchOptions {
  /** The batch's input list; empty with `inputPrefix`. */
  readonly inputs: readonly string[];
  /** Inputs listed at apply time under this prefix instead of a list. */
  readonly inputPrefix?: string;
  readonly concurrency: number;
  readonly requestsPerSecond: number;
  readonly wait: boolean;
}

export interface SynthesizedBatch {
  readonly stackDir: string;
  readonly triggers: Readonly<Record<string, string>>;
  /** The XML body every job of the batch is submitted with, but for its input (for the SDK baselines). */
  jobXml(input: string): string;
  remove(): void;
}

/** The enhancement every benchmark job asks for. */
export const ENHANCE = { msSharpen: { sharpenLevel: 4 } } as const;
export const OUTPUT_OBJECT = 'enhanced/${InputName}.${ext}';

export function synthBatch(options: BatchOptions): SynthesizedBatch {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-bench-'));
  const app = new App({ outdir: path.join(dir, 'cdktf.out'), stackTraces: false });
  const stack = new TerraformStack(app, 'bench');
  const bucket = MediaBucket.fromBucketName(stack, 'media', { bucket: BUCKET, region: REGION });
  const batch = new VideoEnhanceBatch(stack, 'catalog', {
    bucket,
    ...(options.inputPrefix !== undefined ? { inputPrefix: options.inputPrefix } : { inputs: options.inputs }),
    enhance: ENHANCE,
    output: { object: OUTPUT_OBJECT },
    concurrency: options.concurrency,
    requestsPerSecond: options.requestsPerSecond,
    wait: options.wait,
  });
  app.synth();
  return {
    stackDir: path.join(dir, 'cdktf.out', 'stacks', 'bench'),
    triggers: batch.triggers,
    jobXml: (input) =>
      '<Request><Tag>VideoEnhance</Tag>' +
      `<Input><Object>${input}</Object></Input>` +
      '<Operation><VideoEnhance><MsSharpen><SharpenLevel>4</SharpenLevel></MsSharpen></VideoEnhance>' +
      // The job API expands only ${ext} and ${jobid}: the script expands the per-input name, as the handler does.
      `<Output><Region>${REGION}</Region><Bucket>${BUCKET}</Bucket><Object>${expandPerInputWildcards(OUTPUT_OBJECT, input)}</Object></Output>` +
      '</Operation></Request>',
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** The bundled handler: dist/handler-bundle/cos-media-handler.js, or `COS_MEDIA_HANDLER_BUNDLE` (as for the constructs), e.g. an older build to compare with. */
export function handlerPath(): string {
  const override = process.env.COS_MEDIA_HANDLER_BUNDLE;
  if (override) return path.resolve(override);
  return path.join(repoRoot(), 'dist', 'handler-bundle', 'cos-media-handler.js');
}

export interface HandlerRunOptions {
  readonly pollIntervalMs?: number;
  readonly pollMaxIntervalMs?: number;
  /** Extra `node` flags, e.g. `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
  /** Also measure the handler's CPU time. */
  readonly measureCpu?: boolean;
}

/** Runs `node dist/handler-bundle/cos-media-handler.js create` for the batch against the emulator at `endpoint`. */
export async function runHandler(batch: SynthesizedBatch, endpoint: string, options: HandlerRunOptions = {}): Promise<RunResult> {
  const results = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-bench-results-'));
  try {
    const result = await runNode([handlerPath(), 'create'], {
      cwd: batch.stackDir,
      nodeArgs: options.nodeArgs ?? [],
      ...(options.measureCpu ? { measureCpu: true } : {}),
      env: {
        PATH: process.env.PATH,
        COS_MEDIA_TRIGGERS: JSON.stringify(batch.triggers),
        COS_MEDIA_ENDPOINT: endpoint,
        TENCENTCLOUD_SECRET_ID: SECRET_ID,
        TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
        COS_MEDIA_RESULTS_DIR: results,
        COS_MEDIA_POLL_INTERVAL_MS: String(options.pollIntervalMs ?? 100),
        COS_MEDIA_POLL_MAX_INTERVAL_MS: String(options.pollMaxIntervalMs ?? 500),
        COS_MEDIA_PROGRESS_INTERVAL_MS: '60000',
      },
    });
    if (result.code !== 0) throw new Error(`bench: the handler exited ${result.code ?? result.signal}: ${result.stderr.slice(-2000)}`);
    return result;
  } finally {
    fs.rmSync(results, { recursive: true, force: true });
  }
}
