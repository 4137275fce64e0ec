/**
 * Cloud Infinite on a bucket: binding (pic host, ci-api.md §5.1), media processing (`/mediabucket`, §5.2–5.4)
 * and the bucket's media queues (§6).
 */
import { ApiError } from '../errors';
import { newQueueId } from '../ids';
import type { MediaBucketRecord, QueueRecord, Store } from '../state';
import { requireBucket } from './buckets';

export interface MediaDefaults {
  /** `MaxConcurrent` of a new default queue (the samples show 10; ci-api.md §6.1). */
  readonly queueMaxConcurrent: number;
  /** `MaxSize` of a new default queue (the samples show 10000). */
  readonly queueMaxSize: number;
}

/** The bucket behind a CI or pic host. Unknown buckets answer `ResourceNotFound` (what CI says is unconfirmed). */
export function requireCiBucket(store: Store, bucket: string, region: string): void {
  try {
    requireBucket(store, bucket, region);
  } catch {
    throw new ApiError('ResourceNotFound', `The bucket ${bucket} does not exist in ${region}.`);
  }
}

/**
 * `PUT /` on the pic host. Binding twice succeeds (ci-api.md does not say what a second bind answers; an
 * idempotent bind lets a re-run pipeline pass).
 */
export function bindCi(store: Store, bucket: string, region: string): void {
  requireCiBucket(store, bucket, region);
  const record = store.get('buckets', bucket);
  if (record && !record.ciBound) store.put('buckets', bucket, { ...record, ciBound: true });
}

export function unbindCi(store: Store, bucket: string, region: string): void {
  requireCiBucket(store, bucket, region);
  const record = store.get('buckets', bucket);
  if (record?.ciBound) store.put('buckets', bucket, { ...record, ciBound: false });
}

export function ciStatus(store: Store, bucket: string, region: string): 'on' | 'off' {
  requireCiBucket(store, bucket, region);
  return store.get('buckets', bucket)?.ciBound ? 'on' : 'off';
}

/**
 * `POST /mediabucket`: enables media processing and gives the bucket its default queue. Decision: the bucket
 * is bound to Cloud Infinite on the way (the console does both in one step; requiring a separate bind call
 * is not confirmed by ci-api.md §5).
 */
export function enableMediaProcessing(
  store: Store,
  bucket: string,
  region: string,
  now: number,
  defaults: MediaDefaults,
): MediaBucketRecord {
  requireCiBucket(store, bucket, region);
  if (store.get('mediaBuckets', bucket)) {
    throw new ApiError('MediaBucketAlreadyBinded', `Media processing is already enabled for ${bucket}.`, 403);
  }
  bindCi(store, bucket, region);
  const record: MediaBucketRecord = { bucket, region, createdAt: now };
  store.put('mediaBuckets', bucket, record);
  if (!store.all('queues').some((q) => q.bucket === bucket)) {
    const queueId = newQueueId();
    store.put('queues', queueId, newQueue(queueId, bucket, `queue-${bucket}`, now, defaults));
  }
  return record;
}

/** `DELETE /mediabucket`: objects, templates and queues are kept (ci-api.md §5.3). */
export function disableMediaProcessing(store: Store, bucket: string, region: string): void {
  requireMediaBucket(store, bucket, region);
  store.remove('mediaBuckets', bucket);
}

/** Every bucket-level CI call needs media processing (`MediaBucketUnBinded`, ci-api.md §4.2). */
export function requireMediaBucket(store: Store, bucket: string, region: string): MediaBucketRecord {
  requireCiBucket(store, bucket, region);
  const record = store.get('mediaBuckets', bucket);
  if (!record) throw new ApiError('MediaBucketUnBinded', `Media processing is not enabled for ${bucket}.`);
  return record;
}

export interface PageQuery {
  readonly pageNumber: number;
  readonly pageSize: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly totalCount: number;
}

export function page<T>(all: readonly T[], q: PageQuery): Page<T> {
  const start = (q.pageNumber - 1) * q.pageSize;
  return { items: all.slice(start, start + q.pageSize), totalCount: all.length };
}

export interface MediaBucketQuery extends PageQuery {
  readonly regions?: readonly string[];
  readonly bucketNames?: readonly string[];
  /** Prefix of the bucket name. */
  readonly bucketName?: string;
}

export function describeMediaBuckets(store: Store, q: MediaBucketQuery): Page<MediaBucketRecord> {
  const all = store
    .all('mediaBuckets')
    .filter((b) => !q.regions || q.regions.includes(b.region))
    .filter((b) => !q.bucketNames || q.bucketNames.includes(b.bucket))
    .filter((b) => q.bucketName === undefined || b.bucket.startsWith(q.bucketName))
    .sort((a, b) => a.createdAt - b.createdAt || (a.bucket < b.bucket ? -1 : 1));
  return page(all, q);
}

export interface QueueQuery extends PageQuery {
  readonly queueIds?: readonly string[];
  readonly state?: string;
  readonly category?: string;
}

export function describeQueues(
  store: Store,
  bucket: string,
  q: QueueQuery,
): Page<QueueRecord> & { readonly nonExistIds: readonly string[] } {
  const own = store.all('queues').filter((r) => r.bucket === bucket);
  const nonExistIds = (q.queueIds ?? []).filter((id) => !own.some((r) => r.queueId === id));
  const category = q.category ?? 'Transcoding';
  const all = own
    .filter((r) => !q.queueIds || q.queueIds.includes(r.queueId))
    .filter((r) => q.state === undefined || r.state === q.state)
    .filter((r) => category === 'CateAll' || r.category === category)
    .sort((a, b) => a.createdAt - b.createdAt);
  return { ...page(all, q), nonExistIds };
}

export function requireQueue(store: Store, bucket: string, queueId: string): QueueRecord {
  const queue = store.get('queues', queueId);
  if (!queue || queue.bucket !== bucket) throw new ApiError('QueueNotFound', `The queue ${queueId} does not exist in ${bucket}.`);
  return queue;
}

/**
 * The queue a job without `QueueId` goes to: one marked to take such jobs (the control API can add one, to
 * stand for a service that places jobs in a non-default queue), else the bucket's first (default) queue.
 */
export function defaultQueue(store: Store, bucket: string): QueueRecord {
  const own = store
    .all('queues')
    .filter((q) => q.bucket === bucket)
    .sort((a, b) => a.createdAt - b.createdAt);
  const queue = own.find((q) => q.takesJobsWithoutQueueId) ?? own[0];
  if (!queue) throw new ApiError('QueueNotFound', `The bucket ${bucket} has no media queue.`);
  return queue;
}

/**
 * Adds a media queue to a bucket with media processing (there is no documented create-queue API, ci-api.md
 * §6.2: for the control API only). With `takesJobsWithoutQueueId`, jobs submitted without `QueueId` go there.
 */
export function addQueue(
  store: Store,
  bucket: string,
  options: { readonly name?: string; readonly takesJobsWithoutQueueId?: boolean },
  now: number,
  defaults: MediaDefaults,
): QueueRecord {
  const media = store.get('mediaBuckets', bucket);
  if (!media) throw new ApiError('MediaBucketUnBinded', `Media processing is not enabled for ${bucket}.`);
  if (options.takesJobsWithoutQueueId) {
    for (const q of store.all('queues')) {
      if (q.bucket === bucket && q.takesJobsWithoutQueueId) store.put('queues', q.queueId, { ...q, takesJobsWithoutQueueId: false });
    }
  }
  const queueId = newQueueId();
  const record: QueueRecord = {
    ...newQueue(queueId, bucket, options.name ?? `queue-${queueId.slice(1, 9)}`, now, defaults),
    ...(options.takesJobsWithoutQueueId ? { takesJobsWithoutQueueId: true } : {}),
  };
  store.put('queues', queueId, record);
  return record;
}

export type QueueUpdate = Pick<QueueRecord, 'name' | 'state' | 'notifyConfig'>;

/**
 * `PUT /queue/<id>`. Pausing turns waiting jobs into `Pause`; activating turns them back into `Submitted`
 * (running jobs continue either way; ci-api.md §6.1, §8.5).
 */
export function updateQueue(store: Store, bucket: string, queueId: string, update: QueueUpdate, now: number): QueueRecord {
  const queue = requireQueue(store, bucket, queueId);
  const next: QueueRecord = { ...queue, ...update, updatedAt: now };
  store.put('queues', queueId, next);
  if (queue.state !== next.state) {
    const [from, to] = next.state === 'Paused' ? (['Submitted', 'Pause'] as const) : (['Pause', 'Submitted'] as const);
    for (const job of store.all('jobs')) {
      if (job.queueId === queueId && job.state === from) store.put('jobs', job.jobId, { ...job, state: to });
    }
  }
  return next;
}

/** A new, active queue with the emulator's default limits. */
function newQueue(queueId: string, bucket: string, name: string, now: number, defaults: MediaDefaults): QueueRecord {
  return {
    queueId,
    bucket,
    name,
    state: 'Active',
    notifyConfig: { State: 'Off' },
    maxSize: defaults.queueMaxSize,
    maxConcurrent: defaults.queueMaxConcurrent,
    category: 'Transcoding',
    createdAt: now,
    updatedAt: now,
  };
}
