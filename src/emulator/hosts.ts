/**
 * Which service a request addresses, from its `Host` header or from an absolute-form request target
 * (`POST http://<bucket>.ci.<region>.myqcloud.com/jobs HTTP/1.1`, what an HTTP proxy receives; RFC 9112 §3.2.2
 * says the target's authority wins over `Host`). Hosts (ci-api.md §1.1):
 *
 * - `<bucket>.cos.<region>.myqcloud.com` — COS buckets and objects
 * - `<bucket>.ci.<region>.myqcloud.com` — CI media API of a bucket
 * - `<bucket>.pic.<region>.myqcloud.com` — binding Cloud Infinite to a bucket
 * - `ci.<region>.myqcloud.com` — the CI service host (`GET /mediabucket`)
 *
 * `tencentcos.cn` is accepted in place of `myqcloud.com`. Any other host is kind `none` (control API only).
 */
import type { HostKind } from './errors';

export interface Target {
  readonly kind: HostKind;
  /** `<BucketName>-<APPID>` for bucket hosts. */
  readonly bucket?: string;
  readonly region?: string;
  /** The host addressed, lower-cased, without port. */
  readonly host: string;
  /** The path exactly as sent (still percent-encoded). */
  readonly rawPath: string;
  /** The query string without `?` (still percent-encoded). */
  readonly rawQuery: string;
}

const BUCKET_HOST = /^([^.]+)\.(cos|ci|pic)\.([a-z0-9-]+)\.(?:myqcloud\.com|tencentcos\.cn)$/;
const SERVICE_HOST = /^ci\.([a-z0-9-]+)\.(?:myqcloud\.com|tencentcos\.cn)$/;

/** Splits a request target (origin-form `/p?q` or absolute-form `http://h/p?q`) and classifies its host. */
export function resolveTarget(url: string, hostHeader: string | undefined): Target {
  let authority = hostHeader ?? '';
  let rest = url;
  const absolute = /^https?:\/\/([^/?#]*)(.*)$/i.exec(url);
  if (absolute) {
    authority = absolute[1] as string;
    rest = absolute[2] as string;
  }
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  const rawPath = (q >= 0 ? rest.slice(0, q) : rest) || '/';
  const rawQuery = q >= 0 ? rest.slice(q + 1) : '';
  const host = stripPort(authority.replace(/^[^@]*@/, '')).toLowerCase();

  const service = SERVICE_HOST.exec(host);
  if (service) return { kind: 'ci-service', region: service[1], host, rawPath, rawQuery };
  const bucket = BUCKET_HOST.exec(host);
  if (bucket) {
    return { kind: bucket[2] as HostKind, bucket: bucket[1], region: bucket[3], host, rawPath, rawQuery };
  }
  return { kind: 'none', host, rawPath, rawQuery };
}

function stripPort(authority: string): string {
  if (authority.startsWith('[')) return authority.slice(0, authority.indexOf(']') + 1);
  const colon = authority.lastIndexOf(':');
  return colon >= 0 ? authority.slice(0, colon) : authority;
}

/** A decoded query: names as sent (decoded), first value wins for repeated names; `?cancel` gives `''`. */
export interface Query {
  /** Every pair in order, decoded. */
  readonly pairs: readonly (readonly [string, string])[];
  /** Case-insensitive lookup of the first value. */
  get(name: string): string | undefined;
  has(name: string): boolean;
}

/** Decodes `a=b&cancel&x=%20`; returns `undefined` when a part is not valid percent-encoding. */
export function parseQuery(raw: string): Query | undefined {
  const pairs: [string, string][] = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decode(eq >= 0 ? part.slice(0, eq) : part);
    const value = decode(eq >= 0 ? part.slice(eq + 1) : '');
    if (name === undefined || value === undefined) return undefined;
    pairs.push([name, value]);
  }
  const lower = new Map<string, string>();
  for (const [k, v] of pairs) if (!lower.has(k.toLowerCase())) lower.set(k.toLowerCase(), v);
  return {
    pairs,
    get: (name) => lower.get(name.toLowerCase()),
    has: (name) => lower.has(name.toLowerCase()),
  };
}

/** `decodeURIComponent` that answers `undefined` instead of throwing. `+` stays `+` (the signers encode spaces as `%20`). */
export function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}
