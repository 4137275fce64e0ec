/**
 * Request bodies as XML, elements in documented order (element-order.ts), as the doc samples show them.
 * These build only; validate first (validate-job.ts, validate-template.ts).
 */
import { canonicalize } from './canonical';
import {
  JOB_REQUEST_ORDER,
  VIDEO_ENHANCE_TEMPLATE_REQUEST_ORDER,
  WATERMARK_TEMPLATE_REQUEST_ORDER,
} from './element-order';
import type { VideoEnhanceJobRequest } from './job';
import type { TemplateRequest } from './template';
import { buildXml, type ElementOrder, type XmlObject } from './xml';

/** `<Request>…</Request>` for `POST /jobs`. */
export function jobRequestToXml(req: VideoEnhanceJobRequest): string {
  return buildXml('Request', canonicalize(req, JOB_REQUEST_ORDER) as unknown as XmlObject);
}

/** `<Request>…</Request>` for `POST /template` and `PUT /template/<id>`, ordered by the request's `Tag`. */
export function templateRequestToXml(req: TemplateRequest): string {
  const order: ElementOrder = req.Tag === 'Watermark' ? WATERMARK_TEMPLATE_REQUEST_ORDER : VIDEO_ENHANCE_TEMPLATE_REQUEST_ORDER;
  return buildXml('Request', canonicalize(req, order) as unknown as XmlObject);
}
