// The client layer: signer, credentials, endpoints, transport, retry policy, errors and CosMediaClient.
export * from './signer';
export { Credentials, credentialsFromEnv, ENV_SECRET_ID, ENV_SECRET_KEY, ENV_SECURITY_TOKEN } from './credentials';
export type { CredentialsInput, UnsignedRequest } from './credentials';
export {
  ENV_ENDPOINT,
  bucketProblems,
  endpointOverride,
  regionProblems,
  securityTokenHeader,
  targetFor,
  virtualHost,
} from './endpoints';
export type { HostKind, Target } from './endpoints';
export * from './errors';
export { Transport, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUTS } from './transport';
export type { Timeouts, TransportOptions, WireRequest, WireResponse } from './transport';
export { backoffDelay, isClockSkew, isRetryable, isThrottle, retryPolicy, systemClock } from './retry';
export type { PacerTicket, RequestPacer } from './pacer';
export type { Clock, RetryOptions, RetryPolicy } from './retry';
export { SIGNATURE_VALIDITY_SECONDS, prepareRequest, wirePath } from './pipeline';
export type { HttpMethod, OperationRequest, RequestBody } from './pipeline';
export { CosMediaClient } from './client';
export type { CosMediaClientOptions } from './client';
export { formatCiTime } from './ops/job';
export type * from './ops/bucket';
export type * from './ops/object';
export type * from './ops/media-bucket';
export type * from './ops/template';
export type * from './ops/job';
export type * from './ops/queue';
