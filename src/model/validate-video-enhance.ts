/**
 * Rules of the `VideoEnhance` container (ci-api.md §7.2): a VideoEnhance template's body, or inline in a job.
 * The VideoEnhance pages' field tables were not visible; ranges come from the legacy VideoProcess,
 * SuperResolution and SDRtoHDR docs, as ci-api.md §7.2 records (checked anyway; unconfirmed for VideoEnhance).
 */
import { at, Checker, type NumberRule, type ValidateOptions } from './checker';
import { VIDEO_ENHANCE_ORDER } from './element-order';
import type { Problem } from './problems';
import { checkTranscode } from './validate-transcode';
import type { ElementOrder } from './xml';

/** The enhancement features; `Transcode` only says how to encode the result and is not one of them. */
export const VIDEO_ENHANCE_FEATURES = ['SuperResolution', 'ColorEnhance', 'MsSharpen', 'SDRtoHDR', 'FrameEnhance'] as const;

const ORDER = VIDEO_ENHANCE_ORDER as Readonly<Record<string, ElementOrder>>;

/** "An integer in [min, max], or empty for automatic" (VideoProcess template doc, ci-api.md §7.2). */
function autoInteger(min: number, max: number): NumberRule {
  return { range: { min, max }, integer: true, alsoAllowed: [''] };
}

/** Correction and Saturation: [0, 100], the range both the API doc and the Terraform provider allow. */
const COLOR_ENHANCE_BOTH_SOURCES: NumberRule = {
  ...autoInteger(0, 100),
  when: '(valid under both sources: the VideoProcess doc allows more, the Terraform provider only [0, 100])',
};

/** Checks one `VideoEnhance` container at `path` (`VideoEnhance`, `Operation.VideoEnhance`). */
export function validateVideoEnhance(value: unknown, path: string, opts?: ValidateOptions): Problem[] {
  const c = new Checker(opts);
  checkVideoEnhance(c, value, path, true);
  return c.problems;
}

export function checkVideoEnhance(c: Checker, value: unknown, path: string, required: boolean): void {
  const ve = c.container(value, path, VIDEO_ENHANCE_ORDER, required);
  if (ve === undefined) return;

  // Which sub-features are mandatory is unconfirmed (ci-api.md §7.2, §13.1); an enhancement job without any
  // enhancement is at best a paid transcode, so at least one feature is required.
  if (!VIDEO_ENHANCE_FEATURES.some((f) => ve[f] !== undefined)) {
    c.add(path, `must enable at least one of ${VIDEO_ENHANCE_FEATURES.join(', ')}`, Object.keys(ve));
  }

  checkTranscode(c, ve.Transcode, at(path, 'Transcode'), false);

  const sr = c.container(ve.SuperResolution, at(path, 'SuperResolution'), ORDER.SuperResolution as ElementOrder);
  if (sr !== undefined) {
    const p = at(path, 'SuperResolution');
    c.oneOf(sr.Resolution, at(p, 'Resolution'), ['sdtohd', 'hdto4k'] as const, true);
    c.bool(sr.EnableScaleUp, at(p, 'EnableScaleUp'));
    c.oneOf(sr.Version, at(p, 'Version'), ['Base', 'Enhance'] as const);
  }

  const ce = c.container(ve.ColorEnhance, at(path, 'ColorEnhance'), ORDER.ColorEnhance as ElementOrder);
  if (ce !== undefined) {
    const p = at(path, 'ColorEnhance');
    c.bool(ce.Enable, at(p, 'Enable'));
    // The sources conflict (ci-api.md §12, §14 row 12): the VideoProcess doc gives Correction [0, 1000] and
    // Saturation [0, 300], the Terraform provider [0, 100] for all three. Resolved the safest way for users:
    // only values valid under both readings, [0, 100], so no accepted value can be refused or clamped by a
    // service that follows either source.
    c.number(ce.Contrast, at(p, 'Contrast'), autoInteger(0, 100));
    c.number(ce.Correction, at(p, 'Correction'), COLOR_ENHANCE_BOTH_SOURCES);
    c.number(ce.Saturation, at(p, 'Saturation'), COLOR_ENHANCE_BOTH_SOURCES);
  }

  const ms = c.container(ve.MsSharpen, at(path, 'MsSharpen'), ORDER.MsSharpen as ElementOrder);
  if (ms !== undefined) {
    const p = at(path, 'MsSharpen');
    c.bool(ms.Enable, at(p, 'Enable'));
    c.number(ms.SharpenLevel, at(p, 'SharpenLevel'), autoInteger(0, 10));
  }

  const hdr = c.container(ve.SDRtoHDR, at(path, 'SDRtoHDR'), ORDER.SDRtoHDR as ElementOrder);
  if (hdr !== undefined) c.oneOf(hdr.HdrMode, at(path, 'SDRtoHDR.HdrMode'), ['HLG', 'HDR10'] as const, true);

  // An empty <FrameEnhance/> is allowed: "on with the service's defaults" (semantics unconfirmed, §7.2).
  const fe = c.container(ve.FrameEnhance, at(path, 'FrameEnhance'), ORDER.FrameEnhance as ElementOrder);
  if (fe !== undefined) c.bool(fe.FrameDoubling, at(path, 'FrameEnhance.FrameDoubling'));
}
