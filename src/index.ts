// The package root only re-exports the public surface (see the design notes); helpers stay behind it.
export { MediaBucket } from './constructs/media-bucket';
export type { IMediaBucket, MediaBucketProps, MediaBucketAttributes } from './constructs/media-bucket';
export { Watermark } from './constructs/watermark';
export type {
  WatermarkSlideProps,
  WatermarkPlacementProps,
  TextWatermarkProps,
  ImageWatermarkProps,
} from './constructs/watermark';
export { WatermarkTemplate } from './constructs/watermark-template';
export type { IWatermarkTemplate, WatermarkTemplateProps } from './constructs/watermark-template';
export { VideoEnhanceTemplate } from './constructs/video-enhance-template';
export type { IVideoEnhanceTemplate, VideoEnhanceTemplateProps } from './constructs/video-enhance-template';
export type {
  TranscodeContainerOptions,
  TranscodeVideoOptions,
  TranscodeAudioOptions,
  TranscodeOptions,
  TransConfigOptions,
  AudioMixOptions,
  SuperResolutionOptions,
  ColorEnhanceOptions,
  MsSharpenOptions,
  SdrToHdrOptions,
  FrameEnhanceOptions,
  VideoEnhanceOptions,
} from './constructs/video-enhance-options';
export { VideoEnhanceJob } from './constructs/video-enhance-job';
export type { VideoEnhanceJobProps } from './constructs/video-enhance-job';
export { VideoEnhanceBatch } from './constructs/video-enhance-batch';
export type { VideoEnhanceBatchProps } from './constructs/video-enhance-batch';
export type {
  JobOutputProps,
  DigitalWatermarkProps,
  JobCallbackProps,
  VideoEnhanceJobSettings,
} from './constructs/job-settings';
export type { ITemplate, TemplateProps } from './constructs/template-base';
export type { IMediaDependable } from './constructs/media-resource';
export { useBacking, BACKING_CONTEXT_KEY, BACKINGS } from './constructs/backing';
export type { Backing } from './constructs/backing';
export { NULL_PROVIDER_VERSION } from './constructs/media-resource';
export type { DependableProps } from './constructs/dependencies';
export { DOCUMENTED_REGIONS, EXTRA_REGIONS_CONTEXT_KEY } from './constructs/region';
export type { Region } from './constructs/region';
export { MediaTesting } from './constructs/testing';
export type { MediaSpec } from './constructs/testing';
export {
  signAuthorization,
  CosMediaClient,
  Credentials,
  credentialsFromEnv,
  CosMediaRequestError,
  TencentApiError,
  UnknownOutcomeError,
  ConnectionError,
  TimeoutError,
  UnexpectedResponseError,
  ResponseTooLargeError,
  MissingCredentialsError,
  AmbiguousTemplateNameError,
} from './client';
export type { SignInput, CosMediaClientOptions, CredentialsInput } from './client';
export { startEmulator, ManualClock, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY } from './emulator';
export type { EmulatorOptions, RunningEmulator, FaultRuleSpec, FaultEffect, StateDump } from './emulator';
export { planReport } from './report';
export { SpecValidationError } from './model';
export type { Problem } from './model';
