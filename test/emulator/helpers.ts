/** Shared helpers of the emulator tests: signed raw requests (undici + the signer) and XML parsing. */
import { request } from 'undici';
import { headersToSign, signAuthorization, urlEncode } from '../../src/client/signer';
import { parseXml, type XmlObject } from '../../src/model';
import { ManualClock, startEmulator, type EmulatorOptions, type RunningEmulator } from '../../src/emulator';

export const SECRET_ID = 'AKIDEMULATORTEST';
export const SECRET_KEY = 'emulator-test-secret';
export const REGION = 'ap-guangzhou';
export const BUCKET = 'media-1250000000';

export const cosHost = (bucket = BUCKET, region = REGION): string => `${bucket}.cos.${region}.myqcloud.com`;
export const ciHost = (bucket = BUCKET, region = REGION): string => `${bucket}.ci.${region}.myqcloud.com`;
export const picHost = (bucket = BUCKET, region = REGION): string => `${bucket}.pic.${region}.myqcloud.com`;
export const ciServiceHost = (region = REGION): string => `ci.${region}.myqcloud.com`;

export interface RawRequest {
  readonly method: string;
  readonly host: string;
  /** Decoded path, e.g. `/jobs` or `/input/a b.mp4`. */
  readonly path: string;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
  /** Sign the request (default true). */
  readonly sign?: boolean;
  readonly secretId?: string;
  readonly secretKey?: string;
  /** Signature window start (Unix seconds); default now − 1. */
  readonly startTime?: number;
  readonly endTime?: number;
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: Buffer;
  readonly text: string;
}

/** Percent-encodes a decoded path segment by segment, keeping `/`. */
export const encodePath = (path: string): string => path.split('/').map(urlEncode).join('/');

export async function send(origin: string, r: RawRequest): Promise<RawResponse> {
  const headers: Record<string, string> = { host: r.host, ...r.headers };
  if (r.body !== undefined) headers['content-length'] = String(Buffer.byteLength(r.body));
  if (r.sign !== false) {
    const start = r.startTime ?? Math.floor(Date.now() / 1000) - 1;
    headers.authorization = signAuthorization({
      method: r.method,
      pathname: r.path,
      query: r.query,
      headers: headersToSign(headers),
      secretId: r.secretId ?? SECRET_ID,
      secretKey: r.secretKey ?? SECRET_KEY,
      startTime: start,
      endTime: r.endTime ?? start + 900,
    });
  }
  const qs = Object.entries(r.query ?? {})
    .map(([k, v]) => (v === '' ? urlEncode(k) : `${urlEncode(k)}=${urlEncode(v)}`))
    .join('&');
  const res = await request(`${origin}${encodePath(r.path)}${qs ? `?${qs}` : ''}`, {
    method: r.method as 'GET',
    headers,
    body: r.body,
  });
  const body = Buffer.from(await res.body.arrayBuffer());
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(',') : v;
  return { status: res.statusCode, headers: flat, body, text: body.toString('utf8') };
}

/** The `<Error>` of a failed response: its `Code` and `Message`. */
export function errorOf(res: RawResponse): { Code: string; Message: string; RequestId?: string; TraceId?: string } {
  const parsed = parseXml(res.text);
  if (parsed.root !== 'Error') throw new Error(`expected <Error>, got <${parsed.root}>: ${res.text}`);
  return parsed.value as unknown as { Code: string; Message: string };
}

/** The root element's value of an XML response. */
export function xmlOf(res: RawResponse): XmlObject {
  const parsed = parseXml(res.text);
  return parsed.value as XmlObject;
}

/** A VideoEnhance job request body. */
export function jobXml(opts: { input?: string; output?: string; templateId?: string; extra?: string; operationExtra?: string } = {}): string {
  const enhance = opts.templateId
    ? `<TemplateId>${opts.templateId}</TemplateId>`
    : '<VideoEnhance><Transcode><Container><Format>mp4</Format></Container><Video><Codec>H.264</Codec><Width>1280</Width></Video></Transcode><MsSharpen><SharpenLevel>5</SharpenLevel></MsSharpen></VideoEnhance>';
  return (
    `<Request><Tag>VideoEnhance</Tag><Input><Object>${opts.input ?? 'input/demo.mp4'}</Object></Input>` +
    `<Operation>${enhance}${opts.operationExtra ?? ''}<Output><Region>${REGION}</Region><Bucket>${BUCKET}</Bucket>` +
    `<Object>${opts.output ?? 'output/demo.${ext}'}</Object></Output></Operation>${opts.extra ?? ''}</Request>`
  );
}

/** Creates the bucket, uploads `input/demo.mp4` and enables media processing. */
export async function setUpMediaBucket(origin: string, input = 'input/demo.mp4'): Promise<void> {
  const steps: RawRequest[] = [
    { method: 'PUT', host: cosHost(), path: '/' },
    { method: 'PUT', host: cosHost(), path: `/${input}`, body: 'fake video bytes', headers: { 'content-type': 'video/mp4' } },
    { method: 'POST', host: ciHost(), path: '/mediabucket' },
  ];
  for (const step of steps) {
    const res = await send(origin, step);
    if (res.status !== 200) throw new Error(`${step.method} ${step.path}: ${res.status} ${res.text}`);
  }
}

export const xmlHeaders = { 'content-type': 'application/xml' };

/** An emulator on 127.0.0.1:0 with the test credentials and a manual clock (jobs move only on `advance`). */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  return startEmulator({ secretId: SECRET_ID, secretKey: SECRET_KEY, clock: new ManualClock(Date.UTC(2026, 0, 1)), ...options });
}
