import { validateTranscode } from '../../src/model';
import { expectOnlyProblem } from './expect-problem';

const P = 'VideoEnhance.Transcode';

/** The seed page's Transcode container. */
function transcode(video: Record<string, unknown> = {}, audio: Record<string, unknown> = {}) {
  return {
    Container: { Format: 'mp4' },
    Video: { Codec: 'H.264', Bitrate: '1000', Width: '1280', Fps: '30', ...video },
    Audio: { Codec: 'aac', Samplerate: '44100', Bitrate: '128', Channels: '4', ...audio },
  };
}

describe('validateTranscode', () => {
  it('accepts the seed page Transcode container', () => {
    expect(validateTranscode(transcode(), P)).toEqual([]);
  });

  it('accepts the documented extremes and every documented codec', () => {
    expect(validateTranscode(transcode({ Width: '128', Height: '4096', Fps: '60', Bitrate: 'auto', Crf: '51', Gop: '100000' }), P)).toEqual([]);
    for (const Codec of ['H.265', 'VP8', 'VP9', 'AV1']) {
      expect(validateTranscode(transcode({ Codec }), P)).toEqual([]);
    }
    expect(validateTranscode(transcode({ Codec: 'VP8', Preset: 'realtime' }, { Codec: 'mp3', Channels: '2' }), P)).toEqual([]);
  });

  it('accepts a Container alone, with an hls segment length', () => {
    expect(validateTranscode({ Container: { Format: 'hls', ClipConfig: { Duration: '5' } } }, P)).toEqual([]);
  });

  it('fails a missing Container.Format', () => {
    expectOnlyProblem(validateTranscode({ Container: {} }, P), `${P}.Container.Format`, 'is required', undefined);
  });

  it('fails a missing Container', () => {
    expectOnlyProblem(validateTranscode({ Video: { Codec: 'H.264' } }, P), `${P}.Container`, 'is required', undefined);
  });

  it('fails a Format that is not documented', () => {
    expectOnlyProblem(validateTranscode({ Container: { Format: 'MP4' } }, P), `${P}.Container.Format`, 'must be one of mp4, hls', 'MP4');
  });

  it('fails a segment Duration of 0', () => {
    const t = { Container: { Format: 'hls', ClipConfig: { Duration: '0' } } };
    expectOnlyProblem(validateTranscode(t, P), `${P}.Container.ClipConfig.Duration`, 'must be a number > 0', '0');
  });

  it('fails an unknown video codec', () => {
    expectOnlyProblem(validateTranscode(transcode({ Codec: 'MPEG-2' }), P), `${P}.Video.Codec`, 'must be one of H.264, H.265, VP8, VP9, AV1', 'MPEG-2');
  });

  it('fails a Width below 128 pixels', () => {
    expectOnlyProblem(validateTranscode(transcode({ Width: '100' }), P), `${P}.Video.Width`, 'must be an even integer in [128, 4096]', '100');
  });

  it('fails an odd Height', () => {
    expectOnlyProblem(validateTranscode(transcode({ Height: '721' }), P), `${P}.Video.Height`, 'must be an even integer in [128, 4096]', '721');
  });

  it('fails an Fps of 0 or above 60', () => {
    expectOnlyProblem(validateTranscode(transcode({ Fps: '0' }), P), `${P}.Video.Fps`, 'must be a number in (0, 60]', '0');
    expectOnlyProblem(validateTranscode(transcode({ Fps: '60.5' }), P), `${P}.Video.Fps`, 'must be a number in (0, 60]', '60.5');
  });

  it('fails a video Bitrate below 10 kbps', () => {
    expectOnlyProblem(validateTranscode(transcode({ Bitrate: '5' }), P), `${P}.Video.Bitrate`, 'must be auto or an integer in [10, 50000]', '5');
  });

  it('fails a Profile with a codec other than H.264', () => {
    const t = transcode({ Codec: 'H.265', Profile: 'high' });
    expectOnlyProblem(validateTranscode(t, P), `${P}.Video.Profile`, 'must be absent unless Codec is H.264 (Codec is H.265)', 'high');
  });

  it('fails an unknown Profile', () => {
    expectOnlyProblem(validateTranscode(transcode({ Profile: 'extended' }), P), `${P}.Video.Profile`, 'must be one of baseline, main, high, auto', 'extended');
  });

  it('fails a Crf of 0, outside (0, 51]', () => {
    expectOnlyProblem(validateTranscode(transcode({ Crf: '0' }), P), `${P}.Video.Crf`, 'must be a number in (0, 51]', '0');
  });

  it('fails a Gop of 0', () => {
    expectOnlyProblem(validateTranscode(transcode({ Gop: '0' }), P), `${P}.Video.Gop`, 'must be an integer in [1, 100000]', '0');
  });

  it('fails a Preset that the codec does not have', () => {
    expectOnlyProblem(validateTranscode(transcode({ Preset: 'realtime' }), P), `${P}.Video.Preset`, 'must be one of veryfast, fast, medium, slow, slower', 'realtime');
  });

  it('fails a Bufsize below 1000 KB and a Maxrate above 50000 kbps', () => {
    expectOnlyProblem(validateTranscode(transcode({ Bufsize: '999' }), P), `${P}.Video.Bufsize`, 'must be an integer in [1000, 128000]', '999');
    expectOnlyProblem(validateTranscode(transcode({ Maxrate: '50001' }), P), `${P}.Video.Maxrate`, 'must be an integer in [10, 50000]', '50001');
  });

  it('fails a Rotate of 360, outside [0, 360)', () => {
    expectOnlyProblem(validateTranscode(transcode({ Rotate: '360' }), P), `${P}.Video.Rotate`, 'must be a number in [0, 360)', '360');
  });

  it('fails an unknown audio codec', () => {
    expectOnlyProblem(validateTranscode(transcode({}, { Codec: 'wma' }), P), `${P}.Audio.Codec`, 'must be one of aac, mp3', 'wma');
  });

  it('fails 3 channels for aac', () => {
    expectOnlyProblem(validateTranscode(transcode({}, { Channels: '3' }), P), `${P}.Audio.Channels`, 'must be one of 1, 2, 4, 5, 6, 8 for Codec aac', '3');
  });

  it('fails 4 channels for mp3', () => {
    const t = transcode({}, { Codec: 'mp3', Channels: '4' });
    expectOnlyProblem(validateTranscode(t, P), `${P}.Audio.Channels`, 'must be one of 1, 2 for Codec mp3', '4');
  });

  it('applies the aac channel rule when no audio codec is given (aac is the default)', () => {
    const t = { Container: { Format: 'mp4' }, Audio: { Channels: '3' } };
    expectOnlyProblem(validateTranscode(t, P), `${P}.Audio.Channels`, 'for Codec aac', '3');
  });

  it('fails a non-standard sample rate', () => {
    expectOnlyProblem(validateTranscode(transcode({}, { Samplerate: '12345' }), P), `${P}.Audio.Samplerate`, 'must be one of 8000, 11025', '12345');
  });

  it('fails an audio Bitrate above 1000 kbps', () => {
    expectOnlyProblem(validateTranscode(transcode({}, { Bitrate: '2000' }), P), `${P}.Audio.Bitrate`, 'must be an integer in [8, 1000]', '2000');
  });

  it('fails a negative TimeInterval.Start', () => {
    const t = { Container: { Format: 'mp4' }, TimeInterval: { Start: '-1', Duration: '10' } };
    expectOnlyProblem(validateTranscode(t, P), `${P}.TimeInterval.Start`, 'must be a number ≥ 0', '-1');
  });

  it('fails transcode settings this library does not know (FreeTranscode)', () => {
    const t = { ...transcode(), FreeTranscode: { Enable: 'true' } };
    expectOnlyProblem(validateTranscode(t, P), `${P}.FreeTranscode`, 'is not a known element', { Enable: 'true' });
  });

  describe('the codec rules of the Terraform provider (ci-api.md §14 row 6)', () => {
    it('accepts what they allow', () => {
      const ok = [
        transcode({}, { Codec: 'Vorbis', Channels: '2' }),
        transcode({}, { Codec: 'amr', Channels: '1', Samplerate: '8000' }),
        transcode({}, { Codec: 'pcm_s16le', Channels: '2' }),
        transcode({}, { Codec: 'opus', Channels: '2', Samplerate: '48000' }),
        transcode({ Codec: 'H.265' }),
        transcode({ Codec: 'VP9' }),
        transcode({ Codec: 'H.264', Preset: 'slow', Bufsize: '2000', Maxrate: '3000' }),
        { ...transcode(), Container: { Format: 'dash' }, Audio: { Codec: 'aac', Channels: '6' } },
      ];
      for (const t of ok) expect(validateTranscode(t, P)).toEqual([]);
    });

    it('fails Vorbis with other than 2 channels', () => {
      expectOnlyProblem(validateTranscode(transcode({}, { Codec: 'Vorbis', Channels: '1' }), P), `${P}.Audio.Channels`, 'must be one of 2 for Codec Vorbis', '1');
    });

    it('fails amr with other than 1 channel', () => {
      expectOnlyProblem(validateTranscode(transcode({}, { Codec: 'amr', Channels: '2', Samplerate: '8000' }), P), `${P}.Audio.Channels`, 'must be one of 1 for Codec amr', '2');
    });

    it('fails amr at other than 8000 Hz', () => {
      expectOnlyProblem(validateTranscode(transcode({}, { Codec: 'amr', Channels: '1', Samplerate: '16000' }), P), `${P}.Audio.Samplerate`, 'must be 8000 for Codec amr', '16000');
    });

    it('fails pcm_s16le with more than 2 channels', () => {
      expectOnlyProblem(validateTranscode(transcode({}, { Codec: 'pcm_s16le', Channels: '4' }), P), `${P}.Audio.Channels`, 'must be one of 1, 2 for Codec pcm_s16le', '4');
    });

    it('fails 8 audio channels in a dash container', () => {
      const t = { ...transcode(), Container: { Format: 'dash' }, Audio: { Codec: 'aac', Channels: '8' } };
      expectOnlyProblem(validateTranscode(t, P), `${P}.Audio.Channels`, 'must not be 8 with Container.Format dash', '8');
    });

    it('fails opus at a sample rate other than 8000, 16000, 24000, 48000', () => {
      expectOnlyProblem(
        validateTranscode(transcode({}, { Codec: 'opus', Channels: '2', Samplerate: '44100' }), P),
        `${P}.Audio.Samplerate`,
        'must be one of 8000, 16000, 24000, 48000 for Codec opus',
        '44100',
      );
    });

    it('fails a Preset with H.265 or VP9', () => {
      expectOnlyProblem(validateTranscode(transcode({ Codec: 'H.265', Preset: 'medium' }), P), `${P}.Video.Preset`, 'must be absent with Codec H.265 (not supported for H.265 and VP9)', 'medium');
      expectOnlyProblem(validateTranscode(transcode({ Codec: 'VP9', Preset: 'good' }), P), `${P}.Video.Preset`, 'must be absent with Codec VP9', 'good');
    });

    it('fails Bufsize or Maxrate with VP8 or VP9', () => {
      expectOnlyProblem(validateTranscode(transcode({ Codec: 'VP8', Bufsize: '2000' }), P), `${P}.Video.Bufsize`, 'must be absent with Codec VP8 (not supported for VP8 and VP9)', '2000');
      expectOnlyProblem(validateTranscode(transcode({ Codec: 'VP9', Maxrate: '3000' }), P), `${P}.Video.Maxrate`, 'must be absent with Codec VP9', '3000');
    });
  });
});
