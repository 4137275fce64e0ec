/**
 * Type-level test, checked by `npm run typecheck` (tsc over test/): each `@ts-expect-error` below fails the
 * type check if the line under it ever compiles, i.e. if two kinds of reference become interchangeable again.
 * Never run, only type-checked.
 */
import type { TerraformStack } from 'cdktf';
import {
  MediaBucket,
  VideoEnhanceBatch,
  VideoEnhanceJob,
  VideoEnhanceTemplate,
  Watermark,
  WatermarkTemplate,
  type IMediaBucket,
  type IVideoEnhanceTemplate,
  type IWatermarkTemplate,
} from 'cdktf-cos-media';

export function wrongKinds(stack: TerraformStack): void {
  const bucket = new MediaBucket(stack, 'media', { bucket: 'media-1250000000', region: 'ap-guangzhou' });
  const hd = new VideoEnhanceTemplate(stack, 'hd', { bucket, msSharpen: { sharpenLevel: 5 } });
  const mark = new WatermarkTemplate(stack, 'mark', { bucket, watermark: Watermark.text({ text: 'x', pos: 'TopLeft' }) });
  const output = { object: 'out/${InputName}.${ext}' };

  // The right kinds compile.
  new VideoEnhanceJob(stack, 'ok', { bucket, input: 'a.mp4', template: hd, watermarks: [mark, Watermark.text({ text: 'y', pos: 'TopLeft' })].slice(0, 1), output });

  // @ts-expect-error a watermark template is not a VideoEnhance template
  new VideoEnhanceJob(stack, 'j1', { bucket, input: 'a.mp4', template: mark, output });
  // @ts-expect-error a VideoEnhance template is not a watermark template
  new VideoEnhanceBatch(stack, 'b1', { bucket, inputs: ['a.mp4'], template: hd, watermarks: [hd], output });
  // @ts-expect-error a template is not a bucket
  new VideoEnhanceJob(stack, 'j2', { bucket: hd, input: 'a.mp4', template: hd, output });
  // @ts-expect-error a bucket is not a template
  new VideoEnhanceJob(stack, 'j3', { bucket, input: 'a.mp4', template: bucket, output });

  // @ts-expect-error the interfaces themselves are distinct
  const asEnhance: IVideoEnhanceTemplate = mark;
  // @ts-expect-error the interfaces themselves are distinct
  const asWatermark: IWatermarkTemplate = hd;
  // @ts-expect-error a template is not a bucket
  const asBucket: IMediaBucket = mark;
  void [asEnhance, asWatermark, asBucket];
}
