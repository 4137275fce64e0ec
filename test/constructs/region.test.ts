import { App, TerraformStack } from 'cdktf';
import { DOCUMENTED_REGIONS, EXTRA_REGIONS_CONTEXT_KEY, MediaBucket, VideoEnhanceJob, type Region } from '../../src/constructs';
import { KNOWN_REGIONS } from '../../src/model';
import { newStack, thrownBy } from './synth-helpers';

describe('region', () => {
  it('types the same regions the model validates against', () => {
    expect([...DOCUMENTED_REGIONS]).toEqual([...KNOWN_REGIONS]);
    const typed: Region = 'ap-guangzhou';
    const escape: Region = 'ap-newcity'; // any string still type-checks: the escape for new regions
    expect([typed, escape]).toHaveLength(2);
  });

  it('fails on an unknown region unless the app lists it in cdktf-cos-media:extra-regions', () => {
    const { stack } = newStack();
    expect(thrownBy(() => new MediaBucket(stack, 'm', { bucket: 'media-1250000000', region: 'ap-newcity' }))).toMatch(
      /`region` must be a known COS region \(.*\), or be listed under the context key "cdktf-cos-media:extra-regions" if Tencent added it after this list, got "ap-newcity"/,
    );

    const app = new App({ context: { [EXTRA_REGIONS_CONTEXT_KEY]: ['ap-newcity'] } });
    const extra = new TerraformStack(app, 'extra');
    const bucket = new MediaBucket(extra, 'm', { bucket: 'media-1250000000', region: 'ap-newcity' });
    expect(bucket.region).toBe('ap-newcity');
    expect(() => new VideoEnhanceJob(extra, 'j', { bucket, input: 'a.mp4', enhance: { msSharpen: { sharpenLevel: 1 } }, output: { object: 'o.mp4' } })).not.toThrow();
  });
});
