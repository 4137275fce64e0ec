/**
 * The shape of every props interface of this library, for `unknownProps`. Each is typed `PropShape<XxxProps>`,
 * which requires every key of the interface and refuses others: adding a prop without listing it here fails tsc.
 * The VideoEnhance parameters are `true` (any value) here: the model checks their inside.
 */
import type { DigitalWatermarkProps, JobCallbackProps, JobOutputProps, VideoEnhanceJobSettings } from './job-settings';
import type { MediaBucketAttributes, MediaBucketProps } from './media-bucket';
import type { TemplateProps } from './template-base';
import type { PropShape } from './unknown-props';
import type { VideoEnhanceBatchProps } from './video-enhance-batch';
import type { VideoEnhanceJobProps } from './video-enhance-job';
import type { VideoEnhanceOptions } from './video-enhance-options';
import type { VideoEnhanceTemplateProps } from './video-enhance-template';
import type { ImageWatermarkProps, TextWatermarkProps, WatermarkPlacementProps, WatermarkSlideProps } from './watermark';
import type { WatermarkTemplateProps } from './watermark-template';

export const MEDIA_BUCKET_SHAPE: PropShape<MediaBucketProps> = { bucket: true, region: true, deleteOnDestroy: true, endpoint: true, dependsOn: true };
export const MEDIA_BUCKET_ATTRIBUTES_SHAPE: PropShape<MediaBucketAttributes> = { bucket: true, region: true, endpoint: true, dependsOn: true };

const TEMPLATE: PropShape<TemplateProps> = { bucket: true, name: true, takeOver: true, dependsOn: true };
const VIDEO_ENHANCE: PropShape<VideoEnhanceOptions> = {
  transcode: true,
  superResolution: true,
  colorEnhance: true,
  msSharpen: true,
  sdrToHdr: true,
  frameEnhance: true,
};
export const VIDEO_ENHANCE_TEMPLATE_SHAPE: PropShape<VideoEnhanceTemplateProps> = { ...TEMPLATE, ...VIDEO_ENHANCE };
export const WATERMARK_TEMPLATE_SHAPE: PropShape<WatermarkTemplateProps> = { ...TEMPLATE, watermark: true };

const OUTPUT: PropShape<JobOutputProps> = { bucket: true, object: true };
const DIGITAL_WATERMARK: PropShape<DigitalWatermarkProps> = { message: true, ignoreError: true };
const CALLBACK: PropShape<JobCallbackProps> = {
  url: true,
  format: true,
  type: true,
  mqConfig: { mqRegion: true, mqMode: true, mqName: true },
  kafkaConfig: { region: true, instanceId: true, topic: true },
};
const JOB_SETTINGS: PropShape<VideoEnhanceJobSettings> = {
  template: true,
  enhance: true,
  watermarks: true,
  digitalWatermark: DIGITAL_WATERMARK,
  output: OUTPUT,
  userData: true,
  jobLevel: true,
  queueId: true,
  queueType: true,
  transcodeTemplateId: true,
  callback: CALLBACK,
  wait: true,
  waitTimeoutSeconds: true,
  ledgerPrefix: true,
  dependsOn: true,
};
export const VIDEO_ENHANCE_JOB_SHAPE: PropShape<VideoEnhanceJobProps> = { ...JOB_SETTINGS, bucket: true, input: true };
export const VIDEO_ENHANCE_BATCH_SHAPE: PropShape<VideoEnhanceBatchProps> = {
  ...JOB_SETTINGS,
  bucket: true,
  inputs: true,
  inputPrefix: true,
  inputSuffix: true,
  concurrency: true,
  requestsPerSecond: true,
};

const SLIDE: PropShape<WatermarkSlideProps> = { slideMode: true, xSlideSpeed: true, ySlideSpeed: true };
const PLACEMENT: PropShape<WatermarkPlacementProps> = {
  pos: true,
  locMode: true,
  dx: true,
  dy: true,
  startTime: true,
  endTime: true,
  slideConfig: SLIDE,
};
export const TEXT_WATERMARK_SHAPE: PropShape<TextWatermarkProps> = {
  ...PLACEMENT,
  text: true,
  fontSize: true,
  fontType: true,
  fontColor: true,
  transparency: true,
};
export const IMAGE_WATERMARK_SHAPE: PropShape<ImageWatermarkProps> = {
  ...PLACEMENT,
  url: true,
  mode: true,
  width: true,
  height: true,
  transparency: true,
  background: true,
};
