import { MediaBucket, VideoEnhanceBatch, VideoEnhanceJob, VideoEnhanceTemplate, Watermark, WatermarkTemplate } from '../../src/constructs';
import type { IConstruct } from 'constructs';
import { mediaBucket, newStack, thrownBy } from './synth-helpers';

/** The synth-time warnings (cdktf `Annotations`) recorded on a construct. */
function warningsOf(c: IConstruct): string[] {
  return c.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
}

const OWN_LOGO = 'http://media-1250000000.ci.ap-guangzhou.myqcloud.com/logo.png';

describe('a VideoEnhance template or inline enhancement without Transcode', () => {
  it('is a synth-time warning on the template, naming the source that says it may be required', () => {
    const { stack } = newStack();
    const t = new VideoEnhanceTemplate(stack, 'hd', { bucket: mediaBucket(stack), msSharpen: { sharpenLevel: 5 } });
    expect(warningsOf(t)).toEqual([expect.stringMatching(/^This VideoEnhance template has no `transcode`: the service may require one\. .*提交视频增强任务必须传入转码参数.*§14 row 4/)]);
  });

  it('is no warning when a transcode is given', () => {
    const { stack } = newStack();
    const t = new VideoEnhanceTemplate(stack, 'hd', { bucket: mediaBucket(stack), msSharpen: { sharpenLevel: 5 }, transcode: { container: { format: 'mp4' } } });
    expect(warningsOf(t)).toEqual([]);
  });

  it('is a warning on a job and a batch with inline `enhance`, not on one using a template', () => {
    const { stack } = newStack();
    const bucket = mediaBucket(stack);
    const job = new VideoEnhanceJob(stack, 'job', { bucket, input: 'in/a.mp4', enhance: { msSharpen: {} }, output: { object: 'out/a.${ext}' } });
    const batch = new VideoEnhanceBatch(stack, 'batch', { bucket, inputs: ['in/a.mp4', 'in/b.mp4'], enhance: { msSharpen: {} }, output: { object: 'out/${InputName}.${ext}' } });
    const template = new VideoEnhanceTemplate(stack, 'hd', { bucket, msSharpen: {}, transcode: { container: { format: 'mp4' } } });
    const byTemplate = new VideoEnhanceJob(stack, 'byTemplate', { bucket, input: 'in/a.mp4', template, output: { object: 'out/t.${ext}' } });
    expect(warningsOf(job)).toEqual([expect.stringMatching(/^`enhance` has no `transcode`/)]);
    expect(warningsOf(batch)).toEqual([expect.stringMatching(/^`enhance` has no `transcode`/)]);
    expect(warningsOf(byTemplate)).toEqual([]);
  });
});

describe('the watermark image URL (the image must be in the same bucket)', () => {
  it('accepts the bucket\'s own CI or COS address without a warning', () => {
    const { stack } = newStack();
    const bucket = mediaBucket(stack);
    for (const [i, url] of [OWN_LOGO, 'https://media-1250000000.cos.ap-guangzhou.myqcloud.com/wm/logo.png'].entries()) {
      const t = new WatermarkTemplate(stack, `logo${i}`, { bucket, watermark: Watermark.image({ url, pos: 'TopLeft' }) });
      expect(warningsOf(t)).toEqual([]);
    }
  });

  it('fails with a COS address of another bucket, naming the prop, the rule and the URL', () => {
    const { stack } = newStack();
    const url = 'http://other-1250000000.cos.ap-guangzhou.myqcloud.com/logo.png';
    const msg = thrownBy(() => new WatermarkTemplate(stack, 'logo', { bucket: mediaBucket(stack), watermark: Watermark.image({ url, pos: 'TopLeft' }) }));
    expect(msg).toContain(
      '`watermark.url` must be an address of the bucket media-1250000000 in ap-guangzhou (the watermark image must be in the same bucket; this URL names other-1250000000 in ap-guangzhou), got "http://other-1250000000.cos.ap-guangzhou.myqcloud.com/logo.png"',
    );
  });

  it('fails with the bucket\'s address in another region, in an inline job watermark', () => {
    const { stack } = newStack();
    const url = 'http://media-1250000000.ci.ap-beijing.myqcloud.com/logo.png';
    const msg = thrownBy(
      () =>
        new VideoEnhanceJob(stack, 'job', {
          bucket: mediaBucket(stack),
          input: 'in/a.mp4',
          enhance: { msSharpen: {}, transcode: { container: { format: 'mp4' } } },
          watermarks: [Watermark.image({ url, pos: 'TopLeft' })],
          output: { object: 'out/a.${ext}' },
        }),
    );
    expect(msg).toMatch(/`watermarks\.0\.url` must be an address of the bucket media-1250000000 in ap-guangzhou .*names media-1250000000 in ap-beijing\), got "http:\/\/media-1250000000\.ci\.ap-beijing/);
  });

  it('warns about a host it cannot tie to the bucket (it may be a custom domain)', () => {
    const { stack } = newStack();
    const t = new WatermarkTemplate(stack, 'logo', { bucket: mediaBucket(stack), watermark: Watermark.image({ url: 'https://cdn.example.com/logo.png', pos: 'TopLeft' }) });
    expect(warningsOf(t)).toEqual([
      expect.stringMatching(/^`watermark\.url` "https:\/\/cdn\.example\.com\/logo\.png" is not an address of the bucket media-1250000000: .*Fine if cdn\.example\.com is a custom domain/),
    ]);
  });

  it('checks an existing bucket referenced by name the same way', () => {
    const { stack } = newStack();
    const bucket = MediaBucket.fromBucketName(stack, 'existing', { bucket: 'shared-1250000000', region: 'ap-guangzhou' });
    const msg = thrownBy(() => new WatermarkTemplate(stack, 'logo', { bucket, watermark: Watermark.image({ url: OWN_LOGO, pos: 'TopLeft' }) }));
    expect(msg).toMatch(/must be an address of the bucket shared-1250000000/);
  });
});
