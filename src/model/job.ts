/**
 * The request of `POST /jobs` with `Tag=VideoEnhance` (ci-api.md §8.1), wire-shaped: element names as keys,
 * strings as leaves, repeated elements as arrays.
 */
import type { DigitalWatermark } from './digital-watermark';
import type { JobOutput } from './output';
import type { VideoEnhance } from './video-enhance';
import type { WatermarkSpec } from './watermark';

export interface VideoEnhanceJobOperation {
  /** A VideoEnhance template id; exactly one of `TemplateId` and `VideoEnhance`. */
  readonly TemplateId?: string;
  readonly VideoEnhance?: VideoEnhance;
  /**
   * A transcode template id. In the seed page's template-mode sample (2026 "Submit VideoEnhance job") though
   * not in its field table; how it combines with `VideoEnhance.Transcode` is unconfirmed.
   */
  readonly TranscodeTemplateId?: string;
  /** At most 3. */
  readonly WatermarkTemplateId?: readonly string[];
  /** At most 3. */
  readonly Watermark?: readonly WatermarkSpec[];
  readonly DigitalWatermark?: DigitalWatermark;
  readonly Output: JobOutput;
  /** Printable ASCII, ≤ 1024. */
  readonly UserData?: string;
  readonly JobLevel?: '0' | '1' | '2';
}

export interface CallBackMqConfig {
  readonly MqRegion: 'sh' | 'bj' | 'gz' | 'cd' | 'hk';
  readonly MqMode?: 'Queue' | 'Topic';
  readonly MqName: string;
}

export interface VideoEnhanceJobRequest {
  readonly Tag: 'VideoEnhance';
  readonly Input: { readonly Object: string };
  readonly Operation: VideoEnhanceJobOperation;
  readonly QueueId?: string;
  /** In the Go SDK request struct and the PHP response model; its values are not documented: accepted as given. */
  readonly QueueType?: string;
  readonly CallBack?: string;
  readonly CallBackFormat?: 'XML' | 'JSON';
  readonly CallBackType?: 'Url' | 'TDMQ';
  readonly CallBackMqConfig?: CallBackMqConfig;
  /** Go SDK only (ci-api.md §8.1, §14 row 7): a Kafka target for the callback. Each field accepted as given. */
  readonly CallBackKafkaConfig?: { readonly Region?: string; readonly InstanceId?: string; readonly Topic?: string };
}
