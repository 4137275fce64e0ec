/**
 * The `VideoEnhance` parameters (ci-api.md §7.2, §7.5), shared by `VideoEnhanceTemplate` and inline job
 * parameters. Names are Tencent's element names in camelCase; numbers and booleans become strings on the wire.
 */

export interface TranscodeContainerOptions {
  /** `mp4`, `hls`, `mkv`, `ts`, `flv`, `avi`, `mov`, `dash`, `WebM`, … */
  readonly format: string;
  /** hls/dash segment length. @default - 5 s */
  readonly clipConfig?: { readonly duration?: number };
}

export interface TranscodeVideoOptions {
  /** @default 'H.264' */
  readonly codec?: 'H.264' | 'H.265' | 'VP8' | 'VP9' | 'AV1';
  /** Pixels, [128, 4096], even. @default - the input's */
  readonly width?: number;
  /** Pixels, [128, 4096], even. @default - the input's */
  readonly height?: number;
  /** Frames per second, (0, 60]. @default - the input's */
  readonly fps?: number;
  /** kbps [10, 50000]. @default - decided by the service */
  readonly bitrate?: number;
  /** (0, 51]; overrides bitrate. @default - 25 when no bitrate */
  readonly crf?: number;
  /** Frames between keyframes, [1, 100000]. @default - decided by the service */
  readonly gop?: number;
  /** @default 'high' */
  readonly profile?: 'baseline' | 'main' | 'high' | 'auto';
  /** @default - decided by the service */
  readonly preset?: string;
  /** Drop the video stream. @default false */
  readonly remove?: boolean;
}

export interface TranscodeAudioOptions {
  /** @default 'aac' */
  readonly codec?: 'aac' | 'mp3' | 'flac' | 'amr' | 'Vorbis' | 'opus' | 'pcm_s16le';
  /** Hz. @default 44100 */
  readonly samplerate?: number;
  /** kbps [8, 1000]. @default - decided by the service */
  readonly bitrate?: number;
  /** Depends on the codec (aac: 1, 2, 4, 5, 6, 8). @default - the input's */
  readonly channels?: number;
  /** Drop the audio stream. @default false */
  readonly remove?: boolean;
}

export interface TranscodeOptions {
  readonly container: TranscodeContainerOptions;
  /** @default - the service's defaults */
  readonly video?: TranscodeVideoOptions;
  /** @default - the service's defaults */
  readonly audio?: TranscodeAudioOptions;
}

export interface SuperResolutionOptions {
  /** `sdtohd` (SD → HD) or `hdto4k` (HD → 4K). */
  readonly resolution: 'sdtohd' | 'hdto4k';
  /** @default false */
  readonly enableScaleUp?: boolean;
  /** @default 'Base' */
  readonly version?: 'Base' | 'Enhance';
}

export interface ColorEnhanceOptions {
  /** [0, 100]. @default - automatic */
  readonly contrast?: number;
  /** [0, 1000]. @default - automatic */
  readonly correction?: number;
  /** [0, 300]. @default - automatic */
  readonly saturation?: number;
}

export interface MsSharpenOptions {
  /** [0, 10]. @default - automatic */
  readonly sharpenLevel?: number;
}

export interface SdrToHdrOptions {
  readonly hdrMode: 'HLG' | 'HDR10';
}

export interface FrameEnhanceOptions {
  /** Double the frame rate by interpolation. @default false */
  readonly frameDoubling?: boolean;
}

/** At least one of the enhancement features. */
export interface VideoEnhanceOptions {
  /** Output container, video and audio settings. @default - the service's defaults */
  readonly transcode?: TranscodeOptions;
  /** @default - off */
  readonly superResolution?: SuperResolutionOptions;
  /** @default - off */
  readonly colorEnhance?: ColorEnhanceOptions;
  /** @default - off */
  readonly msSharpen?: MsSharpenOptions;
  /** @default - off */
  readonly sdrToHdr?: SdrToHdrOptions;
  /** @default - off */
  readonly frameEnhance?: FrameEnhanceOptions;
}

/** Only the `VideoEnhanceOptions` fields (a props object may carry others). */
export function pickVideoEnhanceOptions(props: VideoEnhanceOptions): VideoEnhanceOptions {
  const { transcode, superResolution, colorEnhance, msSharpen, sdrToHdr, frameEnhance } = props;
  return { transcode, superResolution, colorEnhance, msSharpen, sdrToHdr, frameEnhance };
}
