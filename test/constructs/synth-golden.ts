/**
 * A fixed app that uses every construct and most options, synthesized to one JSON value: the golden output
 * that `synth-golden.test.ts` compares with `fixtures/synth-golden.json` (captured before the synth-speed
 * work of issue 14), so that making synthesis faster can never change a trigger, a hash or a byte of JSON.
 *
 * Normalized: the handler asset's content hash (it changes with the handler's sources) and the working
 * directory in the local backend's path.
 * Regenerate the fixture on purpose only: `node scripts/run-ts.js test/constructs/synth-golden.ts --write`
 * in the repository root.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, DataResource, TerraformHclModule, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import {
  MediaBucket,
  useBacking,
  VideoEnhanceBatch,
  VideoEnhanceJob,
  VideoEnhanceTemplate,
  Watermark,
  WatermarkTemplate,
  type Backing,
} from '../../src/constructs';

export const GOLDEN_FIXTURE = path.join(__dirname, 'fixtures', 'synth-golden.json');

function pipeline(app: App, id: string, backing: Backing | undefined, prefix: string): TerraformStack {
  const stack = new TerraformStack(app, id);
  if (backing) useBacking(stack, backing);
  const level = new TerraformVariable(stack, 'level', { type: 'number' }).numberValue;
  const bucket = new MediaBucket(stack, 'media', { bucket: `${prefix}media-1250000000`, region: 'ap-guangzhou' });
  const out = new MediaBucket(stack, 'out', { bucket: `${prefix}out-1250000000`, region: 'ap-shanghai', deleteOnDestroy: true });
  const existing = MediaBucket.fromBucketName(stack, 'existing', { bucket: `${prefix}existing-1250000000`, region: 'ap-beijing' });
  const caption = new WatermarkTemplate(stack, 'caption', {
    bucket,
    name: 'caption',
    watermark: Watermark.text({ text: 'a b_c-d', pos: 'BottomRight', dx: 24, dy: 24, fontSize: 28, transparency: 80 }),
  });
  const logo = new WatermarkTemplate(stack, 'logo', {
    bucket,
    watermark: Watermark.image({ url: `https://${prefix}media-1250000000.cos.ap-guangzhou.myqcloud.com/brand/logo.png`, pos: 'TopLeft', mode: 'Proportion', width: 10 }),
  });
  const hd = new VideoEnhanceTemplate(stack, 'hd', {
    bucket,
    name: 'hd',
    transcode: { container: { format: 'mp4' }, video: { codec: 'H.264', width: 1920, fps: 30 }, audio: { codec: 'aac' } },
    superResolution: { resolution: 'sdtohd', version: 'Enhance' },
    colorEnhance: { contrast: 50, correction: 100, saturation: 100 },
    msSharpen: { sharpenLevel: 5 },
  });
  const tokenised = new VideoEnhanceTemplate(stack, 'tokenised', { bucket, name: 'tok', msSharpen: { sharpenLevel: level } });
  const upload = new DataResource(stack, 'upload', { input: { v: 'x' } });
  const group = new Construct(stack, 'uploads');
  new DataResource(group, 'one', { input: { v: '1' } });
  const mod = new TerraformHclModule(stack, 'cdn', { source: 'registry.example/cdn/cos' });
  const intro = new VideoEnhanceJob(stack, 'intro', {
    bucket,
    input: 'input/intro ${x}.mp4',
    template: hd,
    watermarks: [caption, logo],
    output: { object: 'enhanced/${InputName}-hd.${ext}', bucket: out },
    userData: 'pipeline=intro %{ if }',
    dependsOn: [group, mod],
  });
  intro.node.addDependency(upload);
  new VideoEnhanceJob(stack, 'keynote', {
    bucket,
    input: 'input/keynote.mov',
    enhance: { transcode: { container: { format: 'mp4' } }, sdrToHdr: { hdrMode: 'HDR10' }, frameEnhance: { frameDoubling: true } },
    digitalWatermark: { message: 'keynote-2026' },
    output: { object: 'enhanced/${InputName}-hdr.${ext}' },
    jobLevel: 1,
    wait: false,
    waitTimeoutSeconds: level,
  });
  new VideoEnhanceJob(stack, 'tok-job', { bucket, input: 'a.mp4', template: tokenised, output: { object: 'o.mp4' } });
  new VideoEnhanceJob(stack, 'inline-marks', {
    bucket: existing,
    input: 'b.mp4',
    enhance: { msSharpen: { sharpenLevel: 4 }, superResolution: { resolution: 'sdtohd' } },
    watermarks: [Watermark.text({ text: 'inline', pos: 'TopLeft' })],
    output: { object: 'enhanced/${InputName}.${ext}' },
  });
  new VideoEnhanceBatch(stack, 'catalog', {
    bucket,
    inputs: Array.from({ length: 5 }, (_, i) => `catalog/episode-${i}.mp4`),
    template: hd,
    watermarks: [logo],
    output: { object: 'enhanced/catalog/${InputName}.${ext}' },
    concurrency: 4,
    requestsPerSecond: 20,
  });
  new VideoEnhanceBatch(stack, 'by-prefix', {
    bucket,
    inputPrefix: 'raw/',
    enhance: { msSharpen: { sharpenLevel: 2 } },
    output: { object: 'done/${InputName}.${ext}' },
  });
  // The benchmark's shape: many jobs of one existing bucket.
  for (let i = 0; i < 5; i++) {
    new VideoEnhanceJob(stack, `job-${i}`, {
      bucket: existing,
      input: `in/clip-${i}.mp4`,
      enhance: { msSharpen: { sharpenLevel: 4 }, superResolution: { resolution: 'sdtohd' } },
      output: { object: 'enhanced/${InputName}.${ext}' },
    });
  }
  return stack;
}

/** Every stack's `cdk.tf.json` of the golden app, by stack name, with the asset hash normalized. */
export function synthGolden(): Record<string, unknown> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-golden-'));
  try {
    const app = new App({ outdir, stackTraces: false });
    pipeline(app, 'null-backed', undefined, 'nb-');
    pipeline(app, 'data-backed', 'terraform_data', 'db-');
    const shared = new TerraformStack(app, 'shared');
    const sharedUpload = new DataResource(shared, 'upload', { input: { v: 'x' } });
    const consumer = new TerraformStack(app, 'consumer');
    const b = new MediaBucket(consumer, 'media', { bucket: 'consumer-1250000000', region: 'ap-guangzhou' });
    b.node.addDependency(sharedUpload);
    app.synth();
    const out: Record<string, unknown> = {};
    for (const name of ['null-backed', 'data-backed', 'shared', 'consumer']) {
      const text = fs.readFileSync(path.join(outdir, 'stacks', name, 'cdk.tf.json'), 'utf8');
      const normalized = text
        .replace(/assets\/CosMediaHandler\/[0-9A-F]{32}/g, 'assets/CosMediaHandler/<hash>')
        .split(JSON.stringify(process.cwd()).slice(1, -1))
        .join('<cwd>');
      out[name] = JSON.parse(normalized);
    }
    return out;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

if (require.main === module && process.argv.includes('--write')) {
  // Run from the repository root (run-ts bundles this file elsewhere, so __dirname is not the test folder).
  const target = path.resolve('test', 'constructs', 'fixtures', 'synth-golden.json');
  fs.writeFileSync(target, `${JSON.stringify(synthGolden(), null, 1)}\n`);
  process.stdout.write(`wrote ${target}\n`);
}
