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

export interface Transcode {
  readonly Container: TranscodeContainer;
  readonly Video?: TranscodeVideo;
  readonly Audio?: TranscodeAudio;
  readonly TimeInterval?: TranscodeTimeInterval;
}
