// The package root only re-exports; see the design notes for the public names.
export * from './constructs';
export { signAuthorization, CosMediaClient, TencentApiError, UnknownOutcomeError } from './client';
export type { SignInput, CosMediaClientOptions } from './client';
export { SpecValidationError } from './model';
export type { Problem } from './model';
