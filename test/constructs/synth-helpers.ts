import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack, Testing } from 'cdktf';
import { MediaBucket } from '../../src/constructs';

export interface SynthResource {
  readonly triggers: Record<string, string>;
  readonly depends_on?: string[];
  readonly provisioner: { 'local-exec': { command: string; environment: Record<string, string>; interpreter: string[]; when?: string } }[];
}

/** Output directories made by `newStack` in this test file, removed once its tests are done. */
const outdirs: string[] = [];
afterAll(() => {
  for (const dir of outdirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A stack in an app writing to a fresh temp dir (removed after the test file). */
export function newStack(name = 'demo'): { app: App; stack: TerraformStack; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-synth-'));
  outdirs.push(outdir);
  const app = new App({ outdir, stackTraces: false });
  return { app, stack: new TerraformStack(app, name), outdir };
}

export function mediaBucket(stack: TerraformStack, id = 'media'): MediaBucket {
  return new MediaBucket(stack, id, { bucket: 'media-1250000000', region: 'ap-guangzhou' });
}

/** Runs validations and returns the `null_resource`s of the stack's JSON by construct path. */
export function synthResources(stack: TerraformStack): Record<string, SynthResource> {
  const json = JSON.parse(Testing.synth(stack, true)) as { resource: { null_resource: Record<string, SynthResource & { '//'?: unknown }> } };
  const out: Record<string, SynthResource> = {};
  for (const [, res] of Object.entries(json.resource.null_resource)) {
    out[res.triggers.construct as string] = res;
  }
  return out;
}

/** Every file under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

/** The message of what `fn` throws. */
export function thrownBy(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
}
