/**
 * Checks of a construct's request against what the official sources say, where the sources leave the answer
 * open: problems that are certain become errors, the rest synth-time warnings (`Annotations`).
 */
import { Annotations } from 'cdktf';
import type { IConstruct } from 'constructs';
import { Checker, checkWatermarkImageBucket, type Problem, type XmlObject } from '../model';
import { SKIP_TOKENS } from './media-resource';

export interface SourceFindings {
  /** Wire paths, as the model's validators report them. */
  readonly problems: Problem[];
  readonly warnings: string[];
}

/**
 * Missing `Transcode` (ci-api.md §14 row 4): the legacy enhancement job docs say transcode parameters must be
 * passed (提交视频增强任务必须传入转码参数), and both current VideoEnhance samples include `Transcode`; whether the
 * VideoEnhance API requires it is unconfirmed, so its absence is a warning.
 */
export function missingTranscodeWarning(videoEnhance: unknown, what: string): string | undefined {
  if (typeof videoEnhance !== 'object' || videoEnhance === null || 'Transcode' in videoEnhance) return undefined;
  return (
    `${what} has no \`transcode\`: the service may require one. Tencent's legacy enhancement job docs state ` +
    'that transcode parameters must be passed (提交视频增强任务必须传入转码参数), and both current VideoEnhance samples ' +
    "include Transcode (ci-api.md §14 row 4). Add e.g. `transcode: { container: { format: 'mp4' } }` to be safe."
  );
}

/** Image watermarks (`Watermark` specs at `paths[i]`): errors and warnings about where their image lives. */
export function watermarkImageFindings(
  marks: ReadonlyArray<{ readonly spec: unknown; readonly path: string; readonly prop: string }>,
  bucket: string,
  region: string,
): SourceFindings {
  const c = new Checker(SKIP_TOKENS);
  const warnings: string[] = [];
  for (const m of marks) {
    const url = ((m.spec as XmlObject | undefined)?.Image as XmlObject | undefined)?.Url;
    const host = checkWatermarkImageBucket(c, url, m.path, bucket, region);
    if (host !== undefined) {
      warnings.push(
        `\`${m.prop}\` ${JSON.stringify(url)} is not an address of the bucket ${bucket}: the service documents that the ` +
          `watermark image must be in the same bucket (ci-api.md §7.4, §14 row 3). Fine if ${host} is a custom domain of ` +
          `that bucket; otherwise the service refuses the request at apply.`,
      );
    }
  }
  return { problems: c.problems, warnings };
}

export function addWarnings(scope: IConstruct, warnings: readonly string[]): void {
  for (const w of warnings) Annotations.of(scope).addWarning(w);
}
