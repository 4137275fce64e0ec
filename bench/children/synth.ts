/**
 * One synthesis, in a fresh process, for the synth benchmark. Prints one JSON line: `{ ms, cpuMs, maxRssMiB }`,
 * where `ms` is the wall time from creating the App to the end of `app.synth()` (modules are loaded before the
 * clock starts), `cpuMs` the process's CPU time (user + system, all threads) over the same span, and
 * `maxRssMiB` the process's peak resident memory.
 *
 * Argument: `{ mode: 'ours', count, outdir, dumpTriggers? }` — a stack of `count` `VideoEnhanceJob`s (one
 * input each, inline enhancement, one existing bucket); with `dumpTriggers` the resources' triggers as
 * synthesized are written there (after the clock stops). Or `{ mode: 'handwritten', triggersFile, outdir }` —
 * what a user would write by hand for the same stack: the same number of plain `null_resource`s with exactly
 * those triggers, the same two `local-exec` provisioners (create and destroy, `node <handler>` with
 * `COS_MEDIA_TRIGGERS = jsonencode(self.triggers)`), the same dependency on the bucket's resource, and the
 * handler shipped as one cdktf asset. Or `{ mode: 'handwritten-full', triggersFile, outdir }` — the same, written to
 * synthesize what our resources hold and the handler needs: each resource in a construct of its own (as each
 * of ours is), `lifecycle { create_before_destroy = true }`, the `COS_MEDIA_RESOURCE_ID = self.id` variable,
 * and the whole handler bundle (entry and core) as the asset.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource } from '@cdktf/provider-null/lib/resource';
import { App, AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { MediaBucket, VideoEnhanceJob } from '../../src/constructs';
import { handlerBundlePath } from '../../src/constructs/handler-asset';

type Args =
  | { mode: 'ours'; count: number; outdir: string; dumpTriggers?: string }
  | { mode: 'handwritten' | 'handwritten-full'; triggersFile: string; outdir: string };

/** What the dump keeps of each resource of ours. */
interface Dumped {
  readonly triggers: Record<string, string>;
  readonly dependsOnFirst: boolean;
  /** Whether it has `lifecycle { create_before_destroy = true }` (for 'handwritten-full'). */
  readonly createBeforeDestroy: boolean;
}

const args = JSON.parse(process.argv[2] as string) as Args;
const dumped = args.mode !== 'ours' ? (JSON.parse(fs.readFileSync(args.triggersFile, 'utf8')) as Dumped[]) : [];

const started = process.hrtime.bigint();
const cpuStarted = process.cpuUsage();
const app = new App({ outdir: args.outdir, stackTraces: false });
const stack = new TerraformStack(app, 'bench');
if (args.mode === 'ours') {
  const bucket = MediaBucket.fromBucketName(stack, 'media', { bucket: 'bench-1250000000', region: 'ap-guangzhou' });
  for (let i = 0; i < args.count; i++) {
    const n = String(i).padStart(5, '0');
    new VideoEnhanceJob(stack, `job-${n}`, {
      bucket,
      input: `in/clip-${n}.mp4`,
      enhance: { msSharpen: { sharpenLevel: 4 }, superResolution: { resolution: 'sdtohd' } },
      output: { object: 'enhanced/${InputName}.${ext}' },
    });
  }
} else if (args.mode === 'handwritten-full') {
  new NullProvider(stack, 'null');
  const bundle = handlerBundlePath();
  const asset = new TerraformAsset(stack, 'handler', { path: path.dirname(bundle), type: AssetType.DIRECTORY });
  const handler = `${asset.path}/${path.basename(bundle)}`;
  const environment = { COS_MEDIA_TRIGGERS: '${jsonencode(self.triggers)}', COS_MEDIA_RESOURCE_ID: '${self.id}' };
  let first: Resource | undefined;
  const ordered = [...dumped.filter((d) => !d.dependsOnFirst), ...dumped.filter((d) => d.dependsOnFirst)];
  ordered.forEach((d, i) => {
    const r = new Resource(new Construct(stack, `r-${i}`), 'Resource', {
      triggers: d.triggers,
      ...(d.dependsOnFirst && first ? { dependsOn: [first] } : {}),
      ...(d.createBeforeDestroy ? { lifecycle: { createBeforeDestroy: true } } : {}),
      provisioners: [
        { type: 'local-exec', interpreter: ['node', handler], command: 'create', environment },
        { type: 'local-exec', when: 'destroy', interpreter: ['node', handler], command: 'delete', environment },
      ],
    });
    first ??= r;
  });
} else {
  new NullProvider(stack, 'null');
  const handler = new TerraformAsset(stack, 'handler', { path: handlerBundlePath(), type: AssetType.FILE }).path;
  const environment = { COS_MEDIA_TRIGGERS: '${jsonencode(self.triggers)}' };
  let first: Resource | undefined;
  // The bucket's resource (the one without a dependency) first, as in our stack.
  const ordered = [...dumped.filter((d) => !d.dependsOnFirst), ...dumped.filter((d) => d.dependsOnFirst)];
  ordered.forEach((d, i) => {
    const r = new Resource(stack, `r-${i}`, {
      triggers: d.triggers,
      ...(d.dependsOnFirst && first ? { dependsOn: [first] } : {}),
      provisioners: [
        { type: 'local-exec', interpreter: ['node', handler], command: 'create', environment },
        { type: 'local-exec', when: 'destroy', interpreter: ['node', handler], command: 'delete', environment },
      ],
    });
    first ??= r;
  });
}
app.synth();
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const cpu = process.cpuUsage(cpuStarted);
const cpuMs = (cpu.user + cpu.system) / 1000;

if (args.mode === 'ours' && args.dumpTriggers) {
  const json = JSON.parse(fs.readFileSync(path.join(args.outdir, 'stacks', 'bench', 'cdk.tf.json'), 'utf8')) as {
    resource: { null_resource: Record<string, { triggers: Record<string, string>; depends_on?: string[]; lifecycle?: { create_before_destroy?: boolean } }> };
  };
  // Every resource, the existing bucket's included (it has one too, first): the hand-written stack has the
  // same triggers (as synthesized, so already escaped) and the jobs' dependency on the bucket's resource.
  const all: Dumped[] = Object.values(json.resource.null_resource).map((r) => ({
    triggers: r.triggers,
    dependsOnFirst: (r.depends_on ?? []).length > 0,
    createBeforeDestroy: r.lifecycle?.create_before_destroy === true,
  }));
  fs.writeFileSync(args.dumpTriggers, JSON.stringify(all));
}
process.stdout.write(`${JSON.stringify({ ms, cpuMs, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
