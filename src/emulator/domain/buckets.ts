/** COS buckets: create, find, delete (ci-api.md §10). */
import { validateBucketName } from '../../model';
import { ApiError } from '../errors';
import type { BucketRecord, Store } from '../state';
import { problemsMessage } from '../validation';

export function createBucket(store: Store, name: string, region: string, now: number): BucketRecord {
  const problems = validateBucketName(name, 'Bucket', region);
  if (problems.length > 0) throw new ApiError('InvalidBucketName', problemsMessage(problems), 400, name);
  const existing = store.get('buckets', name);
  if (existing) {
    // Bucket names are unique within an account across regions (ci-api.md §1.3); every bucket here is "yours".
    throw new ApiError(
      'BucketAlreadyOwnedByYou',
      `The bucket ${name} already exists in ${existing.region} and is owned by you.`,
      409,
      name,
    );
  }
  const record: BucketRecord = { name, region, createdAt: now, ciBound: false };
  store.put('buckets', name, record);
  return record;
}

/** The bucket addressed by a COS host; `NoSuchBucket` when it does not exist in that region. */
export function requireBucket(store: Store, name: string, region: string): BucketRecord {
  const bucket = store.get('buckets', name);
  if (!bucket || bucket.region !== region) {
    throw new ApiError('NoSuchBucket', `The specified bucket does not exist: ${name} in ${region}.`, 404, name);
  }
  return bucket;
}

/** Deletes an empty bucket and everything media processing kept for it. */
export function deleteBucket(store: Store, name: string, region: string): void {
  requireBucket(store, name, region);
  if (store.objectsOf(name).length > 0) {
    throw new ApiError('BucketNotEmpty', `The bucket ${name} you tried to delete is not empty.`, 409, name);
  }
  for (const q of store.all('queues')) if (q.bucket === name) store.remove('queues', q.queueId);
  for (const t of store.all('templates')) if (t.bucket === name) store.remove('templates', t.templateId);
  for (const j of store.all('jobs')) if (j.bucket === name) store.remove('jobs', j.jobId);
  store.remove('mediaBuckets', name);
  store.remove('buckets', name);
}
