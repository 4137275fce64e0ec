/**
 * Rules of the `Watermark` container (ci-api.md §7.4): the body of a watermark template, and up to three of
 * them inline in a job.
 */
import { at, Checker, isHttpUrl, type Interval, type ValidateOptions } from './checker';
import { WATERMARK_ORDER } from './element-order';
import type { Problem } from './problems';
import { CJK_RANGES } from './validate-names';
import type { ElementOrder } from './xml';

export const WATERMARK_POSITIONS = [
  'TopRight',
  'TopLeft',
  'BottomRight',
  'BottomLeft',
  'Left',
  'Right',
  'Top',
  'Bottom',
  'Center',
] as const;

/** Chinese + English fonts, then English-only fonts (ci-api.md §7.4). */
export const WATERMARK_FONTS = [
  'simfang.ttf',
  'simhei.ttf',
  'simkai.ttf',
  'simsun.ttc',
  'STHeiti-Light.ttc',
  'STHeiti-Medium.ttc',
  'youyuan.TTF',
  'ariblk.ttf',
  'arial.ttf',
  'ahronbd.ttf',
  'Helvetica.dfont',
  'HelveticaNeue.dfont',
] as const;

/** The fonts as the sources write them: with their extension (field table) or without (PHP-SDK sample `simfang`). */
export const WATERMARK_FONT_NAMES: readonly string[] = WATERMARK_FONTS.flatMap((f) => [f, f.slice(0, f.lastIndexOf('.'))]);

export const MAX_WATERMARK_TEXT_LENGTH = 64;

/**
 * Watermark text charset: Chinese characters, letters, digits, `_`, `-`, `*` (zh doc and TF; ci-api.md §7.4),
 * plus the space, which the 2026 "Submit VideoEnhance job" page uses in its own sample ("Watermark content").
 * Any other punctuation is rejected: that is the documented rule and the safe reading.
 */
const WATERMARK_TEXT_CHARS = new RegExp(`^[${CJK_RANGES}A-Za-z0-9_*\\- ]*$`);

const FONT_COLOR = /^0x[0-9A-Fa-f]{6}$/;

/** StartTime / EndTime: seconds, float, millisecond precision (ci-api.md §7.4). */
const SECONDS = { range: { min: 0, max: Infinity }, maxDecimals: 3 } as const;

const PERCENT_1_100: Interval = { min: 1, max: 100 };

/** Checks one `Watermark` container; `path` is where it sits (`Watermark`, `Operation.Watermark.0`). */
export function validateWatermark(value: unknown, path: string, opts?: ValidateOptions): Problem[] {
  const c = new Checker(opts);
  checkWatermark(c, value, path, true);
  return c.problems;
}

/** `Dx`/`Dy` ranges (ci-api.md §7.4); an undecided LocMode or Background widens to the union of the cases. */
function offsetRange(locMode: string | undefined, background: boolean | undefined): Interval {
  const relativity = background === true ? [-300, 0] : background === false ? [0, 100] : [-300, 100];
  const absolute = background === true ? [-4096, 0] : background === false ? [0, 4096] : [-4096, 4096];
  const [min, max] =
    locMode === 'Relativity'
      ? relativity
      : locMode === 'Absolute'
        ? absolute
        : [Math.min(relativity[0] as number, absolute[0] as number), Math.max(relativity[1] as number, absolute[1] as number)];
  return { min: min as number, max: max as number };
}

function offsetCondition(locMode: string | undefined, type: string | undefined, background: boolean | undefined): string | undefined {
  const parts: string[] = [];
  if (locMode !== undefined) parts.push(`LocMode is ${locMode}`);
  if (type === 'Image' && background !== undefined) parts.push(`Image.Background is ${background}`);
  return parts.length === 0 ? undefined : `when ${parts.join(' and ')}`;
}

export function checkWatermark(c: Checker, value: unknown, path: string, required: boolean): void {
  const w = c.container(value, path, WATERMARK_ORDER, required);
  if (w === undefined) return;
  const type = c.oneOf(w.Type, at(path, 'Type'), ['Text', 'Image'] as const, true);
  c.oneOf(w.Pos, at(path, 'Pos'), WATERMARK_POSITIONS, true);
  const locMode = c.oneOf(w.LocMode, at(path, 'LocMode'), ['Relativity', 'Absolute'] as const, true);

  // The container matching Type is required, the other one must be absent.
  let background: boolean | undefined;
  if (type === 'Text') {
    c.absent(w.Image, at(path, 'Image'), 'when Type is Text');
    checkText(c, w.Text, at(path, 'Text'), true);
    background = false;
  } else if (type === 'Image') {
    c.absent(w.Text, at(path, 'Text'), 'when Type is Image');
    background = checkImage(c, w.Image, at(path, 'Image'), true);
  } else {
    checkText(c, w.Text, at(path, 'Text'), false);
    checkImage(c, w.Image, at(path, 'Image'), false);
  }

  // Integers: every sample uses whole numbers and pixels are whole; the docs give no decimals (U).
  const range = offsetRange(locMode, background);
  const when = offsetCondition(locMode, type, background);
  c.number(w.Dx, at(path, 'Dx'), { range, integer: true, when }, true);
  c.number(w.Dy, at(path, 'Dy'), { range, integer: true, when }, true);

  const start = c.number(w.StartTime, at(path, 'StartTime'), SECONDS);
  const end = c.number(w.EndTime, at(path, 'EndTime'), SECONDS);
  // Inferred (not stated in the docs): a watermark that ends before it starts is never shown.
  if (start !== undefined && end !== undefined && end <= start) {
    c.add(at(path, 'EndTime'), `must be greater than StartTime (${w.StartTime as string})`, w.EndTime);
  }

  checkSlideConfig(c, w.SlideConfig, at(path, 'SlideConfig'));
}

/** `SlideConfig`: all three elements are marked required in the doc table (ci-api.md §7.4). */
function checkSlideConfig(c: Checker, value: unknown, path: string): void {
  const s = c.container(value, path, WATERMARK_ORDER.SlideConfig as ElementOrder);
  if (s === undefined) return;
  c.oneOf(s.SlideMode, at(path, 'SlideMode'), ['Default', 'ScrollFromLeft'] as const, true);
  c.number(s.XSlideSpeed, at(path, 'XSlideSpeed'), { range: { min: 0, max: 10 }, integer: true }, true);
  c.number(s.YSlideSpeed, at(path, 'YSlideSpeed'), { range: { min: 0, max: 10 }, integer: true }, true);
}

/**
 * `Image`. Returns whether it is a background (`false` when `Background` is absent, its documented default;
 * `undefined` when undecided).
 */
function checkImage(c: Checker, value: unknown, path: string, required: boolean): boolean | undefined {
  const img = c.container(value, path, WATERMARK_ORDER.Image as ElementOrder, required);
  if (img === undefined) return undefined;
  const url = c.text(img.Url, at(path, 'Url'), true);
  if (url !== undefined && !isEncodedHttpUrl(url)) {
    c.add(at(path, 'Url'), 'must be a URL-encoded http(s) URL (no spaces or non-ASCII characters)', url);
  }
  const mode = c.oneOf(img.Mode, at(path, 'Mode'), ['Original', 'Proportion', 'Fixed'] as const, true);
  c.number(img.Transparency, at(path, 'Transparency'), { range: PERCENT_1_100, integer: true }, true);
  let background: boolean | undefined = false;
  if (img.Background !== undefined) {
    const bg = c.bool(img.Background, at(path, 'Background'));
    background = bg === undefined ? undefined : bg === 'true';
  }

  for (const side of ['Width', 'Height'] as const) {
    const p = at(path, side);
    if (mode === 'Original') {
      c.absent(img[side], p, 'when Mode is Original');
      continue;
    }
    // Proportion: % of the video size, [100,300] as a background, [1,100] otherwise; Fixed: px [8,4096].
    let range: Interval;
    let when: string | undefined;
    if (mode === 'Fixed') {
      range = { min: 8, max: 4096 };
      when = 'when Mode is Fixed (pixels)';
    } else if (mode === 'Proportion') {
      range = background === true ? { min: 100, max: 300 } : background === false ? PERCENT_1_100 : { min: 1, max: 300 };
      when = background === true ? 'when Mode is Proportion and Background is true (percent)' : 'when Mode is Proportion (percent)';
    } else {
      range = { min: 1, max: 4096 };
    }
    c.number(img[side], p, { range, integer: true, when });
  }
  return background;
}

/** An http(s) URL that is already URL-encoded: printable ASCII without spaces (ci-api.md §7.4: "URL-encoded"). */
function isEncodedHttpUrl(s: string): boolean {
  return /^[\x21-\x7e]+$/.test(s) && isHttpUrl(s);
}

function checkText(c: Checker, value: unknown, path: string, required: boolean): void {
  const t = c.container(value, path, WATERMARK_ORDER.Text as ElementOrder, required);
  if (t === undefined) return;
  const text = c.text(t.Text, at(path, 'Text'), true);
  if (text !== undefined) {
    c.length(text, at(path, 'Text'), 1, MAX_WATERMARK_TEXT_LENGTH);
    if (!WATERMARK_TEXT_CHARS.test(text)) {
      c.add(at(path, 'Text'), 'must use only Chinese characters, letters, digits, spaces, _, - and *', text);
    }
  }
  c.number(t.FontSize, at(path, 'FontSize'), { range: { min: 5, max: 100 }, integer: true }, true);
  // Sources (ci-api.md §7.4, §14 row 11): the field table lists font file names and marks FontType required;
  // the PHP-SDK sample sends `simfang` without its extension; the doc samples send it empty. Accepted: a listed
  // name with or without its extension. Refused: empty, since no source says which font that gives (the
  // samples' empty value reads as a placeholder) and the table marks the field required.
  const font = c.text(t.FontType, at(path, 'FontType'), true);
  if (font !== undefined && !(WATERMARK_FONT_NAMES as readonly string[]).includes(font)) {
    c.add(
      at(path, 'FontType'),
      `must be one of ${WATERMARK_FONTS.join(', ')} (the extension may be left out, as in simfang)`,
      font,
    );
  }
  c.matches(t.FontColor, at(path, 'FontColor'), FONT_COLOR, 'must be a colour 0xRRGGBB (six hex digits)', true);
  c.number(t.Transparency, at(path, 'Transparency'), { range: PERCENT_1_100, integer: true }, true);
}
