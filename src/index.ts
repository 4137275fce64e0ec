// The package root only re-exports; see the design notes for the public names.
export * from './constructs';
export {
  signAuthorization,
  CosMediaClient,
  Credentials,
  credentialsFromEnv,
  TencentApiError,
  UnknownOutcomeError,
  ConnectionError,
  TimeoutError,
} from './client';
export type { SignInput, CosMediaClientOptions, CredentialsInput } from './client';
export { startEmulator, ManualClock, DEFAULT_SECRET_ID, DEFAULT_SECRET_KEY } from './emulator';
export type { EmulatorOptions, RunningEmulator, FaultRuleSpec, FaultEffect, StateDump } from './emulator';
export { planReport } from './report';
export { SpecValidationError } from './model';
export type { Problem } from './model';
