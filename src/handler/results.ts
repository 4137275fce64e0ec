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

/**
 * Writes `JSON.stringify(result, null, 2)` and a newline, byte for byte, but a job at a time: a batch of
 * 100,000 inputs gives a file of about 25 MB, which as one string (and its UTF-8 copy) would be the largest
 * thing the handler holds at its end.
 */
function writeJson(fd: number, result: ResourceResult): void {
  let chunk = '{';
  let first = true;
  const put = (text: string): void => {
    chunk += text;
    if (chunk.length >= 65_536) {
      fs.writeSync(fd, chunk);
      chunk = '';
    }
  };
  for (const [name, value] of Object.entries(result)) {
    // As JSON.stringify does: a property whose value has no JSON form (undefined) is left out.
    if (value === undefined) continue;
    put(`${first ? '' : ','}\n  ${JSON.stringify(name)}: `);
    first = false;
    if (name === 'jobs' && Array.isArray(value) && value.length > 0) {
      // Each job on the lines of its own, two levels deep.
      value.forEach((job, i) => put(`${i === 0 ? '[' : ','}\n    ${JSON.stringify(job, null, 2).replace(/\n/g, '\n    ')}`));
      put('\n  ]');
    } else {
      put(JSON.stringify(value, null, 2).replace(/\n/g, '\n  '));
    }
  }
  fs.writeSync(fd, `${chunk}${first ? '}' : '\n}'}\n`);
}

export function writeResult(result: ResourceResult, dir = resultsDir()): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, resultsFileName(result.construct));
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    writeJson(fd, result);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  return file;
}
