/**
 * The `VideoEnhance` container (ci-api.md §7.2): used by VideoEnhance templates and inline in jobs.
 */
import type { Transcode } from './transcode';

export type BoolString = 'true' | 'false';

export interface SuperResolution {
  readonly Resolution: 'sdtohd' | 'hdto4k';
  readonly EnableScaleUp?: BoolString;
  readonly Version?: 'Base' | 'Enhance';
}

export interface ColorEnhance {
  readonly Enable?: BoolString;
  /** [0,100] or empty (auto). */
  readonly Contrast?: string;
  /** [0,1000] or empty (auto). */
  readonly Correction?: string;
  /** [0,300] or empty (auto). */
  readonly Saturation?: string;
}

export interface MsSharpen {
  readonly Enable?: BoolString;
  /** [0,10] or empty (auto). */
  readonly SharpenLevel?: string;
}

export interface SdrToHdr {
  readonly HdrMode: 'HLG' | 'HDR10';
}

export interface FrameEnhance {
  readonly FrameDoubling?: BoolString;
}

export interface VideoEnhance {
  readonly Transcode?: Transcode;
  readonly SuperResolution?: SuperResolution;
  readonly ColorEnhance?: ColorEnhance;
  readonly MsSharpen?: MsSharpen;
  readonly SDRtoHDR?: SdrToHdr;
  readonly FrameEnhance?: FrameEnhance;
}
