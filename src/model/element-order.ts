/**
 * Documented element orders. Each table lists a container's children in the order the docs show them, and
 * for child containers their own table (`true` marks a text element). The tables are also the schema of known
 * element names: the validators reject children a table does not list.
 *
 * Where two sources disagree on order the newest doc sample wins: the "Submit VideoEnhance job" page (2026,
 * /work/shared/seeds) over ci-api.md §7.4's field table (watermark) and the GO-SDK marshal order quoted in
 * §7.2 (which puts `Video.Bitrate` last). The service parses any order (ci-api.md §3.3), so order only has to
 * be stable and readable.
 */
import type { ElementOrder } from './xml';

/** `AudioMix` (ci-api.md §7.5, INTL-CI 结构体), also each entry of `AudioMixArray`. */
const AUDIO_MIX_ORDER: ElementOrder = {
  AudioSource: true,
  MixMode: true,
  Replace: true,
  EffectConfig: {
    EnableStartFadein: true,
    StartFadeinTime: true,
    EnableEndFadeout: true,
    EndFadeoutTime: true,
    EnableBgmFade: true,
    BgmFadeTime: true,
  },
};

/** ci-api.md §7.5; Video/Audio follow the seed page sample, the rest the transcode template table. */
export const TRANSCODE_ORDER: ElementOrder = {
  Container: { Format: true, ClipConfig: { Duration: true } },
  Video: {
    Codec: true,
    Profile: true,
    Bitrate: true,
    Crf: true,
    Width: true,
    Height: true,
    Fps: true,
    Gop: true,
    Preset: true,
    Bufsize: true,
    Maxrate: true,
    Pixfmt: true,
    LongShortMode: true,
    Rotate: true,
    Remove: true,
    // Go SDK Video struct (ci-api.md §14 row 7); the order is that struct's.
    HlsTsTime: true,
    DashSegment: true,
    Quality: true,
    Roi: true,
    Crop: true,
    Interlaced: true,
    ColorParam: { ColorRange: true, ColorSpace: true, ColorTrc: true, ColorPrimaries: true },
    StdExtInfo: true,
  },
  Audio: {
    Codec: true,
    Samplerate: true,
    Bitrate: true,
    Channels: true,
    Remove: true,
    KeepTwoTracks: true,
    SwitchTrack: true,
    SampleFormat: true,
  },
  TimeInterval: { Start: true, Duration: true },
  TransConfig: {
    AdjDarMethod: true,
    IsCheckReso: true,
    ResoAdjMethod: true,
    IsCheckVideoBitrate: true,
    VideoBitrateAdjMethod: true,
    IsCheckAudioBitrate: true,
    AudioBitrateAdjMethod: true,
    IsCheckVideoFps: true,
    VideoFpsAdjMethod: true,
    DeleteMetadata: true,
    IsHdr2Sdr: true,
    TranscodeIndex: true,
    HlsEncrypt: { IsHlsEncrypt: true, UriKey: true },
    DashEncrypt: { IsEncrypt: true, UriKey: true },
  },
  AudioMix: AUDIO_MIX_ORDER,
  AudioMixArray: AUDIO_MIX_ORDER,
  Subtitle: { Remove: true },
};

/** ci-api.md §7.2 and the seed page sample. `Enable` is listed first as in the legacy VideoProcess docs. */
export const VIDEO_ENHANCE_ORDER: ElementOrder = {
  Transcode: TRANSCODE_ORDER,
  SuperResolution: { Resolution: true, EnableScaleUp: true, Version: true },
  ColorEnhance: { Enable: true, Contrast: true, Correction: true, Saturation: true },
  MsSharpen: { Enable: true, SharpenLevel: true },
  SDRtoHDR: { HdrMode: true },
  FrameEnhance: { FrameDoubling: true },
};

/** Seed page sample for the order of the known part; ci-api.md §7.4 for SlideConfig and Image. */
export const WATERMARK_ORDER: ElementOrder = {
  Type: true,
  LocMode: true,
  Dx: true,
  Dy: true,
  Pos: true,
  StartTime: true,
  EndTime: true,
  SlideConfig: { SlideMode: true, XSlideSpeed: true, YSlideSpeed: true },
  Image: { Url: true, Mode: true, Width: true, Height: true, Transparency: true, Background: true },
  Text: { Text: true, FontSize: true, FontType: true, FontColor: true, Transparency: true },
};

/** ci-api.md §8.2 (request side: `State` only appears in responses). */
export const DIGITAL_WATERMARK_ORDER: ElementOrder = { Type: true, Message: true, Version: true, IgnoreError: true };

export const JOB_OUTPUT_ORDER: ElementOrder = { Region: true, Bucket: true, Object: true };

export const CALLBACK_MQ_CONFIG_ORDER: ElementOrder = { MqRegion: true, MqMode: true, MqName: true };

/** `CallBackKafkaConfig` (Go SDK request struct, ci-api.md §8.1, §14 row 7). */
export const CALLBACK_KAFKA_CONFIG_ORDER: ElementOrder = { Region: true, InstanceId: true, Topic: true };

/**
 * `Request.Operation` of a VideoEnhance job: the seed page's two samples merged (`TranscodeTemplateId` appears
 * in its template-mode sample, though not in its field table).
 */
export const JOB_OPERATION_ORDER: ElementOrder = {
  TemplateId: true,
  TranscodeTemplateId: true,
  VideoEnhance: VIDEO_ENHANCE_ORDER,
  WatermarkTemplateId: true,
  Watermark: WATERMARK_ORDER,
  DigitalWatermark: DIGITAL_WATERMARK_ORDER,
  Output: JOB_OUTPUT_ORDER,
  UserData: true,
  JobLevel: true,
};

/** `POST /jobs` body; `QueueId` sits after `Operation` as in the legacy job samples (ci-api.md §8.1). */
export const JOB_REQUEST_ORDER: ElementOrder = {
  Tag: true,
  Input: { Object: true },
  Operation: JOB_OPERATION_ORDER,
  QueueId: true,
  QueueType: true,
  CallBack: true,
  CallBackFormat: true,
  CallBackType: true,
  CallBackMqConfig: CALLBACK_MQ_CONFIG_ORDER,
  CallBackKafkaConfig: CALLBACK_KAFKA_CONFIG_ORDER,
};

/** `POST /template` with `Tag=Watermark` (ci-api.md §7.4). */
export const WATERMARK_TEMPLATE_REQUEST_ORDER: ElementOrder = { Tag: true, Name: true, Watermark: WATERMARK_ORDER };

/** `POST /template` with `Tag=VideoEnhance` (ci-api.md §7.2). */
export const VIDEO_ENHANCE_TEMPLATE_REQUEST_ORDER: ElementOrder = {
  Tag: true,
  Name: true,
  VideoEnhance: VIDEO_ENHANCE_ORDER,
};

/**
 * One order for every request spec, used by `canonicalize` and the trigger map. The job and template roots
 * share only `Tag`, so each keeps its own relative order inside this merged table.
 */
export const SPEC_ORDER: ElementOrder = {
  Tag: true,
  Name: true,
  Input: JOB_REQUEST_ORDER.Input as ElementOrder,
  Operation: JOB_OPERATION_ORDER,
  Watermark: WATERMARK_ORDER,
  VideoEnhance: VIDEO_ENHANCE_ORDER,
  QueueId: true,
  QueueType: true,
  CallBack: true,
  CallBackFormat: true,
  CallBackType: true,
  CallBackMqConfig: CALLBACK_MQ_CONFIG_ORDER,
  CallBackKafkaConfig: CALLBACK_KAFKA_CONFIG_ORDER,
};
