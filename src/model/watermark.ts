/**
 * The `Watermark` container (ci-api.md §7.4): the body of a watermark template, and up to three inline in a job.
 */
export type WatermarkPos =
  | 'TopRight'
  | 'TopLeft'
  | 'BottomRight'
  | 'BottomLeft'
  | 'Left'
  | 'Right'
  | 'Top'
  | 'Bottom'
  | 'Center';

export interface WatermarkSlideConfig {
  readonly SlideMode: 'Default' | 'ScrollFromLeft';
  readonly XSlideSpeed: string;
  readonly YSlideSpeed: string;
}

export interface WatermarkImage {
  readonly Url: string;
  readonly Mode: 'Original' | 'Proportion' | 'Fixed';
  readonly Width?: string;
  readonly Height?: string;
  readonly Transparency: string;
  readonly Background?: 'true' | 'false';
}

export interface WatermarkText {
  readonly FontSize: string;
  readonly FontType: string;
  readonly FontColor: string;
  readonly Transparency: string;
  readonly Text: string;
}

export interface WatermarkSpec {
  readonly Type: 'Text' | 'Image';
  readonly Pos: WatermarkPos;
  readonly LocMode: 'Relativity' | 'Absolute';
  readonly Dx: string;
  readonly Dy: string;
  readonly StartTime?: string;
  readonly EndTime?: string;
  readonly SlideConfig?: WatermarkSlideConfig;
  readonly Image?: WatermarkImage;
  readonly Text?: WatermarkText;
}
