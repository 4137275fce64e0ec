import { VideoEnhanceBatch, VideoEnhanceJob, VideoEnhanceTemplate, Watermark, WatermarkTemplate } from '../../src/constructs';
import { mediaBucket, newStack, thrownBy } from './synth-helpers';

/** What a JavaScript user can pass: no types to stop them. */
const untyped = (value: unknown): never => value as never;

function fixture() {
  const { stack } = newStack();
  const bucket = mediaBucket(stack);
  const hd = new VideoEnhanceTemplate(stack, 'hd', { bucket, msSharpen: { sharpenLevel: 5 } });
  const mark = new WatermarkTemplate(stack, 'mark', { bucket, watermark: Watermark.text({ text: 'x', pos: 'TopLeft' }) });
  return { stack, bucket, hd, mark };
}

describe('references of the wrong kind (the JavaScript path)', () => {
  it('tells a VideoEnhance template from a watermark template by its templateTag', () => {
    const { hd, mark } = fixture();
    expect(hd.templateTag).toBe('VideoEnhance');
    expect(mark.templateTag).toBe('Watermark');
  });

  it('fails on a watermark template given as `template`, naming the prop and both kinds', () => {
    const { stack, bucket, mark } = fixture();
    const msg = thrownBy(() => new VideoEnhanceJob(stack, 'job', { bucket, input: 'a.mp4', template: untyped(mark), output: { object: 'o.mp4' } }));
    expect(msg).toContain('demo/job');
    expect(msg).toContain('`template` must be a VideoEnhance template (a VideoEnhanceTemplate), got "a watermark template (WatermarkTemplate demo/mark)"');
  });

  it('fails on a VideoEnhance template among `watermarks` and a template as `output.bucket`, at once', () => {
    const { stack, bucket, hd, mark } = fixture();
    const msg = thrownBy(
      () =>
        new VideoEnhanceBatch(stack, 'batch', {
          bucket,
          inputs: ['a.mp4', 'b.mp4'],
          template: hd,
          watermarks: [mark, untyped(hd)],
          output: { bucket: untyped(mark), object: 'o/${InputName}.mp4' },
        }),
    );
    expect(msg).toContain('`watermarks.1` must be a watermark template (a WatermarkTemplate), got "a VideoEnhance template (VideoEnhanceTemplate demo/hd)"');
    expect(msg).toContain('`output.bucket` must be a media bucket (a MediaBucket), got "a watermark template (WatermarkTemplate demo/mark)"');
  });

  it('fails on a name string or a plain object where a bucket or template is expected', () => {
    const { stack, hd } = fixture();
    const msg = thrownBy(() => new VideoEnhanceJob(stack, 'job', { bucket: untyped('media-1250000000'), input: 'a.mp4', template: untyped({ name: 'x' }), output: { object: 'o.mp4' } }));
    expect(msg).toContain('`bucket` must be a media bucket (a MediaBucket), got "string \\"media-1250000000\\""');
    expect(msg).toContain('`template` must be a VideoEnhance template (a VideoEnhanceTemplate), got "an object"');
    const msg2 = thrownBy(() => new WatermarkTemplate(stack, 'w', { bucket: untyped(hd), watermark: Watermark.text({ text: 'x', pos: 'TopLeft' }) }));
    expect(msg2).toContain('`bucket` must be a media bucket (a MediaBucket), got "a VideoEnhance template (VideoEnhanceTemplate demo/hd)"');
  });
});
