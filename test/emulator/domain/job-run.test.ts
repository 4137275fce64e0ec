import { expandOutputKey, extensionFor } from '../../../src/emulator/domain/job-run';

describe('output key wildcards', () => {
  const job = { jobId: 'j0123' };

  it('expands the two wildcards the Submit VideoEnhance job page documents: ${ext} and ${jobid}', () => {
    expect(expandOutputKey('out/clip-${jobid}.${ext}', job, 'mp4')).toBe('out/clip-j0123.mp4');
    expect(expandOutputKey('${jobid}/${jobid}.${ext}', job, 'm3u8')).toBe('j0123/j0123.m3u8');
  });

  it('leaves every other wildcard literal, the per-input ones of workflows included', () => {
    expect(expandOutputKey('out/${InputPath}/${InputName}-${InputNameAndExt}.${ext}', job, 'mp4')).toBe(
      'out/${InputPath}/${InputName}-${InputNameAndExt}.mp4',
    );
    expect(expandOutputKey('${Jobid}.${Ext}/${JobId}/${Number}', job, 'mp4')).toBe('${Jobid}.${Ext}/${JobId}/${Number}');
  });

  it('derives ${ext} from the container format, then the input extension', () => {
    expect(extensionFor({ Transcode: { Container: { Format: 'hls' } } }, 'a.mov')).toBe('m3u8');
    expect(extensionFor({ Transcode: { Container: { Format: 'WebM' } } }, 'a.mov')).toBe('webm');
    expect(extensionFor({}, 'dir.v2/a.mov')).toBe('mov');
    expect(extensionFor({}, 'dir.v2/noext')).toBe('mp4');
  });
});
