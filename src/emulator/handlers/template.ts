/** Media templates: `POST /template`, `PUT /template/<id>`, `GET /template`, `DELETE /template/<id>` (ci-api.md §7). */
import type { XmlObject } from '../../model';
import { requireMediaBucket } from '../domain/media';
import { createTemplate, deleteTemplate, describeTemplates, updateTemplate } from '../domain/templates';
import { templateView } from '../views';
import { enumParam, intParam, listParam, requestBody, xml, type Handler } from './context';

export const createTemplateHandler: Handler = (req, core) => {
  const body = requestBody(req);
  requireMediaBucket(core.store, req.bucket, req.region);
  const record = createTemplate(core.store, req.bucket, body, core.clock.now());
  return xml('Response', { RequestId: req.requestId, Template: templateView(record) });
};

export const updateTemplateHandler: Handler = (req, core) => {
  const body = requestBody(req);
  requireMediaBucket(core.store, req.bucket, req.region);
  const record = updateTemplate(core.store, req.bucket, req.params[0] as string, body, core.clock.now());
  return xml('Response', { RequestId: req.requestId, Template: templateView(record) });
};

/** `GET /template?tag=&category=&ids=&name=&pageNumber=&pageSize=`; `NonExistTIDs` lists unknown `ids`. */
export const describeTemplatesHandler: Handler = (req, core) => {
  requireMediaBucket(core.store, req.bucket, req.region);
  const pageNumber = intParam(req, 'pageNumber', 1, 1, 1_000_000);
  const pageSize = intParam(req, 'pageSize', 10, 1, 100);
  const result = describeTemplates(core.store, req.bucket, {
    tag: req.query.get('tag') || 'All',
    category: enumParam(req, 'category', ['Custom', 'Official'] as const, 'Custom'),
    ids: listParam(req, 'ids'),
    name: req.query.get('name') || undefined,
    pageNumber,
    pageSize,
  });
  const body: XmlObject = {
    RequestId: req.requestId,
    TotalCount: String(result.totalCount),
    PageNumber: String(pageNumber),
    PageSize: String(pageSize),
    TemplateList: result.items.map(templateView),
  };
  if (result.nonExistIds.length > 0) body.NonExistTIDs = [{ TemplateId: [...result.nonExistIds] }];
  return xml('Response', body);
};

export const deleteTemplateHandler: Handler = (req, core) => {
  requireMediaBucket(core.store, req.bucket, req.region);
  deleteTemplate(core.store, req.bucket, req.params[0] as string);
  return xml('Response', { RequestId: req.requestId, TemplateId: req.params[0] as string });
};
