/**
 * Response shapes (ci-api.md §5–§8), as parsed by the codec: strings as leaves, list elements as arrays.
 * The client returns these; the emulator produces them.
 */
import type { VideoEnhanceJobOperation } from './job';
import type { VideoEnhance } from './video-enhance';
import type { WatermarkSpec } from './watermark';

export type JobState = 'Submitted' | 'Running' | 'Success' | 'Failed' | 'Pause' | 'Cancel';

/**
 * The output files of a finished job. Two shapes are seen (ci-api.md §8.3, §14 row 10): the DescribeMediaJob
 * sample gives the full key in `ObjectName` and no `ObjectPrefix`; older pages split it into `ObjectPrefix` +
 * `ObjectName`. Read it with `outputKeysOf`.
 */
export interface MediaResult {
  readonly OutputFile: {
    readonly Bucket: string;
    readonly Region: string;
    readonly ObjectPrefix?: string;
    readonly ObjectName: readonly string[];
    readonly Md5Info?: readonly { readonly ObjectName: string; readonly Md5: string }[];
  };
}

/** The full keys of the output files, in either shape: `ObjectPrefix` (when given) + each `ObjectName`. */
export function outputKeysOf(file: MediaResult['OutputFile'] | undefined): string[] | undefined {
  if (file === undefined) return undefined;
  const prefix = typeof file.ObjectPrefix === 'string' ? file.ObjectPrefix : '';
  return (file.ObjectName ?? []).map((name) => `${prefix}${name}`);
}

export interface JobDetail {
  readonly Code: string;
  readonly Message: string;
  readonly JobId: string;
  readonly Tag: string;
  readonly State: JobState;
  readonly Progress?: string;
  readonly CreationTime: string;
  readonly StartTime: string;
  readonly EndTime: string;
  readonly QueueId: string;
  readonly Input: { readonly BucketId: string; readonly Object: string; readonly Region: string };
  readonly Operation: VideoEnhanceJobOperation & {
    readonly TemplateName?: string;
    readonly MediaResult?: MediaResult;
    readonly MediaInfo?: Readonly<Record<string, unknown>>;
  };
}

export interface TemplateDetail {
  readonly TemplateId: string;
  readonly Name: string;
  readonly Tag: string;
  readonly BucketId: string;
  readonly Category: 'Custom' | 'Official';
  readonly CreateTime: string;
  readonly UpdateTime: string;
  readonly Watermark?: WatermarkSpec;
  readonly VideoEnhance?: VideoEnhance;
}

export interface MediaBucketInfo {
  readonly BucketId: string;
  readonly Name: string;
  readonly Region: string;
  readonly CreateTime: string;
}

export interface QueueNotifyConfig {
  readonly Url?: string;
  readonly Event?: string;
  readonly Type?: 'Url' | 'TDMQ';
  readonly State?: 'On' | 'Off';
  readonly ResultFormat?: 'XML' | 'JSON';
}

export interface MediaQueue {
  readonly QueueId: string;
  readonly Name: string;
  readonly State: 'Active' | 'Paused';
  readonly NotifyConfig?: QueueNotifyConfig;
  readonly MaxSize: string;
  readonly MaxConcurrent: string;
  readonly UpdateTime: string;
  readonly CreateTime: string;
  readonly Category: string;
}
