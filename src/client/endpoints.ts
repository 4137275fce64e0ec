/**
 * Hosts (ci-api.md §1.1) and the endpoint override.
 *
 * Every request carries its real virtual host in `Host`. An endpoint override (`endpoint` option or the
 * `COS_MEDIA_ENDPOINT` variable, e.g. `http://127.0.0.1:9000`) only changes where the connection goes, so
 * the signature and the emulator's routing are the real ones.
 */
import type { Problem } from '../model/problems';

export const ENV_ENDPOINT = 'COS_MEDIA_ENDPOINT';

/**
 * - `cos`: `<bucket>.cos.<region>.myqcloud.com` — buckets and objects.
 * - `ci`: `<bucket>.ci.<region>.myqcloud.com` — media jobs, templates, queues, `POST /mediabucket`.
 * - `pic`: `<bucket>.pic.<region>.myqcloud.com` — CI service binding.
 * - `ci-service`: `ci.<region>.myqcloud.com` — `GET /mediabucket` (no bucket).
 */
export type HostKind = 'cos' | 'ci' | 'pic' | 'ci-service';

/** Where a request goes: the origin to connect to and the virtual host to name in `Host`. */
export interface Target {
  readonly kind: HostKind;
  /** `https://<host>` or the override's origin. */
  readonly origin: string;
  readonly host: string;
}

const REGION = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** `<BucketName>-<APPID>`: name of `a-z 0-9 -` not starting or ending with `-` (ci-api.md §1.3). */
const BUCKET = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?-[0-9]+$/;

export function regionProblems(region: unknown, path = 'region'): Problem[] {
  return typeof region === 'string' && REGION.test(region)
    ? []
    : [{ path, rule: 'must be a region id such as `ap-guangzhou` (lower-case letters, digits and `-`)', value: region }];
}

export function bucketProblems(bucket: unknown, path = 'bucket'): Problem[] {
  return typeof bucket === 'string' && BUCKET.test(bucket)
    ? []
    : [
        {
          path,
          rule: 'must be `<BucketName>-<APPID>` such as `examplebucket-1250000000` (a-z, 0-9, `-`)',
          value: bucket,
        },
      ];
}

/** The real virtual host of a request. `bucket` is required for every kind but `ci-service`. */
export function virtualHost(kind: HostKind, region: string, bucket?: string): string {
  if (kind === 'ci-service') return `ci.${region}.myqcloud.com`;
  if (bucket === undefined) throw new TypeError(`a bucket is required for ${kind} hosts`);
  return `${bucket}.${kind}.${region}.myqcloud.com`;
}

/**
 * The override's origin from the `endpoint` option, else from `COS_MEDIA_ENDPOINT`; `undefined` when
 * neither is set. Problems (not http/https, a path, a query, user info) are returned, not thrown.
 */
export function endpointOverride(
  option: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): { origin?: string; problems: Problem[] } {
  const fromOption = option !== undefined;
  const raw = fromOption ? option : env[ENV_ENDPOINT];
  if (raw === undefined || (!fromOption && raw === '')) return { problems: [] };
  const path = fromOption ? 'endpoint' : ENV_ENDPOINT;
  // The value is echoed in the error line: never with its user info (a password may be in it).
  const problem = (rule: string): { problems: Problem[] } => ({ problems: [{ path, rule, value: withoutUserInfo(raw) }] });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return problem('must be an absolute http(s) URL such as `http://127.0.0.1:9000`');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return problem('must use http or https');
  if (url.username !== '' || url.password !== '') return problem('must not contain user info');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return problem('must be an origin only (no path, query or fragment)');
  }
  return { origin: url.origin, problems: [] };
}

/** `http://user:pw@host:1` → `http://<user info removed>@host:1`; other text unchanged. */
export function withoutUserInfo(url: string): string {
  return url.replace(/^([^:/?#]*:\/\/)[^/?#]*@/, '$1<user info removed>@');
}

/** The target of a request: the real host, reached directly over https or through the override. */
export function targetFor(kind: HostKind, region: string, bucket: string | undefined, override?: string): Target {
  const host = virtualHost(kind, region, bucket);
  return { kind, host, origin: override ?? `https://${host}` };
}

/**
 * The header that carries a session token: `x-ci-security-token` on CI hosts (ci-api.md §3.1, the documented
 * CI common header), `x-cos-security-token` on COS and pic hosts (§2.4).
 */
export function securityTokenHeader(kind: HostKind): 'x-ci-security-token' | 'x-cos-security-token' {
  return kind === 'ci' || kind === 'ci-service' ? 'x-ci-security-token' : 'x-cos-security-token';
}
