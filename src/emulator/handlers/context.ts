/**
 * What a handler gets and gives back. Handlers only parse requests and serialize results; rules live in
 * `domain/`, data in `state.ts`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { buildXml, parseXml, XmlParseError, type XmlObject } from '../../model';
import type { EmulatorCore } from '../core';
import { ApiError, isCiHost, malformedBody, safeXmlText, type HostKind } from '../errors';
import type { Query } from '../hosts';

export interface ApiRequest {
  /** The operation name (`CreateMediaJobs`, `PutObject`, …), also what fault rules match. */
  readonly op: string;
  readonly kind: HostKind;
  /** `<BucketName>-<APPID>` on bucket hosts, `''` on the CI service host. */
  readonly bucket: string;
  readonly region: string;
  readonly method: string;
  /** Decoded path. */
  readonly path: string;
  /** Captured path parts (an object key, a template id, …). */
  readonly params: readonly string[];
  readonly query: Query;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  readonly requestId: string;
}

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

export type Handler = (req: ApiRequest, core: EmulatorCore) => Reply | Promise<Reply>;

export const empty = (status = 200, headers?: Record<string, string>): Reply => ({ status, headers });

/** An XML document (no declaration, as the CI samples show), with text XML 1.0 cannot carry replaced. */
export function xml(root: string, value: XmlObject | string, status = 200, headers?: Record<string, string>): Reply {
  return {
    status,
    headers: { 'content-type': 'application/xml', ...headers },
    body: safeXmlText(buildXml(root, value)),
  };
}

const XML_TYPES = /^(application|text)\/xml\s*(;|$)/i;

/**
 * The `<Request>` of a CI body. Missing → `MissingContent`; not XML by its `Content-Type` →
 * `InvalidContentType` (a missing type is accepted); not UTF-8, a DTD, or malformed → `InvalidContent`
 * (`MalformedXML` on COS hosts); another root → `InvalidArgument`.
 */
export function requestBody(req: ApiRequest, root = 'Request'): XmlObject {
  if (req.body.length === 0) throw new ApiError('MissingContent', 'The request body is missing.');
  const type = req.headers['content-type'];
  if (type !== undefined && !XML_TYPES.test(type)) {
    throw new ApiError('InvalidContentType', `Content-Type must be application/xml, got ${JSON.stringify(type)}.`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(req.body);
  } catch {
    throw malformedBody(req.kind, 'The request body is not valid UTF-8.');
  }
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) throw malformedBody(req.kind, 'Document type declarations are not accepted.');
  let parsed: { root: string; value: XmlObject | string };
  try {
    parsed = parseXml(text);
  } catch (err) {
    if (err instanceof XmlParseError) throw malformedBody(req.kind, `The request body is not well-formed XML: ${err.message}`);
    throw err;
  }
  if (parsed.root !== root) {
    throw new ApiError(isCiHost(req.kind) ? 'InvalidArgument' : 'MalformedXML', `The root element must be <${root}>, got <${parsed.root}>.`);
  }
  if (typeof parsed.value === 'string') {
    if (parsed.value.trim() !== '') throw new ApiError('InvalidArgument', `<${root}> must contain elements, not text.`);
    return {};
  }
  return parsed.value;
}

/** An integer query parameter with a default and bounds; `InvalidArgument` naming it otherwise. */
export function intParam(req: ApiRequest, name: string, fallback: number, min: number, max: number): number {
  const raw = req.query.get(name);
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new ApiError('InvalidArgument', `${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`);
  }
  return Number(raw);
}

/** A comma-separated query parameter, or `undefined` when absent or empty. */
export function listParam(req: ApiRequest, name: string): string[] | undefined {
  const raw = req.query.get(name);
  if (raw === undefined || raw.trim() === '') return undefined;
  return raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** A parameter with a fixed set of values. */
export function enumParam<T extends string>(req: ApiRequest, name: string, allowed: readonly T[], fallback: T): T {
  const raw = req.query.get(name);
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ApiError('InvalidArgument', `${name} must be one of ${allowed.join(', ')}, got ${JSON.stringify(raw)}`);
  }
  return raw as T;
}
