/** Media templates on `<bucket>.ci.<region>.myqcloud.com` (ci-api.md §7.1). */
import type { Problem } from '../../model/problems';
import type { TemplateDetail } from '../../model/responses';
import type { TemplateRequest } from '../../model/template';
import { parseXml } from '../../model/xml';
import { AmbiguousTemplateNameError } from '../errors';
import type { Exchange, RequestPipeline } from '../pipeline';
import { asWire, childOf, intOf, objectsOf, textOf, textsOf } from '../read';
import { templateRequestToXml } from '../request-xml';
import type { XmlObject } from '../../model/xml';
import { bucketProblems, check, idProblems, listParam, numberParam, positiveIntProblems } from './common';

export interface CreateTemplateInput {
  readonly bucket: string;
  readonly template: TemplateRequest;
}

export interface UpdateTemplateInput extends CreateTemplateInput {
  readonly templateId: string;
}

export interface DescribeTemplatesInput {
  readonly bucket: string;
  readonly ids?: readonly string[];
  /** A name prefix (the service matches prefixes; see `findTemplateByName` for an exact match). */
  readonly name?: string;
  /** e.g. `Watermark`, `VideoEnhance`. @default - the service default, `All` */
  readonly tag?: string;
  /** @default - the service default, `Custom` */
  readonly category?: 'Custom' | 'Official';
  readonly pageNumber?: number;
  /** [1, 100]. */
  readonly pageSize?: number;
}

export interface DescribeTemplatesOutput {
  readonly templates: readonly TemplateDetail[];
  /** Ids asked for that do not exist (`NonExistTIDs`). */
  readonly nonExistTemplateIds: readonly string[];
  readonly totalCount: number | undefined;
  readonly pageNumber: number | undefined;
  readonly pageSize: number | undefined;
}

export interface FindTemplateByNameInput {
  readonly bucket: string;
  readonly name: string;
  readonly tag?: string;
}

export interface TemplateIdInput {
  readonly bucket: string;
  readonly templateId: string;
}

const TEMPLATE_REQUIRED = ['TemplateId', 'Name'] as const;
/** Pages `findTemplateByName` reads at most (100 per page). */
const MAX_PAGES = 100;

function nameProblems(name: unknown, path: string): Problem[] {
  return typeof name === 'string' && name !== '' ? [] : [{ path, rule: 'must be a non-empty string', value: name }];
}

function readTemplate(value: XmlObject, exchange: Exchange): TemplateDetail {
  return asWire<TemplateDetail>(childOf(value, 'Template', 'Response', exchange), TEMPLATE_REQUIRED, 'Template', exchange);
}

/** `POST /template`. A create: never re-sent; an unknown outcome is an `UnknownOutcomeError`. */
export async function createTemplate(p: RequestPipeline, input: CreateTemplateInput): Promise<TemplateDetail> {
  check('CreateMediaTemplate', [...bucketProblems(input.bucket), ...nameProblems(input.template?.Name, 'template.Name')]);
  return p.sendXml(
    {
      operation: 'CreateMediaTemplate',
      kind: 'ci',
      bucket: input.bucket,
      method: 'POST',
      pathname: '/template',
      body: { kind: 'xml', xml: templateRequestToXml(input.template) },
      create: true,
    },
    'Response',
    readTemplate,
  );
}

/** `PUT /template/<id>` with the full template (a replacement). */
export async function updateTemplate(p: RequestPipeline, input: UpdateTemplateInput): Promise<TemplateDetail> {
  check('UpdateMediaTemplate', [
    ...bucketProblems(input.bucket),
    ...idProblems(input.templateId, 'templateId'),
    ...nameProblems(input.template?.Name, 'template.Name'),
  ]);
  return p.sendXml(
    {
      operation: 'UpdateMediaTemplate',
      kind: 'ci',
      bucket: input.bucket,
      method: 'PUT',
      pathname: `/template/${input.templateId}`,
      body: { kind: 'xml', xml: templateRequestToXml(input.template) },
    },
    'Response',
    readTemplate,
  );
}

/** `GET /template`: one page of templates. */
export async function describeTemplates(p: RequestPipeline, input: DescribeTemplatesInput): Promise<DescribeTemplatesOutput> {
  check('DescribeMediaTemplates', [
    ...bucketProblems(input.bucket),
    ...(input.ids ?? []).flatMap((id, i) => idProblems(id, `ids.${i}`)),
    ...positiveIntProblems(input.pageNumber, 'pageNumber'),
    ...positiveIntProblems(input.pageSize, 'pageSize', 100),
  ]);
  return p.sendXml(
    {
      operation: 'DescribeMediaTemplates',
      kind: 'ci',
      bucket: input.bucket,
      method: 'GET',
      pathname: '/template',
      query: {
        ids: listParam(input.ids),
        name: input.name,
        tag: input.tag,
        category: input.category,
        pageNumber: numberParam(input.pageNumber),
        pageSize: numberParam(input.pageSize),
      },
    },
    'Response',
    (value, exchange) => ({
      templates: objectsOf(value, 'TemplateList').map((t) => asWire<TemplateDetail>(t, TEMPLATE_REQUIRED, 'TemplateList', exchange)),
      nonExistTemplateIds: textsOf(value['NonExistTIDs']),
      totalCount: intOf(value, 'TotalCount'),
      pageNumber: intOf(value, 'PageNumber'),
      pageSize: intOf(value, 'PageSize'),
    }),
  );
}

/**
 * The template named exactly `name`, or `undefined`. The service's `name` filter matches prefixes, so every
 * page of matches is read (100 a page, at most 100 pages). Two templates with that name throw
 * `AmbiguousTemplateNameError`: adopting either could be the wrong one.
 */
export async function findTemplateByName(p: RequestPipeline, input: FindTemplateByNameInput): Promise<TemplateDetail | undefined> {
  check('FindTemplateByName', [...bucketProblems(input.bucket), ...nameProblems(input.name, 'name')]);
  const found: TemplateDetail[] = [];
  let seen = 0;
  let complete = false;
  for (let page = 1; page <= MAX_PAGES && !complete; page++) {
    const result = await describeTemplates(p, {
      bucket: input.bucket,
      name: input.name,
      ...(input.tag !== undefined ? { tag: input.tag } : {}),
      pageNumber: page,
      pageSize: 100,
    });
    found.push(...result.templates.filter((t) => t.Name === input.name));
    seen += result.templates.length;
    complete = result.templates.length === 0 || result.totalCount === undefined || seen >= result.totalCount;
  }
  if (!complete) {
    // Stopping early could miss the template and create a duplicate: refuse instead.
    throw new Error(`bucket ${input.bucket}: more than ${MAX_PAGES * 100} templates match the name prefix ${JSON.stringify(input.name)}`);
  }
  if (found.length > 1) throw new AmbiguousTemplateNameError(input.bucket, input.name, found.map((t) => t.TemplateId));
  return found[0];
}

/**
 * `DELETE /template/<id>`. Any 2xx is success; the body's `<TemplateId>` is read when the body is well-formed
 * (the doc sample's body is not: it closes with `<Response>`, ci-api.md §7.1).
 */
export async function deleteTemplate(
  p: RequestPipeline,
  input: TemplateIdInput,
): Promise<{ templateId: string; requestId: string | undefined }> {
  check('DeleteMediaTemplate', [...bucketProblems(input.bucket), ...idProblems(input.templateId, 'templateId')]);
  const { response } = await p.send({
    operation: 'DeleteMediaTemplate',
    kind: 'ci',
    bucket: input.bucket,
    method: 'DELETE',
    pathname: `/template/${input.templateId}`,
  });
  let requestId = response.headers['x-ci-request-id'];
  let templateId = input.templateId;
  try {
    const { value } = parseXml(response.body.toString('utf8'));
    if (typeof value === 'object') {
      requestId = requestId ?? (textOf(value, 'RequestId') || undefined);
      templateId = textOf(value, 'TemplateId') || templateId;
    }
  } catch {
    // a 2xx without a readable body still deleted the template
  }
  return { templateId, requestId };
}
