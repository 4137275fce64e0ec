/**
 * Names that identify things in COS and CI: bucket names, regions, object keys, template names
 * (ci-api.md §1.2, §1.3, §7.1, §10, §11).
 */
import { Checker, type ValidateOptions } from './checker';
import type { Problem } from './problems';

/**
 * Regions from ci-api.md §1.2: the COS public region list (INTL-COS) and the CI region page (INTL-CI, which
 * adds `eu-moscow`). Decision: a well-formed region that is not on this list is a problem. A typo such as
 * `ap-shangai` would otherwise surface only at apply time as a DNS failure on
 * `<bucket>.ci.ap-shangai.myqcloud.com`, after other resources were already created; a region added by Tencent
 * later needs one line here.
 */
export const DOCUMENTED_REGION_IDS = [
  'ap-beijing',
  'ap-beijing-1',
  'ap-nanjing',
  'ap-shanghai',
  'ap-guangzhou',
  'ap-chengdu',
  'ap-chongqing',
  'ap-hongkong',
  'ap-singapore',
  'ap-mumbai',
  'ap-jakarta',
  'ap-seoul',
  'ap-bangkok',
  'ap-tokyo',
  'na-siliconvalley',
  'na-ashburn',
  'na-toronto',
  'sa-saopaulo',
  'eu-frankfurt',
  'eu-moscow',
] as const;

export const KNOWN_REGIONS: readonly string[] = DOCUMENTED_REGION_IDS;

/** `<area>-<city>[-n]`, lowercase (ci-api.md §1.2; GO-SDK accepts `^[a-z0-9-]+$`). */
const REGION_SHAPE = /^[a-z]+(-[a-z]+)+(-\d+)?$/;

/** The longest allowed bucket domain, `<BucketName-APPID>.cos.<Region>.myqcloud.com` (ci-api.md §1.3). */
export const MAX_BUCKET_DOMAIN_LENGTH = 60;

/** Object keys: 1 to 850 UTF-8 bytes (ci-api.md §10, §11). */
export const MAX_OBJECT_KEY_BYTES = 850;

/** Template names: at most 64 characters (ci-api.md §7.1, §11). */
export const MAX_TEMPLATE_NAME_LENGTH = 64;

/**
 * Chinese characters (CJK unified ideographs, extension A, compatibility ideographs), ASCII letters, digits,
 * `_`, `-`, `*` — the template name charset (ci-api.md §7.1) and the watermark text charset (§7.4).
 */
export const CJK_RANGES = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const TEMPLATE_NAME_CHARS = new RegExp(`^[${CJK_RANGES}A-Za-z0-9_*-]*$`);

function run(check: (c: Checker) => void, opts?: ValidateOptions): Problem[] {
  const c = new Checker(opts);
  check(c);
  return c.problems;
}

/** Checks a region id: well-formed and one of `KNOWN_REGIONS`. */
export function validateRegion(region: unknown, path: string, opts?: ValidateOptions): Problem[] {
  return run((c) => checkRegion(c, region, path), opts);
}

export function checkRegion(c: Checker, region: unknown, path: string, required = true): string | undefined {
  const r = c.text(region, path, required);
  if (r === undefined) return undefined;
  if (!REGION_SHAPE.test(r)) {
    c.add(path, 'must be a region id such as ap-guangzhou (lowercase <area>-<city>[-n])', r);
    return undefined;
  }
  if (!KNOWN_REGIONS.includes(r)) {
    c.add(path, `must be a known COS region (${KNOWN_REGIONS.join(', ')})`, r);
    return undefined;
  }
  return r;
}

/**
 * Checks a full bucket name `<BucketName>-<APPID>` (ci-api.md §1.3). With `region`, also the length of the
 * whole domain `<bucket>.cos.<region>.myqcloud.com` (≤ 60); without it, against the shortest known region, so
 * only names too long for every region are reported.
 */
export function validateBucketName(name: unknown, path: string, region?: string, opts?: ValidateOptions): Problem[] {
  return run((c) => checkBucketName(c, name, path, region), opts);
}

export function checkBucketName(c: Checker, name: unknown, path: string, region?: string, required = true): void {
  const n = c.text(name, path, required);
  if (n === undefined) return;
  const m = /^(.*)-(\d+)$/.exec(n);
  if (m === null || m[1] === '') {
    c.add(path, 'must be <BucketName>-<APPID>, e.g. examplebucket-1250000000', n);
    return;
  }
  const short = m[1] as string;
  if (!/^[a-z0-9-]+$/.test(short)) c.add(path, 'must use only a-z, 0-9 and - in the name before the APPID', n);
  if (short.startsWith('-') || short.endsWith('-')) c.add(path, 'must not start or end the name with -', n);
  const regionForLength =
    region !== undefined && KNOWN_REGIONS.includes(region)
      ? region
      : KNOWN_REGIONS.reduce((a, b) => (b.length < a.length ? b : a));
  const domain = `${n}.cos.${regionForLength}.myqcloud.com`;
  if (domain.length > MAX_BUCKET_DOMAIN_LENGTH) {
    c.add(
      path,
      `must be short enough that <bucket>.cos.${regionForLength}.myqcloud.com is at most ${MAX_BUCKET_DOMAIN_LENGTH} characters (is ${domain.length})`,
      n,
    );
  }
}

/**
 * Checks an object key. Rules (COS "Object Overview", 436/13324, 2022 en page; ci-api.md §10): 1 to 850 UTF-8
 * bytes; must not start with `/` or `\`. That page forbids the control characters CAN, EM, SUB, ESC (24–27);
 * decision: every control character (U+0000–U+001F, U+007F) is rejected, because keys also travel inside XML
 * request bodies (`Input.Object`, `Output.Object`), where XML 1.0 cannot carry most of them and turns CR into LF.
 */
export function validateObjectKey(key: unknown, path: string, opts?: ValidateOptions): Problem[] {
  return run((c) => checkObjectKey(c, key, path), opts);
}

export function checkObjectKey(c: Checker, key: unknown, path: string, required = true): void {
  const k = c.text(key, path, required);
  if (k === undefined) return;
  c.length(k, path, 1, MAX_OBJECT_KEY_BYTES, 'bytes');
  if (k.startsWith('/') || k.startsWith('\\')) c.add(path, 'must not start with / or \\', k);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(k)) c.add(path, 'must not contain control characters', k);
}

/** Checks a template name: 1 to 64 characters; Chinese characters, letters, digits, `_`, `-`, `*`. */
export function validateTemplateName(name: unknown, path: string, opts?: ValidateOptions): Problem[] {
  return run((c) => checkTemplateName(c, name, path), opts);
}

export function checkTemplateName(c: Checker, name: unknown, path: string, required = true): void {
  const n = c.text(name, path, required);
  if (n === undefined) return;
  c.length(n, path, 1, MAX_TEMPLATE_NAME_LENGTH);
  if (!TEMPLATE_NAME_CHARS.test(n)) c.add(path, 'must use only Chinese characters, letters, digits, _, - and *', n);
}
