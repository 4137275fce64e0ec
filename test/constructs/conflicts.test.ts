import { TerraformStack, Testing } from 'cdktf';
import { MediaBucket, VideoEnhanceTemplate, Watermark, WatermarkTemplate } from '../../src/constructs';
import { mediaBucket, newStack, thrownBy } from './synth-helpers';

describe('synth-time conflicts', () => {
  it('fails on two templates with the same name in one bucket, naming both construct paths', () => {
    const { stack } = newStack();
    const bucket = mediaBucket(stack);
    new VideoEnhanceTemplate(stack, 'hd', { bucket, name: 'shared', msSharpen: { sharpenLevel: 5 } });
    new WatermarkTemplate(stack, 'logo', { bucket, name: 'shared', watermark: Watermark.text({ text: 'x', pos: 'TopLeft' }) });
    const msg = thrownBy(() => Testing.synth(stack, true));
    expect(msg).toContain('[demo/hd] template name "shared" in bucket media-1250000000 is also declared by demo/logo');
    expect(msg).toContain('[demo/logo] template name "shared" in bucket media-1250000000 is also declared by demo/hd');
  });

  it('accepts the same template name in two buckets', () => {
    const { stack } = newStack();
    const a = mediaBucket(stack);
    const b = new MediaBucket(stack, 'b', { bucket: 'other-1250000000', region: 'ap-guangzhou' });
    new VideoEnhanceTemplate(stack, 'hd', { bucket: a, name: 'shared', msSharpen: { sharpenLevel: 5 } });
    new VideoEnhanceTemplate(stack, 'hd2', { bucket: b, name: 'shared', msSharpen: { sharpenLevel: 5 } });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  it('fails on two MediaBuckets owning one bucket in two stacks of the app, and accepts references of it', () => {
    const { app, stack } = newStack();
    const other = new TerraformStack(app, 'other');
    mediaBucket(stack);
    MediaBucket.fromBucketName(stack, 'ref', { bucket: 'media-1250000000', region: 'ap-guangzhou' });
    MediaBucket.fromBucketName(other, 'ref', { bucket: 'media-1250000000', region: 'ap-guangzhou' });
    expect(() => Testing.synth(stack, true)).not.toThrow();
    new MediaBucket(other, 'again', { bucket: 'media-1250000000', region: 'ap-guangzhou' });
    const msg = thrownBy(() => app.synth());
    expect(msg).toContain('[demo/media] MediaBucket for bucket media-1250000000 is also declared by other/again');
  });
});
