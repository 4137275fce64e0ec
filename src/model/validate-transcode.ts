/**
 * Rules of the Transcode sub-container (ci-api.md §7.5), used by `VideoEnhance.Transcode`. The ranges come from
 * the INTL-CI "create audio/video transcode template" page; that they apply unchanged inside VideoEnhance is
 * unconfirmed (ci-api.md §7.2, §13.1), and they are checked anyway.
 */
import { at, Checker, type ValidateOptions } from './checker';
import { TRANSCODE_ORDER } from './element-order';
import type { Problem } from './problems';
import { checkAudioMix, checkAudioMixArray, checkSubtitle, checkTransConfig, checkVideoExtras } from './validate-transcode-extras';
import type { ElementOrder } from './xml';

/** The formats listed in ci-api.md §7.5, spelled as listed (the doc says "e.g."; others are rejected). */
export const CONTAINER_FORMATS = [
  'mp4',
  'hls',
  'mkv',
  'ts',
  'flv',
  'avi',
  'mov',
  'dash',
  'WebM',
  'AAC',
  'MP3',
  'FLAC',
  'AMR',
  'adts',
  'm4a',
  'wav',
] as const;

export const VIDEO_CODECS = ['H.264', 'H.265', 'VP8', 'VP9', 'AV1'] as const;
export const VIDEO_PROFILES = ['baseline', 'main', 'high', 'auto'] as const;
export const AUDIO_CODECS = ['aac', 'mp3', 'flac', 'amr', 'Vorbis', 'opus', 'pcm_s16le'] as const;

/** Presets per video codec (ci-api.md §7.5); H.265 and VP9 presets are not documented and not checked. */
const PRESETS: Readonly<Record<string, readonly string[]>> = {
  'H.264': ['veryfast', 'fast', 'medium', 'slow', 'slower'],
  VP8: ['good', 'realtime'],
  AV1: ['5', '4'],
};

/**
 * Sample rates: ci-api.md §7.5 gives only "8000…96000"; the discrete rates below are the standard ones of that
 * span as the transcode template page lists them per codec (U: per-codec subsets are not checked).
 */
export const AUDIO_SAMPLE_RATES = ['8000', '11025', '12000', '16000', '22050', '24000', '32000', '44100', '48000', '88200', '96000'] as const;

/**
 * Channels per audio codec (ci-api.md §7.5: aac/flac 1,2,4,5,6,8; mp3/opus 1,2). For amr, Vorbis and pcm_s16le
 * the docs say "…": any whole number in [1, 8], the widest documented count, is accepted.
 */
const CHANNELS: Readonly<Record<string, readonly string[]>> = {
  aac: ['1', '2', '4', '5', '6', '8'],
  flac: ['1', '2', '4', '5', '6', '8'],
  mp3: ['1', '2'],
  opus: ['1', '2'],
  // The Terraform provider's transcode template checks (ci-api.md §14 row 6):
  Vorbis: ['2'],
  amr: ['1'],
  pcm_s16le: ['1', '2'],
};

/** Sample rates a codec takes, where a source narrows them (ci-api.md §14 row 6, TF transcode template). */
const CODEC_SAMPLE_RATES: Readonly<Record<string, readonly string[]>> = {
  amr: ['8000'],
  opus: ['8000', '16000', '24000', '48000'],
};

/** Video codecs that take no `Preset` (TF: "Preset not supported for H.265 and VP9"; ci-api.md §14 row 6). */
const NO_PRESET_CODECS = ['H.265', 'VP9'];
/** Video codecs that take no `Bufsize` / `Maxrate` (TF; ci-api.md §14 row 6). */
const NO_RATE_CONTROL_CODECS = ['VP8', 'VP9'];

const ORDER = TRANSCODE_ORDER as Readonly<Record<string, ElementOrder>>;

/** Checks one Transcode container at `path` (e.g. `VideoEnhance.Transcode`). */
export function validateTranscode(value: unknown, path: string, opts?: ValidateOptions): Problem[] {
  const c = new Checker(opts);
  checkTranscode(c, value, path, true);
  return c.problems;
}

export function checkTranscode(c: Checker, value: unknown, path: string, required: boolean): void {
  const t = c.container(value, path, TRANSCODE_ORDER, required);
  if (t === undefined) return;
  const format = checkContainer(c, t.Container, at(path, 'Container'));
  checkVideo(c, t.Video, at(path, 'Video'));
  checkAudio(c, t.Audio, at(path, 'Audio'), format);
  const ti = c.container(t.TimeInterval, at(path, 'TimeInterval'), ORDER.TimeInterval as ElementOrder);
  if (ti !== undefined) {
    c.number(ti.Start, at(path, 'TimeInterval.Start'), { range: { min: 0, max: Infinity } });
    c.number(ti.Duration, at(path, 'TimeInterval.Duration'), { range: { min: 0, max: Infinity, minOpen: true } });
  }
  checkTransConfig(c, t.TransConfig, at(path, 'TransConfig'));
  checkAudioMix(c, t.AudioMix, at(path, 'AudioMix'));
  checkAudioMixArray(c, t.AudioMixArray, at(path, 'AudioMixArray'));
  checkSubtitle(c, t.Subtitle, at(path, 'Subtitle'));
}

/** Returns the container format when it is known and valid. */
function checkContainer(c: Checker, value: unknown, path: string): string | undefined {
  const order = ORDER.Container as ElementOrder;
  const ct = c.container(value, path, order, true);
  if (ct === undefined) return undefined;
  const format = c.oneOf(ct.Format, at(path, 'Format'), CONTAINER_FORMATS, true);
  const clip = c.container(ct.ClipConfig, at(path, 'ClipConfig'), order.ClipConfig as ElementOrder);
  if (clip !== undefined) {
    // hls/dash segment length in seconds, default 5 (ci-api.md §7.5); only positivity is documented.
    c.number(clip.Duration, at(path, 'ClipConfig.Duration'), { range: { min: 0, max: Infinity, minOpen: true } });
  }
  return format;
}

function checkVideo(c: Checker, value: unknown, path: string): void {
  const v = c.container(value, path, ORDER.Video as ElementOrder);
  if (v === undefined) return;
  const codecGiven = c.isKnown(v.Codec);
  const codec = codecGiven ? c.oneOf(v.Codec, at(path, 'Codec'), VIDEO_CODECS) : v.Codec === undefined ? 'H.264' : undefined;

  c.number(v.Width, at(path, 'Width'), { range: { min: 128, max: 4096 }, even: true });
  c.number(v.Height, at(path, 'Height'), { range: { min: 128, max: 4096 }, even: true });
  c.number(v.Fps, at(path, 'Fps'), { range: { min: 0, max: 60, minOpen: true } });
  c.bool(v.Remove, at(path, 'Remove'));

  const profile = c.oneOf(v.Profile, at(path, 'Profile'), VIDEO_PROFILES);
  if (profile !== undefined && codec !== undefined && codec !== 'H.264') {
    c.add(at(path, 'Profile'), `must be absent unless Codec is H.264 (Codec is ${codec})`, profile);
  }
  c.number(v.Bitrate, at(path, 'Bitrate'), { range: { min: 10, max: 50000 }, integer: true, alsoAllowed: ['auto'] });
  c.number(v.Crf, at(path, 'Crf'), { range: { min: 0, max: 51, minOpen: true } });
  c.number(v.Gop, at(path, 'Gop'), { range: { min: 1, max: 100000 }, integer: true });
  const presets = codec === undefined ? undefined : PRESETS[codec];
  if (codec !== undefined && NO_PRESET_CODECS.includes(codec)) {
    c.absent(v.Preset, at(path, 'Preset'), `with Codec ${codec} (not supported for ${NO_PRESET_CODECS.join(' and ')})`);
  } else if (presets !== undefined) {
    c.oneOf(v.Preset, at(path, 'Preset'), presets);
  } else {
    c.text(v.Preset, at(path, 'Preset'));
  }
  if (codec !== undefined && NO_RATE_CONTROL_CODECS.includes(codec)) {
    const because = `with Codec ${codec} (not supported for ${NO_RATE_CONTROL_CODECS.join(' and ')})`;
    c.absent(v.Bufsize, at(path, 'Bufsize'), because);
    c.absent(v.Maxrate, at(path, 'Maxrate'), because);
  } else {
    c.number(v.Bufsize, at(path, 'Bufsize'), { range: { min: 1000, max: 128000 }, integer: true });
    c.number(v.Maxrate, at(path, 'Maxrate'), { range: { min: 10, max: 50000 }, integer: true });
  }
  c.text(v.Pixfmt, at(path, 'Pixfmt'));
  c.bool(v.LongShortMode, at(path, 'LongShortMode'));
  c.number(v.Rotate, at(path, 'Rotate'), { range: { min: 0, max: 360, maxOpen: true } });
  checkVideoExtras(c, v, path);
}

function checkAudio(c: Checker, value: unknown, path: string, format: string | undefined): void {
  const a = c.container(value, path, ORDER.Audio as ElementOrder);
  if (a === undefined) return;
  const codecGiven = c.isKnown(a.Codec);
  const codec = codecGiven ? c.oneOf(a.Codec, at(path, 'Codec'), AUDIO_CODECS) : a.Codec === undefined ? 'aac' : undefined;

  const rate = c.oneOf(a.Samplerate, at(path, 'Samplerate'), AUDIO_SAMPLE_RATES);
  const rates = codec === undefined ? undefined : CODEC_SAMPLE_RATES[codec];
  if (rate !== undefined && rates !== undefined && !rates.includes(rate)) {
    c.add(at(path, 'Samplerate'), `must be ${rates.length === 1 ? rates[0] : `one of ${rates.join(', ')}`} for Codec ${codec}`, rate);
  }
  if (format === 'dash' && a.Channels === '8') {
    c.add(at(path, 'Channels'), 'must not be 8 with Container.Format dash', a.Channels);
  }
  c.number(a.Bitrate, at(path, 'Bitrate'), { range: { min: 8, max: 1000 }, integer: true });
  const channels = codec === undefined ? undefined : CHANNELS[codec];
  if (channels !== undefined) {
    const ch = c.text(a.Channels, at(path, 'Channels'));
    if (ch !== undefined && !channels.includes(ch)) {
      c.add(at(path, 'Channels'), `must be one of ${channels.join(', ')} for Codec ${codec}`, ch);
    }
  } else {
    c.number(a.Channels, at(path, 'Channels'), { range: { min: 1, max: 8 }, integer: true });
  }
  c.bool(a.Remove, at(path, 'Remove'));
  c.bool(a.KeepTwoTracks, at(path, 'KeepTwoTracks'));
  c.bool(a.SwitchTrack, at(path, 'SwitchTrack'));
  c.text(a.SampleFormat, at(path, 'SampleFormat'));
}
