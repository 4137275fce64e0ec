/**
 * The parts of the Transcode container beyond Container/Video/Audio/TimeInterval that the service accepts
 * (ci-api.md §7.5, §14 row 7: Go SDK structs): `TransConfig`, `AudioMix`, `AudioMixArray`, `Subtitle`, and the
 * extra `Video` fields. Only what a source states is checked: the `AdjDarMethod`, `ResoAdjMethod` and
 * `MixMode` values; flags (`Is…`, `Enable…`, `Replace`, `Remove`, `DeleteMetadata`) as `true`/`false`, the
 * convention of every documented flag of the transcode template page; `AudioSource` as required (a mix
 * without a source is meaningless). Every other field is accepted as given: the sources name it and say nothing
 * of its values. Unknown child elements are refused, as everywhere in the model.
 */
import { at, type Checker, type Elements } from './checker';
import { TRANSCODE_ORDER } from './element-order';
import type { ElementOrder } from './xml';

const ORDER = TRANSCODE_ORDER as Readonly<Record<string, ElementOrder>>;
const VIDEO_ORDER = ORDER.Video as Readonly<Record<string, ElementOrder | true>>;
const TRANS_CONFIG_ORDER = ORDER.TransConfig as Readonly<Record<string, ElementOrder | true>>;
const AUDIO_MIX_ORDER = ORDER.AudioMix as Readonly<Record<string, ElementOrder | true>>;

export const ADJ_DAR_METHODS = ['scale', 'crop', 'pad', 'none'] as const;
export const RESO_ADJ_METHODS = ['0', '1'] as const;
export const MIX_MODES = ['Repeat', 'Once'] as const;

/** Text elements accepted as given (still strings, as on the wire). */
function asGiven(c: Checker, e: Elements, path: string, names: readonly string[]): void {
  for (const n of names) c.text(e[n], at(path, n));
}

/** The extra `Video` fields: all accepted as given; `ColorParam` is a container of four such fields. */
export function checkVideoExtras(c: Checker, v: Elements, path: string): void {
  asGiven(c, v, path, ['HlsTsTime', 'DashSegment', 'Quality', 'Roi', 'Crop', 'Interlaced', 'StdExtInfo']);
  const cp = c.container(v.ColorParam, at(path, 'ColorParam'), VIDEO_ORDER.ColorParam as ElementOrder);
  if (cp !== undefined) asGiven(c, cp, at(path, 'ColorParam'), ['ColorRange', 'ColorSpace', 'ColorTrc', 'ColorPrimaries']);
}

export function checkTransConfig(c: Checker, value: unknown, path: string): void {
  const t = c.container(value, path, ORDER.TransConfig as ElementOrder);
  if (t === undefined) return;
  c.oneOf(t.AdjDarMethod, at(path, 'AdjDarMethod'), ADJ_DAR_METHODS);
  c.oneOf(t.ResoAdjMethod, at(path, 'ResoAdjMethod'), RESO_ADJ_METHODS);
  for (const flag of ['IsCheckReso', 'IsCheckVideoBitrate', 'IsCheckAudioBitrate', 'IsCheckVideoFps', 'DeleteMetadata', 'IsHdr2Sdr']) {
    c.bool(t[flag], at(path, flag));
  }
  asGiven(c, t, path, ['VideoBitrateAdjMethod', 'AudioBitrateAdjMethod', 'VideoFpsAdjMethod', 'TranscodeIndex']);
  const hls = c.container(t.HlsEncrypt, at(path, 'HlsEncrypt'), TRANS_CONFIG_ORDER.HlsEncrypt as ElementOrder);
  if (hls !== undefined) {
    c.bool(hls.IsHlsEncrypt, at(path, 'HlsEncrypt.IsHlsEncrypt'));
    c.text(hls.UriKey, at(path, 'HlsEncrypt.UriKey'));
  }
  const dash = c.container(t.DashEncrypt, at(path, 'DashEncrypt'), TRANS_CONFIG_ORDER.DashEncrypt as ElementOrder);
  if (dash !== undefined) {
    c.bool(dash.IsEncrypt, at(path, 'DashEncrypt.IsEncrypt'));
    c.text(dash.UriKey, at(path, 'DashEncrypt.UriKey'));
  }
}

export function checkAudioMix(c: Checker, value: unknown, path: string, required = false): void {
  const m = c.container(value, path, ORDER.AudioMix as ElementOrder, required);
  if (m === undefined) return;
  const source = c.text(m.AudioSource, at(path, 'AudioSource'), true);
  if (source === '') c.add(at(path, 'AudioSource'), 'must not be empty', source);
  c.oneOf(m.MixMode, at(path, 'MixMode'), MIX_MODES);
  c.bool(m.Replace, at(path, 'Replace'));
  const fx = c.container(m.EffectConfig, at(path, 'EffectConfig'), AUDIO_MIX_ORDER.EffectConfig as ElementOrder);
  if (fx !== undefined) {
    const p = at(path, 'EffectConfig');
    for (const flag of ['EnableStartFadein', 'EnableEndFadeout', 'EnableBgmFade']) c.bool(fx[flag], at(p, flag));
    asGiven(c, fx, p, ['StartFadeinTime', 'EndFadeoutTime', 'BgmFadeTime']);
  }
}

/** `AudioMixArray`: repeated, each an `AudioMix` (Go SDK; no count limit is documented). */
export function checkAudioMixArray(c: Checker, value: unknown, path: string): void {
  c.list(value, path)?.forEach((m, i) => checkAudioMix(c, m, at(path, i), true));
}

export function checkSubtitle(c: Checker, value: unknown, path: string): void {
  const s = c.container(value, path, ORDER.Subtitle as ElementOrder);
  if (s !== undefined) c.bool(s.Remove, at(path, 'Remove'));
}
