/**
 * The idempotency key of a job: a hash of everything that defines it — bucket, region, the canonical wire
 * request (with its input object) and the names and spec hashes of the templates it uses. Settings that do
 * not change the job (wait, timeouts, construct path) are not part of it, so changing them never re-submits.
 */
import { createHash } from 'node:crypto';
import { canonicalize, type XmlObject } from '../model';

export interface JobIdentity {
  readonly bucket: string;
  readonly region: string;
  /** The wire request with `Input.Object`, without template ids. */
  readonly request: XmlObject;
  /** `template.name`, `template.spec_sha256`, `watermark_template.N.…` settings. */
  readonly templates: Readonly<Record<string, string>>;
}

export function idempotencyKey(job: JobIdentity): string {
  const templates = Object.keys(job.templates)
    .sort()
    .map((k) => [k, job.templates[k]]);
  const body = JSON.stringify([job.bucket, job.region, canonicalize(job.request), templates]);
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

/** The template settings of a trigger map (the part of the job identity that is not the request). */
export function templateSettings(settings: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(settings)) {
    if (k.startsWith('template.') || k.startsWith('watermark_template.')) out[k] = v;
  }
  return out;
}
