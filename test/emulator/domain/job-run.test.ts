import { expandOutputKey, extensionFor } from '../../../src/emulator/domain/job-run';

describe('output key wildcards', () => {
  const job = { jobId: 'j0123', inputObject: 'media/2026/clip.final.mp4' };

  it('expands every documented wildcard', () => {
    expect(expandOutputKey('out/${InputPath}/${InputName}-${jobid}.${ext}', job, 'mp4')).toBe('out/media/2026/clip.final-j0123.mp4');
    expect(expandOutputKey('${InputNameAndExt}.${Ext}/${Jobid}/${JobId}', job, 'm3u8')).toBe('clip.final.mp4.m3u8/j0123/j0123');
  });

  it('keeps unknown wildcards and drops the leading slash an empty InputPath leaves', () => {
    expect(expandOutputKey('${InputPath}/${Number}.${ext}', { jobId: 'j', inputObject: 'top.mov' }, 'mp4')).toBe('${Number}.mp4');
  });

  it('derives ${ext} from the container format, then the input extension', () => {
    expect(extensionFor({ Transcode: { Container: { Format: 'hls' } } }, 'a.mov')).toBe('m3u8');
    expect(extensionFor({ Transcode: { Container: { Format: 'WebM' } } }, 'a.mov')).toBe('webm');
    expect(extensionFor({}, 'dir.v2/a.mov')).toBe('mov');
    expect(extensionFor({}, 'dir.v2/noext')).toBe('mp4');
  });
});
