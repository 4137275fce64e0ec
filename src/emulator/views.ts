/**
 * Response shapes built from records (ci-api.md §5.2–§8.3), children in documented order. Used by the
 * handlers and by job callbacks, which carry the same `JobsDetail`.
 */
import { JOB_OPERATION_ORDER, orderLike, type ElementOrder, type XmlObject } from '../model';
import type { JobRecord, MediaBucketRecord, QueueRecord, TemplateRecord } from './state';
import { formatCiTime } from './time';

/** `Operation` of a job detail: the request's order, `TemplateName` after `TemplateId`, results last. */
const OPERATION_VIEW_ORDER: ElementOrder = {
  TemplateId: true,
  TemplateName: true,
  ...JOB_OPERATION_ORDER,
  MediaInfo: true,
  MediaResult: true,
};

/** Progress in percent: 0 before running, time-proportional while running (at most 99), 100 once successful. */
export function progressOf(job: JobRecord, now: number): number {
  switch (job.state) {
    case 'Success':
      return 100;
    case 'Running': {
      const elapsed = now - (job.startedAt ?? now);
      return Math.min(99, Math.max(0, Math.floor((elapsed / Math.max(1, job.durationMs)) * 100)));
    }
    default:
      return 0;
  }
}

/** One `JobsDetail` (ci-api.md §8.3; the 2026 submit page's response sample). */
export function jobDetail(job: JobRecord, now: number): XmlObject {
  const operation: XmlObject = { ...job.operation };
  const digital = job.operation.DigitalWatermark;
  if (typeof digital === 'object' && !Array.isArray(digital)) {
    const state = job.state === 'Success' ? 'Success' : job.state === 'Failed' ? 'Failed' : 'Running';
    operation.DigitalWatermark = { State: state, ...digital };
  }
  if (job.mediaInfo) operation.MediaInfo = job.mediaInfo;
  if (job.mediaResult) operation.MediaResult = job.mediaResult;
  return {
    Code: job.code,
    Message: job.message,
    JobId: job.jobId,
    State: job.state,
    Progress: String(progressOf(job, now)),
    CreationTime: formatCiTime(job.createdAt),
    StartTime: job.startedAt === undefined ? '-' : formatCiTime(job.startedAt),
    EndTime: job.endedAt === undefined ? '-' : formatCiTime(job.endedAt),
    QueueId: job.queueId,
    Tag: job.tag,
    Input: { BucketId: job.bucket, Object: job.inputObject, Region: job.region },
    Operation: orderLike(operation, OPERATION_VIEW_ORDER),
  };
}

/** `Template` / `TemplateList` entry (ci-api.md §7.4 response sample order). */
export function templateView(t: TemplateRecord): XmlObject {
  return {
    TemplateId: t.templateId,
    Tag: t.tag,
    Name: t.name,
    BucketId: t.bucket,
    Category: 'Custom',
    [t.tag]: t.body,
    CreateTime: formatCiTime(t.createdAt),
    UpdateTime: formatCiTime(t.updatedAt),
  };
}

/** `Queue` / `QueueList` entry (ci-api.md §6.1). */
export function queueView(q: QueueRecord): XmlObject {
  const notify: XmlObject = {};
  for (const [k, v] of Object.entries(q.notifyConfig)) if (v !== undefined) notify[k] = v;
  return {
    QueueId: q.queueId,
    Name: q.name,
    State: q.state,
    NotifyConfig: orderLike(notify, { Url: true, Event: true, Type: true, State: true, ResultFormat: true }),
    MaxSize: String(q.maxSize),
    MaxConcurrent: String(q.maxConcurrent),
    UpdateTime: formatCiTime(q.updatedAt),
    CreateTime: formatCiTime(q.createdAt),
    Category: q.category,
  };
}

/** `MediaBucketList` entry (ci-api.md §5.4); `Name` equals `BucketId`. */
export function mediaBucketView(b: MediaBucketRecord): XmlObject {
  return { BucketId: b.bucket, Name: b.bucket, Region: b.region, CreateTime: formatCiTime(b.createdAt) };
}
