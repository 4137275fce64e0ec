/**
 * Identifier shapes seen in the service's samples (ci-api.md §3.3): job `j` + 32 hex, template `t1` + 32 hex,
 * queue `p` + 32 hex; request ids are base64 of `<hex>_<hex>_<hex>_<n>`.
 */
import { randomBytes } from 'node:crypto';

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

export const newJobId = (): string => `j${hex(16)}`;
export const newTemplateId = (): string => `t1${hex(16)}`;
export const newQueueId = (): string => `p${hex(16)}`;
/** A random file name for a stored object body. */
export const newBlobId = (): string => hex(16);

let requestCounter = 0;

/** Base64 of `"<8 hex>_<6 hex>_<4 hex>_<n>"`, like `NTk0MjdmODlfMjQ4OGY3XzYzYzhfMjc=`. */
export function newRequestId(): string {
  requestCounter = (requestCounter + 1) % 1_000_000;
  return Buffer.from(`${hex(4)}_${hex(3)}_${hex(2)}_${requestCounter}`).toString('base64');
}

/** An opaque trace id, as sent in `x-ci-trace-id` / `x-cos-trace-id` on failures. */
export function newTraceId(): string {
  return Buffer.from(hex(24)).toString('base64');
}

export const JOB_ID = /^j[0-9a-f]{32}$/;
export const TEMPLATE_ID = /^t1[0-9a-f]{32}$/;
export const QUEUE_ID = /^p[0-9a-f]{32}$/;
