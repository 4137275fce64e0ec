/** Template requests (`POST /template`, `PUT /template/<id>`; ci-api.md §7.1, §7.2, §7.4). */
import type { VideoEnhance } from './video-enhance';
import type { WatermarkSpec } from './watermark';

export interface WatermarkTemplateRequest {
  readonly Tag: 'Watermark';
  readonly Name: string;
  readonly Watermark: WatermarkSpec;
}

export interface VideoEnhanceTemplateRequest {
  readonly Tag: 'VideoEnhance';
  readonly Name: string;
  readonly VideoEnhance: VideoEnhance;
}

export type TemplateRequest = WatermarkTemplateRequest | VideoEnhanceTemplateRequest;
