// The model layer: wire-shaped request specs, their validation, the XML codec and the trigger map.
export * from './problems';
export * from './xml';
export type * from './transcode';
export type * from './video-enhance';
export type * from './watermark';
export type * from './digital-watermark';
export type * from './output';
export type * from './job';
export type * from './template';
export type * from './responses';
