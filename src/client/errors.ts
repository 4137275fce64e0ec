/**
 * The few named errors of the client. Every one names the request (method, virtual host, wire path) and
 * nothing else of it: never a header (the `Authorization` and the security token live there), never a body.
 */

/** Which request an error is about. `path` is the wire path with its query, as sent. */
export interface RequestIdentity {
  readonly operation: string;
  readonly method: string;
  /** The real virtual host (the `Host` header), also when an endpoint override sent it elsewhere. */
  readonly host: string;
  readonly path: string;
}

function describe(request: RequestIdentity): string {
  return `${request.operation} (${request.method} ${request.host}${request.path})`;
}

/** The base of every error the client throws about a request. */
export abstract class CosMediaRequestError extends Error {
  readonly request: RequestIdentity;
  protected constructor(request: RequestIdentity, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.request = request;
  }
}

/**
 * The connection failed (refused, reset, DNS, TLS, closed by the peer). `delivered` says whether the server
 * may have received the request: `'no'` when the failure happened before a connection existed, `'unknown'`
 * when it happened after the request started going out.
 */
export class ConnectionError extends CosMediaRequestError {
  readonly delivered: 'no' | 'unknown';
  /** The system or undici error code, e.g. `ECONNRESET`, `UND_ERR_SOCKET`. */
  readonly reason: string;
  constructor(request: RequestIdentity, reason: string, delivered: 'no' | 'unknown', options?: { cause?: unknown }) {
    super(request, `${describe(request)}: connection failed (${reason})`, options);
    this.name = 'ConnectionError';
    this.reason = reason;
    this.delivered = delivered;
  }
}

/**
 * A timeout while connecting, waiting for the response headers, or reading the response body, or the whole
 * response (headers and body) not arriving within the request's deadline (`deadline`, with `deadlineMs`).
 */
export class TimeoutError extends CosMediaRequestError {
  readonly phase: 'connect' | 'headers' | 'body' | 'deadline';
  constructor(request: RequestIdentity, phase: 'connect' | 'headers' | 'body' | 'deadline', options?: { cause?: unknown; deadlineMs?: number }) {
    const what =
      phase === 'connect'
        ? 'connecting'
        : phase === 'deadline'
          ? `: the whole response did not arrive within the ${options?.deadlineMs ?? '?'} ms deadline`
          : `waiting for the response ${phase}`;
    super(request, `${describe(request)}: timed out${phase === 'deadline' ? '' : ' '}${what}`, options);
    this.name = 'TimeoutError';
    this.phase = phase;
  }
}

/** A response body over the transport's cap (`DEFAULT_MAX_RESPONSE_BYTES`): reading stopped there. */
export class ResponseTooLargeError extends CosMediaRequestError {
  readonly limitBytes: number;
  constructor(request: RequestIdentity, limitBytes: number, declaredBytes?: number) {
    const mib = limitBytes % (1024 * 1024) === 0 ? `${limitBytes / (1024 * 1024)} MiB (${limitBytes} bytes)` : `${limitBytes} bytes`;
    const declared = declaredBytes === undefined ? '' : `; Content-Length ${declaredBytes}`;
    super(request, `${describe(request)}: response body is larger than ${mib}${declared}; not read further (is the endpoint a COS/CI service?)`);
    this.name = 'ResponseTooLargeError';
    this.limitBytes = limitBytes;
  }
}

/** The service answered with an error: `<Error>` XML (COS and CI shapes), or only a status (HEAD, proxies). */
export class TencentApiError extends CosMediaRequestError {
  readonly statusCode: number;
  /** `<Code>` of the body, or a name derived from the status when there is no body (HEAD). */
  readonly code: string;
  /** `<Message>` of the body ('' when there is none). */
  readonly serverMessage: string;
  /** `x-cos-request-id` / `x-ci-request-id` or `<RequestId>`. */
  readonly requestId: string | undefined;
  /** `x-cos-trace-id` / `x-ci-trace-id` or `<TraceId>`. */
  readonly traceId: string | undefined;
  /** The response `Date` header, used for clock-skew correction. */
  readonly serverDate: string | undefined;
  constructor(
    request: RequestIdentity,
    fields: {
      statusCode: number;
      code: string;
      message: string;
      requestId?: string;
      traceId?: string;
      serverDate?: string;
    },
  ) {
    const detail = fields.message ? `: ${fields.message}` : '';
    const ids = fields.requestId ? ` (RequestId ${fields.requestId})` : '';
    super(request, `${describe(request)}: ${fields.statusCode} ${fields.code}${detail}${ids}`);
    this.name = 'TencentApiError';
    this.statusCode = fields.statusCode;
    this.code = fields.code;
    this.serverMessage = fields.message;
    this.requestId = fields.requestId;
    this.traceId = fields.traceId;
    this.serverDate = fields.serverDate;
  }
}

/**
 * A create (`POST /jobs`, `POST /template`, `POST /mediabucket`) whose outcome is unknown: the request may
 * have reached the service and created something, but no definite answer came back (timeout, reset, 5xx, an
 * unreadable success body). It is never re-sent by the client; look for what it may have created first.
 */
export class UnknownOutcomeError extends CosMediaRequestError {
  /**
   * When the request was sent, on the signing clock (corrected for any clock skew the service reported), so
   * it can be compared with the service's `CreationTime` when looking for what the request created.
   */
  readonly sentAt: Date;
  constructor(request: RequestIdentity, sentAt: Date, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(
      request,
      `${describe(request)}: outcome unknown, the service may have applied it (sent ${sentAt.toISOString()}; ${why}). It was not re-sent: check for what it may have created before trying again.`,
      { cause },
    );
    this.name = 'UnknownOutcomeError';
    this.sentAt = sentAt;
  }
}

/** A success status with a body the client cannot read (not XML, wrong root, a required element missing). */
export class UnexpectedResponseError extends CosMediaRequestError {
  readonly statusCode: number;
  constructor(request: RequestIdentity, statusCode: number, problem: string) {
    super(request, `${describe(request)}: unexpected response (${statusCode}): ${problem}`);
    this.name = 'UnexpectedResponseError';
    this.statusCode = statusCode;
  }
}

/** Credentials are missing from the environment; names the variables, never their values. */
export class MissingCredentialsError extends Error {
  readonly variables: readonly string[];
  constructor(variables: readonly string[]) {
    super(
      `missing Tencent Cloud credentials: set ${variables.join(' and ')} in the environment (non-empty)`,
    );
    this.name = 'MissingCredentialsError';
    this.variables = variables;
  }
}

/** More than one template carries the name looked for, so none can be chosen safely. */
export class AmbiguousTemplateNameError extends Error {
  readonly templateName: string;
  readonly templateIds: readonly string[];
  constructor(bucket: string, templateName: string, templateIds: readonly string[]) {
    super(
      `bucket ${bucket} has ${templateIds.length} templates named ${JSON.stringify(templateName)} (${templateIds.join(', ')}); expected at most one`,
    );
    this.name = 'AmbiguousTemplateNameError';
    this.templateName = templateName;
    this.templateIds = templateIds;
  }
}
