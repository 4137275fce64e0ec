/**
 * One synthesis, in a fresh process, for the synth benchmark. Prints one JSON line: `{ ms, maxRssMiB }`,
 * where `ms` is from creating the App to the end of `app.synth()` (modules are loaded before the clock starts)
 * and `maxRssMiB` is the process's peak resident memory.
 *
 * Argument: `{ mode: 'ours', count, outdir, dumpTriggers? }` — a stack of `count` `VideoEnhanceJob`s (one
 * input each, inline enhancement, one existing bucket); with `dumpTriggers` the resources' triggers as
 * synthesized are written there (after the clock stops). Or `{ mode: 'bare', triggersFile, outdir }` —
 * the same number of plain `null_resource`s with exactly those triggers and nothing else (no provisioners).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource } from '@cdktf/provider-null/lib/resource';
import { App, TerraformStack } from 'cdktf';
import { MediaBucket, VideoEnhanceJob } from '../../src/constructs';

type Args =
  | { mode: 'ours'; count: number; outdir: string; dumpTriggers?: string }
  | { mode: 'bare'; triggersFile: string; outdir: string };

const args = JSON.parse(process.argv[2] as string) as Args;
const triggers = args.mode === 'bare' ? (JSON.parse(fs.readFileSync(args.triggersFile, 'utf8')) as Record<string, string>[]) : [];

const started = process.hrtime.bigint();
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
} else {
  new NullProvider(stack, 'null');
  triggers.forEach((t, i) => new Resource(stack, `r-${i}`, { triggers: t }));
}
app.synth();
const ms = Number(process.hrtime.bigint() - started) / 1e6;

if (args.mode === 'ours' && args.dumpTriggers) {
  const json = JSON.parse(fs.readFileSync(path.join(args.outdir, 'stacks', 'bench', 'cdk.tf.json'), 'utf8')) as {
    resource: { null_resource: Record<string, { triggers: Record<string, string>; provisioner?: unknown }> };
  };
  // Every resource, the existing bucket's included (it has one too): the bare stack has the same triggers.
  const all = Object.values(json.resource.null_resource).map((r) => r.triggers);
  fs.writeFileSync(args.dumpTriggers, JSON.stringify(all));
}
process.stdout.write(`${JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
