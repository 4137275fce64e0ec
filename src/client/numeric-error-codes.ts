/**
 * The numbered media-processing error codes and their names (ci-api.md §4.2, INTL-CI `API 文档/错误码`). A JSON
 * error body may carry `code` as such a number (ci-api.md §14 row 8: the Go SDK reads `jsonError.Code` as an
 * int); the client reports the name, so `SlowDown` (1020) is paced and retried like the XML one.
 */
export const NUMERIC_ERROR_CODES: Readonly<Record<number, string>> = {
  1007: 'InternalError',
  1010: 'InvalidUrl',
  1011: 'InvalidContent',
  1012: 'MissingAuthorization',
  1013: 'InvalidAuthorization',
  1014: 'SignatureExpired',
  1015: 'InvalidArgument',
  1016: 'MissingContent',
  1017: 'InvalidHost',
  1018: 'AccessDenied',
  1019: 'SecretidNotExist',
  1020: 'SlowDown',
  1021: 'InvalidContentType',
  1100: 'BucketAlreadyBinded',
  1103: 'ResourceNotFound',
  1106: 'QueueNotFound',
  1107: 'TemplateNotFound',
  1109: 'BindedBucketNumLimit',
  1110: 'CreatedTemplateNumLimit',
  1111: 'MediaBucketUnBinded',
  1112: 'TemplateNameDuplicate',
  1114: 'ActiveWorkflowForbiddenUpdate',
  1120: 'WorkFlowNumLimit',
  1124: 'WriteTargetBucketDenied',
  1145: 'QueueNumLimit',
};

/** The code of a JSON error: a string as given; a number by its name, else as digits (`1999`). */
export function jsonErrorCode(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isInteger(value)) return NUMERIC_ERROR_CODES[value] ?? String(value);
  return undefined;
}
