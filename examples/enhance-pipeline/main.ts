/**
 * A realistic media stack, and the library's tutorial: read it top to bottom.
 *
 *   npm run synth      # writes cdktf.out/stacks/enhance-pipeline/
 *   npm start          # the offline demo: emulator + local runner, no account needed
 *
 * With a real account: `npx cdktf deploy` (or `terraform apply` in cdktf.out/stacks/enhance-pipeline) with
 * TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY in the environment.
 */
import { App, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import {
  MediaBucket,
  VideoEnhanceBatch,
  VideoEnhanceJob,
  VideoEnhanceTemplate,
  Watermark,
  WatermarkTemplate,
} from 'cdktf-cos-media';

/** The inputs of the batch; the offline demo uploads small stand-ins for them. */
export const CATALOG = Array.from({ length: 12 }, (_, i) => `catalog/episode-${String(i + 1).padStart(2, '0')}.mp4`);
export const SINGLE_INPUTS = ['input/intro.mp4', 'input/keynote.mov'];

export class EnhancePipeline extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);

    // 1. A COS bucket with media processing enabled. The handler creates it (or adopts it if it is yours
    //    already) and enables media processing. It is kept on destroy unless `deleteOnDestroy: true`.
    const bucket = new MediaBucket(this, 'media', { bucket: 'media-1250000000', region: 'ap-guangzhou' });

    // 2. Two watermark templates. A template's name is its identity; without `name` one is derived from the
    //    construct path, stable across synths.
    const caption = new WatermarkTemplate(this, 'caption', {
      bucket,
      name: 'pipeline-caption',
      watermark: Watermark.text({ text: 'cdktf-cos-media', pos: 'BottomRight', dx: 24, dy: 24, fontSize: 28, transparency: 80 }),
    });
    const logo = new WatermarkTemplate(this, 'logo', {
      bucket,
      name: 'pipeline-logo',
      watermark: Watermark.image({
        url: 'https://media-1250000000.cos.ap-guangzhou.myqcloud.com/brand/logo.png',
        pos: 'TopLeft',
        mode: 'Proportion',
        width: 10,
        dx: 2,
        dy: 2,
        locMode: 'Relativity',
      }),
    });

    // 3. A VideoEnhance template: super resolution, colour enhancement and sharpening, H.264 in MP4.
    //    Every parameter is validated at synth: a sharpen level of 11 fails here, not in a paid job.
    //    (The demo changes this one value with DEMO_SHARPEN_LEVEL to show a one-key change in the plan.)
    const hd = new VideoEnhanceTemplate(this, 'hd', {
      bucket,
      name: 'pipeline-hd',
      transcode: { container: { format: 'mp4' }, video: { codec: 'H.264', width: 1920, fps: 30 }, audio: { codec: 'aac' } },
      superResolution: { resolution: 'sdtohd', version: 'Enhance' },
      colorEnhance: { contrast: 50, correction: 100, saturation: 100 },
      msSharpen: { sharpenLevel: Number(process.env.DEMO_SHARPEN_LEVEL ?? 5) },
    });

    // 4. One job that uses the templates. Its triggers carry the templates' names and spec hashes, so a
    //    change to `hd` shows this job being re-submitted in the plan. Output keys take the service's
    //    wildcards literally; they are escaped for Terraform for you.
    new VideoEnhanceJob(this, 'intro', {
      bucket,
      input: SINGLE_INPUTS[0] as string,
      template: hd,
      watermarks: [caption, logo],
      output: { object: 'enhanced/${InputName}-hd.${ext}' },
      userData: 'pipeline=intro',
    });

    // 5. One job with inline parameters and a digital watermark: no template needed.
    new VideoEnhanceJob(this, 'keynote', {
      bucket,
      input: SINGLE_INPUTS[1] as string,
      enhance: {
        transcode: { container: { format: 'mp4' } },
        sdrToHdr: { hdrMode: 'HDR10' },
        frameEnhance: { frameDoubling: true },
      },
      digitalWatermark: { message: 'keynote-2026' },
      output: { object: 'enhanced/${InputName}-hdr.${ext}' },
      jobLevel: 1,
    });

    // 6. A batch: the same settings over many inputs, as one resource. Each input is its own trigger key,
    //    so adding an episode shows as one added key, and only that episode is submitted.
    new VideoEnhanceBatch(this, 'catalog', {
      bucket,
      inputs: CATALOG,
      template: hd,
      watermarks: [logo],
      output: { object: 'enhanced/catalog/${InputName}.${ext}' },
      concurrency: 4,
      requestsPerSecond: 20,
    });
  }
}

if (require.main === module) {
  const app = new App();
  new EnhancePipeline(app, 'enhance-pipeline');
  app.synth();
}
