/**
 * Reconciliation: after a `POST /jobs` whose outcome is unknown (or a run that died after writing its
 * intent), look for the job that POST may have created before sending anything again. A job matches when it
 * was created since shortly before the POST was sent, has the same input object, and its echoed operation
 * (output, templates, enhancement, watermarks, user data, level) equals the request's.
 */
import type { CosMediaClient } from '../client';
import { canonicalize, type JobDetail, type XmlObject } from '../model';

/** How far before the recorded send time a match may have been created (clock skew between us and the service). */
export const RECONCILE_MARGIN_MS = 15 * 60_000;
const MAX_PAGES = 20;

const COMPARED = ['TemplateId', 'VideoEnhance', 'WatermarkTemplateId', 'Watermark', 'DigitalWatermark', 'Output', 'UserData', 'JobLevel'];

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
  readonly queueId: string | undefined;
  /** The request as sent: with `Input.Object` and resolved template ids. */
  readonly request: XmlObject;
  readonly sentAt: Date;
  /** Jobs never to match (earlier attempts). */
  readonly exclude: readonly string[];
}

/** The newest matching job, or `undefined` when the POST created nothing. */
export async function findSubmittedJob(q: ReconcileQuery): Promise<JobDetail | undefined> {
  const input = (q.request.Input as XmlObject | undefined)?.Object as string;
  const wanted = operationFingerprint(q.request.Operation as Record<string, unknown>);
  let nextToken: string | undefined;
  const matches: JobDetail[] = [];
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await q.client.listJobs({
      bucket: q.bucket,
      tag: 'VideoEnhance',
      ...(q.queueId !== undefined ? { queueId: q.queueId } : {}),
      inputObject: input,
      startCreationTime: new Date(q.sentAt.getTime() - RECONCILE_MARGIN_MS),
      orderByTime: 'Desc',
      size: 100,
      ...(nextToken !== undefined ? { nextToken } : {}),
    });
    for (const job of result.jobs) {
      if (job.Input?.Object !== input || q.exclude.includes(job.JobId)) continue;
      if (operationFingerprint(job.Operation as unknown as Record<string, unknown>) === wanted) matches.push(job);
    }
    nextToken = result.nextToken;
    if (nextToken === undefined || result.jobs.length === 0) break;
  }
  matches.sort((a, b) => (a.CreationTime < b.CreationTime ? 1 : a.CreationTime > b.CreationTime ? -1 : 0));
  return matches[0];
}
