/** Rules of template requests (`POST /template`, `PUT /template/<id>`; ci-api.md §7.1, §7.2, §7.4). */
import { Checker, type ValidateOptions } from './checker';
import {
  SPEC_ORDER,
  VIDEO_ENHANCE_TEMPLATE_REQUEST_ORDER,
  WATERMARK_TEMPLATE_REQUEST_ORDER,
} from './element-order';
import type { Problem } from './problems';
import { checkTemplateName } from './validate-names';
import { checkVideoEnhance } from './validate-video-enhance';
import { checkWatermark } from './validate-watermark';
import type { ElementOrder } from './xml';

/** The template tags this library knows; adding one is a new validator and one more entry here. */
export const TEMPLATE_TAGS = ['Watermark', 'VideoEnhance'] as const;

/** Checks a `Tag=Watermark` template request: `Tag`, `Name` and the `Watermark` container, all required. */
export function validateWatermarkTemplateRequest(value: unknown, opts?: ValidateOptions): Problem[] {
  const c = new Checker(opts);
  const req = c.container(value, '', WATERMARK_TEMPLATE_REQUEST_ORDER, true);
  if (req !== undefined) {
    c.oneOf(req.Tag, 'Tag', ['Watermark'] as const, true);
    checkTemplateName(c, req.Name, 'Name');
    checkWatermark(c, req.Watermark, 'Watermark', true);
  }
  return c.problems;
}

/** Checks a `Tag=VideoEnhance` template request: `Tag`, `Name` and the `VideoEnhance` container, all required. */
export function validateVideoEnhanceTemplateRequest(value: unknown, opts?: ValidateOptions): Problem[] {
  const c = new Checker(opts);
  const req = c.container(value, '', VIDEO_ENHANCE_TEMPLATE_REQUEST_ORDER, true);
  if (req !== undefined) {
    c.oneOf(req.Tag, 'Tag', ['VideoEnhance'] as const, true);
    checkTemplateName(c, req.Name, 'Name');
    checkVideoEnhance(c, req.VideoEnhance, 'VideoEnhance', true);
  }
  return c.problems;
}

/** The template root elements of every known tag, for requests whose `Tag` is missing or wrong. */
const ANY_TEMPLATE_ORDER: ElementOrder = {
  Tag: true,
  Name: true,
  Watermark: SPEC_ORDER.Watermark as ElementOrder,
  VideoEnhance: SPEC_ORDER.VideoEnhance as ElementOrder,
};

/** Checks any template request, choosing the rules by `Tag`. */
export function validateTemplateRequest(value: unknown, opts?: ValidateOptions): Problem[] {
  const c = new Checker(opts);
  const req = c.container(value, '', ANY_TEMPLATE_ORDER, true);
  if (req === undefined) return c.problems;
  if (c.isUnresolved(req.Tag)) return c.problems;
  const tag = c.oneOf(req.Tag, 'Tag', TEMPLATE_TAGS, true);
  if (tag === 'Watermark') return validateWatermarkTemplateRequest(value, opts);
  if (tag === 'VideoEnhance') return validateVideoEnhanceTemplateRequest(value, opts);
  // Unknown tag: the name rules still apply to every template.
  checkTemplateName(c, req.Name, 'Name');
  return c.problems;
}
