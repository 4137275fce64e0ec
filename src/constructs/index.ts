// The cdktf constructs: the only folder that imports cdktf.
export * from './media-bucket';
export * from './watermark';
export * from './watermark-template';
export * from './video-enhance-options';
export * from './video-enhance-template';
export * from './job-settings';
export * from './video-enhance-job';
export * from './video-enhance-batch';
export type { ITemplate, TemplateProps } from './template-base';
export type { IMediaDependable } from './media-resource';
export { useBacking, BACKING_CONTEXT_KEY, BACKINGS } from './backing';
export type { Backing } from './backing';
export { NULL_PROVIDER_VERSION } from './media-resource';
export type { DependableProps } from './dependencies';
export { DOCUMENTED_REGIONS, EXTRA_REGIONS_CONTEXT_KEY } from './region';
export type { Region } from './region';
export { MediaTesting } from './testing';
export type { MediaSpec } from './testing';
