/**
 * The COS/CI XML request signature (ci-api.md §2), as one pure function per step.
 *
 * Nothing here reads a clock, the environment or randomness: times and keys come from the caller, so every
 * step can be checked against the documented vectors. The emulator verifies with the same steps.
 */
import * as crypto from 'node:crypto';
import { createHash, createHmac } from 'node:crypto';

export interface SignInput {
  /** HTTP method, any case. */
  readonly method: string;
  /** The decoded path, starting with `/` (the doc example signs `/exampleobject(腾讯云)`, not its %-form). */
  readonly pathname: string;
  /** Query parameters to sign; a parameter without a value (`?cancel`) is `''`. Every entry is signed. */
  readonly query?: Readonly<Record<string, string>>;
  /** Headers to sign. Every entry is signed; choose them with `headersToSign`. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly secretId: string;
  readonly secretKey: string;
  /** Unix seconds. */
  readonly startTime: number;
  /** Unix seconds. */
  readonly endTime: number;
}

const UNRESERVED = /^[A-Za-z0-9_.~-]*$/;

/** UTF-8 percent-encoding keeping only `A-Z a-z 0-9 - _ . ~` (§2.2 UrlEncode rule); space is `%20`. */
export function urlEncode(value: string): string {
  if (UNRESERVED.test(value)) return value;
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Step 1: `KeyTime` = `"<start>;<end>"`. */
export function keyTime(startTime: number, endTime: number): string {
  return `${Math.floor(startTime)};${Math.floor(endTime)}`;
}

/** Step 2: `SignKey` = hex HMAC-SHA1(SecretKey, KeyTime). */
export function signKey(secretKey: string, time: string): string {
  return createHmac('sha1', secretKey).update(time, 'utf8').digest('hex');
}

/**
 * The last SignKey computed by `signatureParts`: a client signs many requests with one key time (the start
 * second and the validity), so this saves one of the three HMAC/SHA-1 computations of most signatures. It
 * is derived from the secret key like any signature and lives no longer than the secret key itself does in
 * the caller's memory; it is never exposed (only the same function's result for the same inputs).
 */
let lastSignKey: { secretKey: string; time: string; key: string } | undefined;

function cachedSignKey(secretKey: string, time: string): string {
  const last = lastSignKey;
  if (last !== undefined && last.time === time && last.secretKey === secretKey) return last.key;
  const key = signKey(secretKey, time);
  lastSignKey = { secretKey, time, key };
  return key;
}

/** Steps 3 and 4: the encoded, lower-cased, sorted `k=v&…` string and its `k;k;…` list. */
export function canonicalPairs(entries: Readonly<Record<string, string>> | undefined): { list: string; pairs: string } {
  const encoded = Object.entries(entries ?? {}).map(
    ([k, v]) => [urlEncode(k).toLowerCase(), urlEncode(v)] as const,
  );
  encoded.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return {
    list: encoded.map(([k]) => k).join(';'),
    pairs: encoded.map(([k, v]) => `${k}=${v}`).join('&'),
  };
}

/** Step 5: `HttpString`. */
export function httpString(method: string, pathname: string, params: string, headers: string): string {
  return `${method.toLowerCase()}\n${pathname}\n${params}\n${headers}\n`;
}

/** `crypto.hash` (one call, no Hash object) where Node has it (>= 20.12); `createHash` before. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

export function sha1Hex(text: string): string {
  return oneShotHash ? oneShotHash('sha1', text, 'hex') : createHash('sha1').update(text, 'utf8').digest('hex');
}

/** Step 6: `StringToSign`. */
export function stringToSign(time: string, http: string): string {
  return `sha1\n${time}\n${sha1Hex(http)}\n`;
}

/** Step 7: `Signature` = hex HMAC-SHA1(SignKey as its hex text, StringToSign). */
export function signature(key: string, toSign: string): string {
  return createHmac('sha1', key).update(toSign, 'utf8').digest('hex');
}

/** Every intermediate value, for tests, the emulator's verification and debugging. */
export interface SignatureParts {
  readonly keyTime: string;
  readonly signKey: string;
  readonly headerList: string;
  readonly urlParamList: string;
  readonly httpString: string;
  readonly stringToSign: string;
  readonly signature: string;
}

export function signatureParts(input: SignInput): SignatureParts {
  const time = keyTime(input.startTime, input.endTime);
  const key = cachedSignKey(input.secretKey, time);
  const q = canonicalPairs(input.query);
  const h = canonicalPairs(input.headers);
  const http = httpString(input.method, input.pathname, q.pairs, h.pairs);
  const toSign = stringToSign(time, http);
  return {
    keyTime: time,
    signKey: key,
    headerList: h.list,
    urlParamList: q.list,
    httpString: http,
    stringToSign: toSign,
    signature: signature(key, toSign),
  };
}

/** Step 8: the `Authorization` header value (§2.1), keys in the documented order. */
export function signAuthorization(input: SignInput): string {
  const p = signatureParts(input);
  return [
    'q-sign-algorithm=sha1',
    `q-ak=${input.secretId}`,
    `q-sign-time=${p.keyTime}`,
    `q-key-time=${p.keyTime}`,
    `q-header-list=${p.headerList}`,
    `q-url-param-list=${p.urlParamList}`,
    `q-signature=${p.signature}`,
  ].join('&');
}

/** The fields of an `Authorization` value; `undefined` when it is not shaped like §2.1. */
export interface ParsedAuthorization {
  readonly algorithm: string;
  readonly secretId: string;
  readonly signTime: string;
  readonly keyTime: string;
  readonly headerList: readonly string[];
  readonly urlParamList: readonly string[];
  readonly signature: string;
}

export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const fields = new Map<string, string>();
  for (const part of value.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const get = (k: string): string | undefined => fields.get(k);
  const algorithm = get('q-sign-algorithm');
  const secretId = get('q-ak');
  const signTime = get('q-sign-time');
  const kt = get('q-key-time');
  const headerList = get('q-header-list');
  const urlParamList = get('q-url-param-list');
  const sig = get('q-signature');
  if (!algorithm || !secretId || !signTime || !kt || headerList === undefined || urlParamList === undefined || !sig) {
    return undefined;
  }
  const split = (s: string): string[] => (s === '' ? [] : s.split(';'));
  return {
    algorithm,
    secretId,
    signTime,
    keyTime: kt,
    headerList: split(headerList),
    urlParamList: split(urlParamList),
    signature: sig,
  };
}

/**
 * Which request headers a client signs: like the official Node SDK (§2.3) every `x-cos-*` / `x-ci-*`
 * header and a fixed list, never `content-type`; empty values are left out. Names are matched
 * case-insensitively and returned lower-cased.
 */
const SIGNED_HEADER_NAMES = new Set([
  'content-disposition',
  'content-encoding',
  'content-length',
  'content-md5',
  'expect',
  'expires',
  'host',
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-unmodified-since',
  'origin',
  'range',
  'transfer-encoding',
  'pic-operations',
]);

export function headersToSign(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === '') continue;
    if (SIGNED_HEADER_NAMES.has(lower) || lower.startsWith('x-cos-') || lower.startsWith('x-ci-')) out[lower] = value;
  }
  return out;
}
