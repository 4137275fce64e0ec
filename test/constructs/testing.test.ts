import { DataResource } from 'cdktf';
import { MediaTesting, VideoEnhanceTemplate } from '../../src/constructs';
import { mediaBucket, newStack } from './synth-helpers';

describe('MediaTesting', () => {
  it('decodes a construct into kind, settings and wire spec, unescaped', () => {
    const { stack } = newStack();
    const bucket = mediaBucket(stack);
    const hd = new VideoEnhanceTemplate(stack, 'hd', { bucket, name: 'hd', msSharpen: { sharpenLevel: 5 } });
    expect(MediaTesting.specOf(bucket)).toMatchObject({ path: 'demo/media', kind: 'media-bucket', settings: { bucket: 'media-1250000000', mode: 'create' } });
    expect(MediaTesting.specOf(hd)).toMatchObject({
      kind: 'video-enhance-template',
      settings: { take_over: 'false' },
      spec: { Tag: 'VideoEnhance', Name: 'hd', VideoEnhance: { MsSharpen: { SharpenLevel: '5' } } },
    });
    expect(MediaTesting.findAll(stack, 'video-enhance-template').map((s) => s.path)).toEqual(['demo/hd']);
  });

  it('fails on a construct that is not ours, saying what it expects', () => {
    const { stack } = newStack();
    const other = new DataResource(stack, 'other', { input: { a: '1' } });
    expect(() => MediaTesting.specOf(other)).toThrow('demo/other is not a construct of cdktf-cos-media');
  });
});
