/**
 * The Transcode sub-container (ci-api.md §7.5), used inside `VideoEnhance.Transcode`.
 * Every leaf is a string, as on the wire.
 */
export interface TranscodeContainer {
  /** `mp4`, `hls`, `mkv`, `ts`, `flv`, `avi`, `mov`, `dash`, `WebM`, … */
  readonly Format: string;
  readonly ClipConfig?: { readonly Duration?: string };
}

export interface TranscodeVideo {
  readonly Codec?: 'H.264' | 'H.265' | 'VP8' | 'VP9' | 'AV1';
  readonly Width?: string;
  readonly Height?: string;
  readonly Fps?: string;
  readonly Remove?: 'true' | 'false';
  readonly Profile?: 'baseline' | 'main' | 'high' | 'auto';
  readonly Bitrate?: string;
  readonly Crf?: string;
  readonly Gop?: string;
  readonly Preset?: string;
  readonly Bufsize?: string;
  readonly Maxrate?: string;
  readonly Pixfmt?: string;
  readonly LongShortMode?: 'true' | 'false';
  readonly Rotate?: string;
  // The fields below are in the Go SDK's Video struct (ci-api.md §14 row 7); no source constrains their values,
  // so they are accepted as given.
  /** HLS segment length. Accepted as given. */
  readonly HlsTsTime?: string;
  /** DASH segment setting. Accepted as given. */
  readonly DashSegment?: string;
  /** Quality setting. Accepted as given. */
  readonly Quality?: string;
  /** Region of interest. Accepted as given. */
  readonly Roi?: string;
  /** Crop setting. Accepted as given. */
  readonly Crop?: string;
  /** Interlacing setting. Accepted as given. */
  readonly Interlaced?: string;
  /** Colour parameters. Each accepted as given. */
  readonly ColorParam?: {
    readonly ColorRange?: string;
    readonly ColorSpace?: string;
    readonly ColorTrc?: string;
    readonly ColorPrimaries?: string;
  };
  /** Extended standard information. Accepted as given. */
  readonly StdExtInfo?: string;
}

export interface TranscodeAudio {
  readonly Codec?: 'aac' | 'mp3' | 'flac' | 'amr' | 'Vorbis' | 'opus' | 'pcm_s16le';
  readonly Samplerate?: string;
  readonly Bitrate?: string;
  readonly Channels?: string;
  readonly Remove?: 'true' | 'false';
  readonly KeepTwoTracks?: 'true' | 'false';
  readonly SwitchTrack?: 'true' | 'false';
  readonly SampleFormat?: string;
}

export interface TranscodeTimeInterval {
  readonly Start?: string;
  readonly Duration?: string;
}

/** `TransConfig` (ci-api.md §7.5): how the input is checked and adapted, metadata, HLS/DASH encryption. */
export interface TransConfig {
  /** `scale`, `crop`, `pad` or `none`. */
  readonly AdjDarMethod?: 'scale' | 'crop' | 'pad' | 'none';
  /** `true` / `false`. */
  readonly IsCheckReso?: 'true' | 'false';
  /** `0` or `1`. */
  readonly ResoAdjMethod?: '0' | '1';
  readonly IsCheckVideoBitrate?: 'true' | 'false';
  /** Accepted as given (no source lists its values). */
  readonly VideoBitrateAdjMethod?: string;
  readonly IsCheckAudioBitrate?: 'true' | 'false';
  /** Accepted as given. */
  readonly AudioBitrateAdjMethod?: string;
  readonly IsCheckVideoFps?: 'true' | 'false';
  /** Accepted as given. */
  readonly VideoFpsAdjMethod?: string;
  readonly DeleteMetadata?: 'true' | 'false';
  readonly IsHdr2Sdr?: 'true' | 'false';
  /** Accepted as given. */
  readonly TranscodeIndex?: string;
  readonly HlsEncrypt?: { readonly IsHlsEncrypt?: 'true' | 'false'; readonly UriKey?: string };
  readonly DashEncrypt?: { readonly IsEncrypt?: 'true' | 'false'; readonly UriKey?: string };
}

/** `AudioMix` (ci-api.md §7.5, INTL-CI 结构体): an audio track mixed into the output. */
export interface AudioMix {
  /** The audio to mix in (required). Accepted as given: no source states its form. */
  readonly AudioSource: string;
  /** `Repeat` or `Once`. */
  readonly MixMode?: 'Repeat' | 'Once';
  /** Replace the input's audio: `true` / `false`. */
  readonly Replace?: 'true' | 'false';
  readonly EffectConfig?: {
    readonly EnableStartFadein?: 'true' | 'false';
    /** Accepted as given. */
    readonly StartFadeinTime?: string;
    readonly EnableEndFadeout?: 'true' | 'false';
    /** Accepted as given. */
    readonly EndFadeoutTime?: string;
    readonly EnableBgmFade?: 'true' | 'false';
    /** Accepted as given. */
    readonly BgmFadeTime?: string;
  };
}

export interface Transcode {
  readonly Container: TranscodeContainer;
  readonly Video?: TranscodeVideo;
  readonly Audio?: TranscodeAudio;
  readonly TimeInterval?: TranscodeTimeInterval;
  readonly TransConfig?: TransConfig;
  readonly AudioMix?: AudioMix;
  /** Several mixes (Go SDK, ci-api.md §14 row 7): repeated `AudioMixArray` elements, each an `AudioMix`. */
  readonly AudioMixArray?: readonly AudioMix[];
  /** `Subtitle{Remove}` (Go SDK): drop the subtitle streams. */
  readonly Subtitle?: { readonly Remove?: 'true' | 'false' };
}
