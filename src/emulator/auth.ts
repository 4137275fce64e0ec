/**
 * Signature verification (ci-api.md §2): the server recomputes the signature from exactly the headers named
 * in `q-header-list` and the query parameters named in `q-url-param-list`, over the decoded path, and checks
 * the time window. The temporary-credential token comes in `x-ci-security-token` or `x-cos-security-token`
 * (or the `x-cos-security-token` query parameter) and need not be signed (ci-api.md §2.4).
 *
 * Scope: a signature is good for one host and one action. The `host` header must be signed and name the host
 * the request is routed to (for an absolute-form target, `Host` must agree with it too), and a sub-resource
 * parameter (`unbind`, `cancel`, `uploads`, …) in the request must be in `q-url-param-list`. Both SDKs sign
 * the host and every query parameter (ci-api.md §2.3), so real clients pass.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  canonicalPairs,
  httpString,
  parseAuthorization,
  signature,
  signKey,
  stringToSign,
  urlEncode,
} from '../client/signer';
import { authError, type ApiError, type HostKind } from './errors';
import { decode, type Query } from './hosts';
import { MUST_SIGN_PARAMS } from './subresources';

export interface Credentials {
  readonly secretId: string;
  readonly secretKey: string;
  /** When set, requests must carry this token (temporary credentials). */
  readonly sessionToken?: string;
}

export interface SignedRequest {
  readonly kind: HostKind;
  /** The host the request is routed to (absolute-form target or `Host`), lower-cased, without port. */
  readonly host: string;
  readonly method: string;
  /** The decoded path, as signed (`/exampleobject(腾讯云)`). */
  readonly path: string;
  readonly query: Query;
  readonly headers: IncomingHttpHeaders;
}

/** How far a signature's start may lie in the future (COS: 15 minutes of clock skew, ci-api.md §2.5). */
const MAX_SKEW_SECONDS = 15 * 60;
const TOKEN_HEADERS = ['x-ci-security-token', 'x-cos-security-token'];
const QUERY_AUTH_KEYS = ['q-sign-algorithm', 'q-ak', 'q-sign-time', 'q-key-time', 'q-header-list', 'q-url-param-list', 'q-signature'];

/** Returns the error to answer with, or `undefined` when the request is signed with the configured keys. */
export function verifyRequest(req: SignedRequest, creds: Credentials, nowSeconds: number): ApiError | undefined {
  const raw = headerValue(req.headers, 'authorization') ?? authorizationFromQuery(req.query);
  if (raw === undefined || raw === '') return authError(req.kind, 'missing', 'The request carries no Authorization.');
  const auth = parseAuthorization(raw.trim());
  if (!auth || auth.algorithm !== 'sha1') {
    return authError(req.kind, 'malformed', 'The Authorization is not a q-sign-algorithm=sha1 signature (ci-api.md §2.1).');
  }
  if (auth.secretId !== creds.secretId) {
    return authError(req.kind, 'unknown-key', `The SecretId ${JSON.stringify(auth.secretId)} does not exist.`);
  }
  const window = /^(\d+);(\d+)$/.exec(auth.signTime);
  if (!window || !/^\d+;\d+$/.test(auth.keyTime)) {
    return authError(req.kind, 'malformed', 'q-sign-time and q-key-time must be "<start>;<end>" in Unix seconds.');
  }
  const start = Number(window[1]);
  const end = Number(window[2]);
  if (end < nowSeconds) return authError(req.kind, 'expired', 'Request has expired');
  if (start > nowSeconds + MAX_SKEW_SECONDS) {
    return authError(req.kind, 'skewed', 'The difference between the request time and the server time is too large.');
  }

  const headers: Record<string, string> = {};
  for (const listed of auth.headerList) {
    const name = decode(listed)?.toLowerCase() ?? listed;
    const value = headerValue(req.headers, name);
    if (value === undefined) {
      return authError(req.kind, 'mismatch', `The signed header ${JSON.stringify(listed)} is not in the request.`);
    }
    headers[name] = value;
  }
  const scope = checkScope(req, auth.headerList, auth.urlParamList);
  if (scope !== undefined) return authError(req.kind, 'mismatch', scope);

  const params: Record<string, string> = {};
  for (const listed of auth.urlParamList) {
    const pair = req.query.pairs.find(([k]) => urlEncode(k).toLowerCase() === listed.toLowerCase());
    if (!pair) return authError(req.kind, 'mismatch', `The signed parameter ${JSON.stringify(listed)} is not in the request.`);
    params[pair[0]] = pair[1];
  }

  const http = httpString(req.method, req.path, canonicalPairs(params).pairs, canonicalPairs(headers).pairs);
  const expected = signature(signKey(creds.secretKey, auth.keyTime), stringToSign(auth.signTime, http));
  if (!sameText(expected, auth.signature.toLowerCase())) {
    return authError(
      req.kind,
      'mismatch',
      `The Signature you specified is invalid. HttpString computed: ${JSON.stringify(redactTokens(http))}`,
    );
  }

  if (creds.sessionToken !== undefined) {
    const token = TOKEN_HEADERS.map((h) => headerValue(req.headers, h)).find((v) => v !== undefined) ?? req.query.get('x-cos-security-token');
    if (token === undefined || !sameText(token, creds.sessionToken)) {
      return authError(req.kind, 'bad-token', 'The security token is missing or invalid.');
    }
  }
  return undefined;
}

/** Why the signature does not cover the routed host or a sub-resource of the request, if it does not. */
function checkScope(req: SignedRequest, headerList: readonly string[], urlParamList: readonly string[]): string | undefined {
  const hostHeader = headerValue(req.headers, 'host');
  if (hostHeader !== undefined && bareHost(hostHeader) !== req.host) {
    return `The Host header ${JSON.stringify(hostHeader)} does not name the host the request is sent to (${JSON.stringify(req.host)}).`;
  }
  if (!headerList.some((h) => (decode(h) ?? h).toLowerCase() === 'host')) {
    return `The signature does not cover the host header (q-header-list must include "host"; the request is for ${JSON.stringify(req.host)}).`;
  }
  const signed = new Set(urlParamList.map((p) => (decode(p) ?? p).toLowerCase()));
  for (const [name] of req.query.pairs) {
    const lower = name.toLowerCase();
    if (MUST_SIGN_PARAMS.has(lower) && !signed.has(lower)) {
      return `The sub-resource parameter ${JSON.stringify(name)} is not in q-url-param-list: the signature does not cover it.`;
    }
  }
  return undefined;
}

/** `Host: a.example:8080` → `a.example`. */
function bareHost(value: string): string {
  const v = value.trim().toLowerCase();
  if (v.startsWith('[')) return v.slice(0, v.indexOf(']') + 1);
  const colon = v.lastIndexOf(':');
  return colon >= 0 ? v.slice(0, colon) : v;
}

function authorizationFromQuery(query: Query): string | undefined {
  if (!query.has('q-signature')) return undefined;
  return QUERY_AUTH_KEYS.map((k) => `${k}=${query.get(k) ?? ''}`).join('&');
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(',') : value;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A signed token header must not be echoed into an error message. */
function redactTokens(http: string): string {
  return http.replace(/(x-c(?:i|os)-security-token=)[^&\n]*/g, '$1<redacted>');
}
