/**
 * The results file of a resource: Terraform cannot read provisioner output, so every create writes what it
 * did to `<results dir>/<construct path>.json`, where the results dir is `COS_MEDIA_RESULTS_DIR` or
 * `cos-media-results/` in the directory Terraform runs in (the stack directory for `cdktf deploy`).
 * Written atomically; never holds a credential.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ENV_RESULTS_DIR = 'COS_MEDIA_RESULTS_DIR';
export const DEFAULT_RESULTS_DIR = 'cos-media-results';

export interface JobResult {
  readonly input: string;
  readonly jobId?: string;
  readonly state: string;
  readonly code?: string;
  readonly message?: string;
  /** Output objects as reported by the service (full keys, from either `OutputFile` shape). */
  readonly outputs?: readonly string[];
  readonly outputBucket?: string;
  /**
   * The output key asked for: per-input wildcards expanded by the handler, `${ext}` and `${jobid}` as written
   * (the service expands those; `outputs` holds the result).
   */
  readonly outputObject?: string;
}

export interface ResourceResult {
  readonly construct: string;
  readonly kind: string;
  readonly operation: 'create' | 'delete';
  readonly updatedAt: string;
  readonly bucket?: string;
  readonly region?: string;
  readonly templateId?: string;
  readonly templateName?: string;
  readonly jobs?: readonly JobResult[];
  readonly note?: string;
}

export function resultsDir(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return path.resolve(env[ENV_RESULTS_DIR] || DEFAULT_RESULTS_DIR);
}

/** `demo/enhance-catalog` → `demo__enhance-catalog.json`. */
export function resultsFileName(construct: string): string {
  return `${construct.replace(/[^A-Za-z0-9._-]+/g, '__')}.json`;
}

export function writeResult(result: ResourceResult, dir = resultsDir()): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, resultsFileName(result.construct));
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(result, null, 2)}\n`);
  fs.renameSync(tmp, file);
  return file;
}
