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
  /** H.264: veryfast, fast, medium, slow, slower; VP8: good, realtime; AV1: 5, 4. Not with H.265 or VP9. @default - decided by the service */
  readonly preset?: string;
  /** KB [1000, 128000]. Not with VP8 or VP9. @default - decided by the service */
  readonly bufsize?: number;
  /** kbps [10, 50000]. Not with VP8 or VP9. @default - decided by the service */
  readonly maxrate?: number;
  /** Pixel format, e.g. `yuv420p`; accepted as given (no source constrains it). @default - decided by the service */
  readonly pixfmt?: string;
  /** Long/short side mode for width and height. @default false */
  readonly longShortMode?: boolean;
  /** Degrees [0, 360). @default 0 */
  readonly rotate?: number;
  /** Drop the video stream. @default false */
  readonly remove?: boolean;
  // Go SDK Video fields (ci-api.md §14 row 7). No source constrains their values: each is sent as given.
  /** HLS segment length; sent as given. @default - the service's */
  readonly hlsTsTime?: string;
  /** DASH segment setting; sent as given. @default - the service's */
  readonly dashSegment?: string;
  /** Quality setting; sent as given. @default - the service's */
  readonly quality?: string;
  /** Region of interest; sent as given. @default - none */
  readonly roi?: string;
  /** Crop setting; sent as given. @default - none */
  readonly crop?: string;
  /** Interlacing setting; sent as given. @default - the service's */
  readonly interlaced?: string;
  /** Colour parameters; each sent as given. @default - the input's */
  readonly colorParam?: {
    readonly colorRange?: string;
    readonly colorSpace?: string;
    readonly colorTrc?: string;
    readonly colorPrimaries?: string;
  };
  /** Extended standard information; sent as given. @default - none */
  readonly stdExtInfo?: string;
}

/** `TransConfig` (ci-api.md §7.5): checks of the input, adaptation, metadata, HLS/DASH encryption. */
export interface TransConfigOptions {
  /** How the display aspect ratio is adapted. @default - the service's */
  readonly adjDarMethod?: 'scale' | 'crop' | 'pad' | 'none';
  /** @default false */
  readonly isCheckReso?: boolean;
  /** 0 or 1. @default - the service's */
  readonly resoAdjMethod?: 0 | 1;
  /** @default false */
  readonly isCheckVideoBitrate?: boolean;
  /** Sent as given (no source lists its values). @default - the service's */
  readonly videoBitrateAdjMethod?: string;
  /** @default false */
  readonly isCheckAudioBitrate?: boolean;
  /** Sent as given. @default - the service's */
  readonly audioBitrateAdjMethod?: string;
  /** @default false */
  readonly isCheckVideoFps?: boolean;
  /** Sent as given. @default - the service's */
  readonly videoFpsAdjMethod?: string;
  /** @default false */
  readonly deleteMetadata?: boolean;
  /** @default false */
  readonly isHdr2Sdr?: boolean;
  /** Sent as given. @default - none */
  readonly transcodeIndex?: string;
  /** @default - not encrypted */
  readonly hlsEncrypt?: { readonly isHlsEncrypt?: boolean; readonly uriKey?: string };
  /** @default - not encrypted */
  readonly dashEncrypt?: { readonly isEncrypt?: boolean; readonly uriKey?: string };
}

/** `AudioMix` (ci-api.md §7.5): an audio track mixed into the output. */
export interface AudioMixOptions {
  /** The audio to mix in; sent as given (no source states its form). */
  readonly audioSource: string;
  /** @default - the service's */
  readonly mixMode?: 'Repeat' | 'Once';
  /** Replace the input's audio. @default false */
  readonly replace?: boolean;
  /** Fades; the times are sent as given. @default - none */
  readonly effectConfig?: {
    readonly enableStartFadein?: boolean;
    readonly startFadeinTime?: string;
    readonly enableEndFadeout?: boolean;
    readonly endFadeoutTime?: string;
    readonly enableBgmFade?: boolean;
    readonly bgmFadeTime?: string;
  };
}

export interface TranscodeAudioOptions {
  /** @default 'aac' */
  readonly codec?: 'aac' | 'mp3' | 'flac' | 'amr' | 'Vorbis' | 'opus' | 'pcm_s16le';
  /** Hz, 8000 to 96000; amr only 8000, opus only 8000, 16000, 24000, 48000. @default 44100 */
  readonly samplerate?: number;
  /** kbps [8, 1000]. @default - decided by the service */
  readonly bitrate?: number;
  /**
   * Depends on the codec: aac and flac 1, 2, 4, 5, 6, 8; mp3 and opus 1, 2; Vorbis 2; amr 1; pcm_s16le 1, 2;
   * never 8 in a dash container. @default - the input's
   */
  readonly channels?: number;
  /** Keep two audio tracks. @default false */
  readonly keepTwoTracks?: boolean;
  /** Switch the audio track. @default false */
  readonly switchTrack?: boolean;
  /** Sample format, e.g. `fltp`; accepted as given (no source constrains it). @default - decided by the service */
  readonly sampleFormat?: string;
  /** Drop the audio stream. @default false */
  readonly remove?: boolean;
}

export interface TranscodeOptions {
  readonly container: TranscodeContainerOptions;
  /** @default - the service's defaults */
  readonly video?: TranscodeVideoOptions;
  /** @default - the service's defaults */
  readonly audio?: TranscodeAudioOptions;
  /** Start and length of the part to process, in seconds. @default - the whole input */
  readonly timeInterval?: { readonly start?: number; readonly duration?: number };
  /** @default - the service's defaults */
  readonly transConfig?: TransConfigOptions;
  /** @default - none */
  readonly audioMix?: AudioMixOptions;
  /** Several mixes (Go SDK). @default - none */
  readonly audioMixArray?: readonly AudioMixOptions[];
  /** @default - subtitles kept */
  readonly subtitle?: { readonly remove?: boolean };
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
  /**
   * [0, 100]: the range both sources allow (the VideoProcess doc says [0, 1000], the Terraform provider
   * [0, 100]; ci-api.md §14 row 12). @default - automatic
   */
  readonly correction?: number;
  /** [0, 100]: the range both sources allow (the VideoProcess doc says [0, 300]). @default - automatic */
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
