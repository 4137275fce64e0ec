/**
 * Method + host kind + path (+ sub-resource flag) → operation and handler. Operation names are Tencent's
 * API names; fault rules match them.
 */
import { ApiError, isCiHost, type HostKind } from './errors';
import type { Query } from './hosts';
import { COS_SUBRESOURCES } from './subresources';
import { deleteBucketHandler, headBucket, listObjectsHandler, putBucket } from './handlers/bucket';
import type { Handler } from './handlers/context';
import { cancelJobHandler, describeJobHandler, listJobsHandler, submitJobHandler } from './handlers/job';
import {
  closeCiService,
  createMediaBucket,
  deleteMediaBucket,
  describeMediaBucketsHandler,
  getCiService,
  openCiService,
} from './handlers/media-bucket';
import { deleteObjectHandler, getObjectHandler, headObjectHandler, putObjectHandler } from './handlers/object';
import { describeQueuesHandler, updateQueueHandler } from './handlers/queue';
import {
  createTemplateHandler,
  deleteTemplateHandler,
  describeTemplatesHandler,
  updateTemplateHandler,
} from './handlers/template';

export interface Route {
  readonly op: string;
  readonly kind: HostKind;
  readonly method: string;
  /** Matched against the decoded path; groups become `params`. */
  readonly path: RegExp;
  /** A query flag the route requires (`?unbind`, `?cancel`). */
  readonly flag?: string;
  readonly handler: Handler;
}

const ROOT = /^\/$/;
const OBJECT = /^\/(.+)$/s;

export const ROUTES: readonly Route[] = [
  { op: 'PutBucket', kind: 'cos', method: 'PUT', path: ROOT, handler: putBucket },
  { op: 'HeadBucket', kind: 'cos', method: 'HEAD', path: ROOT, handler: headBucket },
  { op: 'DeleteBucket', kind: 'cos', method: 'DELETE', path: ROOT, handler: deleteBucketHandler },
  { op: 'ListObjects', kind: 'cos', method: 'GET', path: ROOT, handler: listObjectsHandler },
  { op: 'PutObject', kind: 'cos', method: 'PUT', path: OBJECT, handler: putObjectHandler },
  { op: 'GetObject', kind: 'cos', method: 'GET', path: OBJECT, handler: getObjectHandler },
  { op: 'HeadObject', kind: 'cos', method: 'HEAD', path: OBJECT, handler: headObjectHandler },
  { op: 'DeleteObject', kind: 'cos', method: 'DELETE', path: OBJECT, handler: deleteObjectHandler },

  { op: 'CloseCIService', kind: 'pic', method: 'PUT', path: ROOT, flag: 'unbind', handler: closeCiService },
  { op: 'OpenCIService', kind: 'pic', method: 'PUT', path: ROOT, handler: openCiService },
  { op: 'GetCIService', kind: 'pic', method: 'GET', path: ROOT, handler: getCiService },

  { op: 'DescribeMediaBuckets', kind: 'ci-service', method: 'GET', path: /^\/mediabucket$/, handler: describeMediaBucketsHandler },
  { op: 'CreateMediaBucket', kind: 'ci', method: 'POST', path: /^\/mediabucket$/, handler: createMediaBucket },
  { op: 'DeleteMediaBucket', kind: 'ci', method: 'DELETE', path: /^\/mediabucket$/, handler: deleteMediaBucket },
  { op: 'DescribeMediaBuckets', kind: 'ci', method: 'GET', path: /^\/mediabucket$/, handler: describeMediaBucketsHandler },
  { op: 'CreateMediaTemplate', kind: 'ci', method: 'POST', path: /^\/template$/, handler: createTemplateHandler },
  { op: 'UpdateMediaTemplate', kind: 'ci', method: 'PUT', path: /^\/template\/([^/]+)$/, handler: updateTemplateHandler },
  { op: 'DescribeMediaTemplates', kind: 'ci', method: 'GET', path: /^\/template$/, handler: describeTemplatesHandler },
  { op: 'DeleteMediaTemplate', kind: 'ci', method: 'DELETE', path: /^\/template\/([^/]+)$/, handler: deleteTemplateHandler },
  { op: 'DescribeMediaQueues', kind: 'ci', method: 'GET', path: /^\/queue$/, handler: describeQueuesHandler },
  { op: 'UpdateMediaQueue', kind: 'ci', method: 'PUT', path: /^\/queue\/([^/]+)$/, handler: updateQueueHandler },
  { op: 'CreateMediaJobs', kind: 'ci', method: 'POST', path: /^\/jobs$/, handler: submitJobHandler },
  { op: 'CancelMediaJob', kind: 'ci', method: 'PUT', path: /^\/jobs\/([^/,]+)$/, flag: 'cancel', handler: cancelJobHandler },
  { op: 'DescribeMediaJob', kind: 'ci', method: 'GET', path: /^\/jobs\/([^/]+)$/, handler: describeJobHandler },
  { op: 'DescribeMediaJobs', kind: 'ci', method: 'GET', path: /^\/jobs$/, handler: listJobsHandler },
];


export interface Matched {
  readonly route: Route;
  readonly params: readonly string[];
}

/** The route for a request, or the error a real service would answer for an unknown one. */
export function matchRoute(kind: HostKind, method: string, path: string, query: Query): Matched | ApiError {
  if (kind === 'none') {
    return new ApiError(
      'InvalidHost',
      'The Host is not a COS or CI host: use <bucket>.cos|ci|pic.<region>.myqcloud.com or ci.<region>.myqcloud.com (or /_emulator/ for the control API).',
    );
  }
  if (kind === 'cos') {
    const sub = COS_SUBRESOURCES.find((s) => query.has(s));
    if (sub !== undefined) return new ApiError('NotImplemented', `The ?${sub} sub-resource is not emulated.`, 501);
  }
  let pathMatched = false;
  for (const route of ROUTES) {
    if (route.kind !== kind) continue;
    const m = route.path.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    if (route.flag !== undefined && !query.has(route.flag)) continue;
    return { route, params: m.slice(1) };
  }
  if (kind === 'cos' && pathMatched) return new ApiError('MethodNotAllowed', `The method ${method} is not allowed here.`, 405);
  return new ApiError(isCiHost(kind) ? 'InvalidUrl' : 'InvalidURI', `${method} ${path} is not an operation of this host.`, isCiHost(kind) ? 404 : 400);
}
