/** Rules of a job's `DigitalWatermark` container (ci-api.md §8.2, §11). */
import { at, Checker, type ValidateOptions } from './checker';
import { DIGITAL_WATERMARK_ORDER } from './element-order';
import type { Problem } from './problems';
import { CJK_RANGES } from './validate-names';

export const MAX_DIGITAL_WATERMARK_MESSAGE_LENGTH = 64;

/** 仅支持中文、英文、数字、_、-和* (zh job doc; ci-api.md §8.2 as corrected by the second audit, §14 row 5). */
const DIGITAL_WATERMARK_MESSAGE_CHARS = new RegExp(`^[${CJK_RANGES}A-Za-z0-9_*-]*$`);

/** Checks one `DigitalWatermark` container at `path` (e.g. `Operation.DigitalWatermark`). */
export function validateDigitalWatermark(value: unknown, path: string, opts?: ValidateOptions): Problem[] {
  const c = new Checker(opts);
  checkDigitalWatermark(c, value, path, true);
  return c.problems;
}

export function checkDigitalWatermark(c: Checker, value: unknown, path: string, required: boolean): void {
  const d = c.container(value, path, DIGITAL_WATERMARK_ORDER, required);
  if (d === undefined) return;
  c.oneOf(d.Type, at(path, 'Type'), ['Text'] as const, true);
  const message = c.text(d.Message, at(path, 'Message'), true);
  if (message !== undefined) {
    c.length(message, at(path, 'Message'), 1, MAX_DIGITAL_WATERMARK_MESSAGE_LENGTH);
    if (!DIGITAL_WATERMARK_MESSAGE_CHARS.test(message)) {
      c.add(at(path, 'Message'), 'must use only Chinese characters, letters, digits, _, - and *', message);
    }
  }
  c.oneOf(d.Version, at(path, 'Version'), ['V1'] as const, true);
  // The doc tables mark IgnoreError required, but GO-SDK's struct has no such field and its requests are
  // accepted (ci-api.md §8.2); the documented default is false, so it stays optional here.
  c.bool(d.IgnoreError, at(path, 'IgnoreError'));
}
