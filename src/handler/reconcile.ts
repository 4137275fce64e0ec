/**
 * Reconciliation: after a `POST /jobs` whose outcome is unknown (or a run that died after writing its
 * intent), look for the job that POST may have created before sending anything again. A job matches when it
 * was created since shortly before the POST was sent, has the same input object, and its echoed operation
 * (output, templates, enhancement, watermarks, user data, level) equals the request's.
 */
import { TencentApiError, type CosMediaClient } from '../client';
import { canonicalize, type JobDetail, type XmlObject } from '../model';

/** How far before the recorded send time a match may have been created (clock skew between us and the service). */
export const RECONCILE_MARGIN_MS = 15 * 60_000;
const MAX_PAGES = 20;

const COMPARED = ['TemplateId', 'TranscodeTemplateId', 'VideoEnhance', 'WatermarkTemplateId', 'Watermark', 'DigitalWatermark', 'Output', 'UserData', 'JobLevel'];

/** The part of an operation that identifies a job, canonical; response-only fields left out. */
export function operationFingerprint(operation: Readonly<Record<string, unknown>> | undefined): string {
  const picked: Record<string, unknown> = {};
  for (const name of COMPARED) {
    const value = operation?.[name];
    if (value === undefined) continue;
    if (name === 'DigitalWatermark' && typeof value === 'object' && value !== null) {
      const { State: _state, ...rest } = value as Record<string, unknown>;
      picked[name] = rest;
    } else {
      picked[name] = value;
    }
  }
  return JSON.stringify(canonicalize(picked as XmlObject));
}

export interface ReconcileQuery {
  readonly client: CosMediaClient;
  readonly bucket: string;
  /** The request as sent: with `Input.Object` and resolved template ids. */
  readonly request: XmlObject;
  /**
   * Other forms the POST may have had (a run of an earlier version sent the output key with its per-input
   * wildcards unexpanded); a job matching any of them is the one looked for.
   */
  readonly alsoRequests?: readonly XmlObject[];
  readonly sentAt: Date;
  /** Jobs never to match (earlier attempts). */
  readonly exclude: readonly string[];
}

/**
 * The newest matching job, or `undefined` when the POST created nothing.
 *
 * Jobs are listed without `queueId`: it is optional for `GET /jobs` per the current sources (ci-api.md §8.4,
 * §14 row 2), and a job submitted without `QueueId` may land in any queue of the bucket, which a listing of
 * the default queue would miss (and the POST would be sent again: a paid duplicate). Should a service refuse
 * the listing without `queueId` (`InvalidArgument`, the older page's reading), every queue of the bucket is
 * listed in turn instead.
 */
export async function findSubmittedJob(q: ReconcileQuery): Promise<JobDetail | undefined> {
  let matches: JobDetail[];
  try {
    matches = await matchingJobs(q, undefined);
  } catch (err) {
    if (!(err instanceof TencentApiError) || err.code !== 'InvalidArgument') throw err;
    matches = [];
    for (const queueId of await allQueueIds(q.client, q.bucket)) matches.push(...(await matchingJobs(q, queueId)));
  }
  matches.sort((a, b) => (a.CreationTime < b.CreationTime ? 1 : a.CreationTime > b.CreationTime ? -1 : 0));
  return matches[0];
}

async function matchingJobs(q: ReconcileQuery, queueId: string | undefined): Promise<JobDetail[]> {
  const input = (q.request.Input as XmlObject | undefined)?.Object as string;
  const wanted = new Set([q.request, ...(q.alsoRequests ?? [])].map((r) => operationFingerprint(r.Operation as Record<string, unknown>)));
  let nextToken: string | undefined;
  const matches: JobDetail[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await q.client.listJobs({
      bucket: q.bucket,
      tag: 'VideoEnhance',
      ...(queueId !== undefined ? { queueId } : {}),
      inputObject: input,
      startCreationTime: new Date(q.sentAt.getTime() - RECONCILE_MARGIN_MS),
      orderByTime: 'Desc',
      size: 100,
      ...(nextToken !== undefined ? { nextToken } : {}),
    });
    for (const job of result.jobs) {
      if (job.Input?.Object !== input || q.exclude.includes(job.JobId)) continue;
      if (wanted.has(operationFingerprint(job.Operation as unknown as Record<string, unknown>))) matches.push(job);
    }
    nextToken = result.nextToken;
    if (nextToken === undefined || result.jobs.length === 0) break;
  }
  return matches;
}

/** Every media queue of the bucket, of every category. */
async function allQueueIds(client: CosMediaClient, bucket: string): Promise<string[]> {
  const ids: string[] = [];
  for (let pageNumber = 1; pageNumber <= MAX_PAGES; pageNumber++) {
    const page = await client.describeQueues({ bucket, category: 'CateAll', pageNumber, pageSize: 100 });
    ids.push(...page.queues.map((queue) => queue.QueueId));
    if (page.queues.length < 100) break;
  }
  return ids;
}
