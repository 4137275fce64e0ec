/**
 * Where a watermark image may live (ci-api.md §7.4, §14 row 3). The watermark pages say the image URL is "the
 * same as the watermark image address of the bucket": the image is an object of the bucket the template (or
 * the job) belongs to, and the samples address it as `http://<bucket>.ci.<region>.myqcloud.com/<key>` or
 * through the bucket's COS host `<bucket>.cos.<region>.myqcloud.com`.
 *
 * Decision, from that evidence:
 * - a Tencent Cloud host (`<bucket>.cos|ci|pic.<region>.myqcloud.com`) that names another bucket or another
 *   region is an error: it cannot be the bucket's own address, and the documentation rules it out;
 * - any other host is a synth-time warning, not an error: it may be a custom or CDN domain bound to the bucket,
 *   which cannot be recognised offline, and an image that is in fact elsewhere makes the service refuse the
 *   template or job at apply time (a refused request costs nothing).
 */
import type { Checker } from './checker';

const TENCENT_HOST = /^([a-z0-9-]+-\d+)\.(cos|ci|pic)\.([a-z0-9-]+)\.myqcloud\.com$/;

export type WatermarkImageHost =
  /** An address of the bucket itself. */
  | { readonly kind: 'bucket' }
  /** A COS/CI host of another bucket or region. */
  | { readonly kind: 'other-bucket'; readonly bucket: string; readonly region: string }
  /** A host this library cannot tie to a bucket (custom domain, CDN, another service). */
  | { readonly kind: 'unknown-host'; readonly host: string };

/** Classifies the host of `url` against the bucket it must belong to; `undefined` when it is no URL at all. */
export function watermarkImageHost(url: string, bucket: string, region: string): WatermarkImageHost | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const m = TENCENT_HOST.exec(host);
  if (m === null) return { kind: 'unknown-host', host };
  if (m[1] === bucket && m[3] === region) return { kind: 'bucket' };
  return { kind: 'other-bucket', bucket: m[1] as string, region: m[3] as string };
}

/**
 * The error half of the decision above; returns the host when it deserves a warning (unknown host).
 * Unresolved values (tokens) are skipped.
 */
export function checkWatermarkImageBucket(c: Checker, url: unknown, path: string, bucket: string, region: string): string | undefined {
  if (typeof url !== 'string' || !c.isKnown(url) || !c.isKnown(bucket) || !c.isKnown(region)) return undefined;
  const where = watermarkImageHost(url, bucket, region);
  if (where?.kind === 'other-bucket') {
    c.add(
      path,
      `must be an address of the bucket ${bucket} in ${region} (the watermark image must be in the same bucket; this URL names ${where.bucket} in ${where.region})`,
      url,
    );
  }
  return where?.kind === 'unknown-host' ? where.host : undefined;
}
