/**
 * A stack test written the way a user of the package writes one: jest, cdktf's `Testing`, and only the public
 * API of `cdktf-cos-media` (`MediaTesting` reads our constructs back as the handler will see them).
 */
import { Testing } from 'cdktf';
import { MediaTesting, VideoEnhanceJob } from 'cdktf-cos-media';
import { CATALOG, EnhancePipeline, SINGLE_INPUTS } from './main';

describe('EnhancePipeline', () => {
  const stack = new EnhancePipeline(Testing.app(), 'pipeline');

  it('passes every synth-time check (validations included)', () => {
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });

  it('declares one bucket, three templates, two jobs and a batch', () => {
    const kinds = MediaTesting.findAll(stack).map((r) => r.kind);
    expect(kinds.sort()).toEqual([
      'media-bucket',
      'video-enhance-batch',
      'video-enhance-job',
      'video-enhance-job',
      'video-enhance-template',
      'watermark-template',
      'watermark-template',
    ]);
  });

  it('sharpens at level 5 in the HD template', () => {
    const [hd] = MediaTesting.findAll(stack, 'video-enhance-template');
    expect(hd?.spec).toMatchObject({ Name: 'pipeline-hd', VideoEnhance: { MsSharpen: { SharpenLevel: '5' } } });
  });

  it('runs the intro through the HD template with both watermarks, writing under enhanced/', () => {
    const intro = stack.node.findChild('intro') as VideoEnhanceJob;
    const job = MediaTesting.specOf(intro);
    expect(job.spec).toMatchObject({ Input: { Object: SINGLE_INPUTS[0] }, Operation: { Output: { Object: 'enhanced/${InputName}-hd.${ext}' } } });
    expect(job.settings).toMatchObject({
      'template.name': 'pipeline-hd',
      'watermark_template.0.name': 'pipeline-caption',
      'watermark_template.1.name': 'pipeline-logo',
      wait: 'true',
    });
  });

  it('covers every catalog episode in the batch, four at a time', () => {
    const [batch] = MediaTesting.findAll(stack, 'video-enhance-batch');
    expect(batch?.settings['inputs.count']).toBe(String(CATALOG.length));
    expect(CATALOG.map((_, i) => batch?.settings[`inputs.${i}`])).toEqual(CATALOG);
    expect(batch?.settings.concurrency).toBe('4');
  });
});
