import { MediaBucket, VideoEnhanceBatch, VideoEnhanceJob, VideoEnhanceTemplate, Watermark, WatermarkTemplate } from '../../src/constructs';
import { editDistance, nearest } from '../../src/constructs/unknown-props';
import { mediaBucket, newStack, thrownBy } from './synth-helpers';

/** Props with a typo, as a JavaScript user (or an object built elsewhere) can pass them. */
const loose = <T>(props: T & Record<string, unknown>): T => props;

describe('unknown props', () => {
  it('measures edit distance and picks near misses only', () => {
    expect(editDistance('deleteOnDestory', 'deleteOnDestroy')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
    expect(nearest('deleteOnDestory', ['bucket', 'region', 'deleteOnDestroy'])).toBe('deleteOnDestroy');
    expect(nearest('frobnicate', ['bucket', 'region'])).toBeUndefined();
  });

  it('fails on an unknown top-level prop of MediaBucket with a did-you-mean', () => {
    const { stack } = newStack();
    const msg = thrownBy(() => new MediaBucket(stack, 'm', loose({ bucket: 'media-1250000000', region: 'ap-guangzhou', deleteOnDestory: true })));
    expect(msg).toContain('demo/m');
    expect(msg).toContain('`deleteOnDestory` is not a known prop (did you mean `deleteOnDestroy`? known here: bucket, deleteOnDestroy, dependsOn, endpoint, region), got true');
  });

  it('fails on unknown props of fromBucketName and of a template, without a guess when nothing is near', () => {
    const { stack } = newStack();
    const msg = thrownBy(() => MediaBucket.fromBucketName(stack, 'ref', loose({ bucket: 'media-1250000000', region: 'ap-guangzhou', colour: 'red' })));
    expect(msg).toContain('`colour` is not a known prop (known here: bucket, dependsOn, endpoint, region)');
    const msg2 = thrownBy(() => new VideoEnhanceTemplate(stack, 'hd', loose({ bucket: mediaBucket(stack), msSharpn: { sharpenLevel: 3 }, msSharpen: { sharpenLevel: 3 } })));
    expect(msg2).toContain('`msSharpn` is not a known prop (did you mean `msSharpen`?');
  });

  it('fails on unknown nested props of a job at every level, all at once', () => {
    const { stack } = newStack();
    const bucket = mediaBucket(stack);
    const msg = thrownBy(
      () =>
        new VideoEnhanceJob(stack, 'job', loose({
          bucket,
          input: 'a.mp4',
          enhance: { msSharpen: { sharpenLvl: 3 } as never },
          output: loose({ object: 'o.mp4', bukcet: bucket }),
          callback: loose({ url: 'https://example.com/cb', format: 'JSON' as const, mqConfig: loose({ mqRegion: 'gz' as const, mqName: 'q', mqMode: 'Queue' as const, mqNmae: 'x' }) }),
          watermarks: [Watermark.text(loose({ text: 'x', pos: 'TopLeft' as const, fontSzie: 20 }))],
          waitTimeoutSecond: 10,
        })),
    );
    expect(msg).toContain('`waitTimeoutSecond` is not a known prop (did you mean `waitTimeoutSeconds`?');
    expect(msg).toContain('`output.bukcet` is not a known prop (did you mean `bucket`?');
    expect(msg).toContain('`callback.mqConfig.mqNmae` is not a known prop (did you mean `mqName`?');
    expect(msg).toContain('`watermarks.0.fontSzie` is not a known prop (did you mean `fontSize`?');
    expect(msg).toContain('`enhance.msSharpen.sharpenLvl` is not a known prop (did you mean `sharpenLevel`? known here: enable, sharpenLevel)');
  });

  it('fails on unknown props of a batch and of a watermark template', () => {
    const { stack } = newStack();
    const bucket = mediaBucket(stack);
    const msg = thrownBy(() => new VideoEnhanceBatch(stack, 'b', loose({ bucket, inputs: ['a.mp4'], enhance: { msSharpen: {} }, output: { object: 'o.mp4' }, concurency: 2 })));
    expect(msg).toContain('`concurency` is not a known prop (did you mean `concurrency`?');
    const msg2 = thrownBy(
      () => new WatermarkTemplate(stack, 'w', { bucket, watermark: Watermark.image(loose({ url: 'http://media-1250000000.cos.ap-guangzhou.myqcloud.com/a.png', pos: 'TopLeft' as const, slideConfig: loose({ slideMode: 'Default' as const, xSlideSpeeds: 1 }) })) }),
    );
    expect(msg2).toContain('`watermark.slideConfig.xSlideSpeeds` is not a known prop (did you mean `xSlideSpeed`?');
  });
});
