/** VideoEnhance jobs: submit, describe, list, cancel (ci-api.md §8). Running them is the scheduler's part. */
import { validateVideoEnhanceJobRequest, type XmlObject } from '../../model';
import { ApiError } from '../errors';
import { newJobId } from '../ids';
import { objectId, type JobRecord, type JobState, type Store } from '../state';
import { rejectProblems } from '../validation';
import { requireBucket } from './buckets';
import { defaultQueue, requireMediaBucket, requireQueue } from './media';
import { requireTemplate } from './templates';

/** Job tags of the real service; only `VideoEnhance` is emulated, the others answer `NotImplemented`. */
const OTHER_JOB_TAGS = [
  'Transcode', 'Animation', 'Snapshot', 'SmartCover', 'Concat', 'VoiceSeparate', 'VideoMontage', 'SDRtoHDR',
  'VideoProcess', 'SuperResolution', 'Segment', 'DigitalWatermark', 'ExtractDigitalWatermark', 'VideoTag',
  'MediaInfo', 'StreamExtract', 'QualityEstimate', 'Tts', 'NoiseReduction',
];

/** A job still holds a place in its queue. */
export const isPending = (state: JobState): boolean => state === 'Submitted' || state === 'Pause' || state === 'Running';

export function submitJob(
  store: Store,
  bucket: string,
  region: string,
  request: XmlObject,
  now: number,
  durationMs: number,
): JobRecord {
  if (typeof request.Tag === 'string' && OTHER_JOB_TAGS.includes(request.Tag)) {
    throw new ApiError('NotImplemented', `The emulator only runs VideoEnhance jobs, not ${request.Tag}.`);
  }
  const operation = (typeof request.Operation === 'object' && !Array.isArray(request.Operation) ? request.Operation : undefined) as
    | XmlObject
    | undefined;
  // The submit page says TemplateId wins over inline VideoEnhance parameters when both are given (2026 seed
  // page, "Note"); the model asks specs for exactly one, so the emulator validates what the service would use.
  const validated =
    operation?.TemplateId !== undefined && operation.VideoEnhance !== undefined
      ? { ...request, Operation: { ...operation, VideoEnhance: undefined } }
      : request;
  rejectProblems(validateVideoEnhanceJobRequest(validated));
  const op = operation as XmlObject;

  requireMediaBucket(store, bucket, region);
  const queue = typeof request.QueueId === 'string' ? requireQueue(store, bucket, request.QueueId) : defaultQueue(store, bucket);
  const input = (request.Input as XmlObject).Object as string;
  if (!store.get('objects', objectId(bucket, input))) {
    throw new ApiError('ResourceNotFound', `Input.Object ${JSON.stringify(input)} does not exist in ${bucket}.`);
  }

  const echo: XmlObject = { ...op };
  let templateParams: XmlObject | undefined;
  if (typeof op.TemplateId === 'string') {
    const template = requireTemplate(store, bucket, op.TemplateId);
    if (template.tag !== 'VideoEnhance') {
      throw new ApiError('InvalidArgument', `Operation.TemplateId ${op.TemplateId} is a ${template.tag} template, not VideoEnhance`);
    }
    echo.TemplateName = template.name;
    templateParams = template.body;
  }
  const watermarkIds = (op.WatermarkTemplateId ?? []) as string[];
  watermarkIds.forEach((id, i) => {
    const template = requireTemplate(store, bucket, id);
    if (template.tag !== 'Watermark') {
      throw new ApiError('InvalidArgument', `Operation.WatermarkTemplateId.${i} ${id} is a ${template.tag} template, not Watermark`);
    }
  });
  const output = op.Output as XmlObject;
  // Decision: the output bucket is checked at submission (clearer for users than a job failing later).
  try {
    requireBucket(store, output.Bucket as string, output.Region as string);
  } catch {
    throw new ApiError(
      'InvalidArgument',
      `Operation.Output.Bucket ${JSON.stringify(output.Bucket)} does not exist in Operation.Output.Region ${JSON.stringify(output.Region)}`,
    );
  }

  let waiting = 0;
  for (const j of store.pendingJobs()) if (j.queueId === queue.queueId) waiting += 1;
  if (waiting >= queue.maxSize) {
    throw new ApiError('QueueSaturated', `The queue ${queue.queueId} already holds ${queue.maxSize} jobs.`, 403);
  }

  const callBack = typeof request.CallBack === 'string' ? request.CallBack : undefined;
  const job: JobRecord = {
    jobId: newJobId(),
    seq: store.nextCounter('jobSeq'),
    bucket,
    region,
    tag: 'VideoEnhance',
    // A job sent to a paused queue waits in Pause (ci-api.md §8.5, inferred; `QueuePaused` is not answered).
    state: queue.state === 'Paused' ? 'Pause' : 'Submitted',
    code: 'Success',
    message: '',
    queueId: queue.queueId,
    inputObject: input,
    operation: echo,
    ...(templateParams !== undefined ? { templateParams } : {}),
    jobLevel: Number(op.JobLevel ?? '0'),
    callback: {
      url: callBack === 'no' ? undefined : callBack,
      format: request.CallBackFormat === 'JSON' ? 'JSON' : 'XML',
      type: typeof request.CallBackType === 'string' ? request.CallBackType : 'Url',
      suppressed: callBack === 'no',
    },
    durationMs,
    createdAt: now,
  };
  store.put('jobs', job.jobId, job);
  return job;
}

/** `GET /jobs/<id>[,<id>…]`: the jobs found and the ids not found. */
export function describeJobs(store: Store, bucket: string, region: string, ids: readonly string[]): { jobs: JobRecord[]; missing: string[] } {
  requireMediaBucket(store, bucket, region);
  const jobs: JobRecord[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const job = store.get('jobs', id);
    if (job && job.bucket === bucket) jobs.push(job);
    else missing.push(id);
  }
  return { jobs, missing };
}

export interface JobQuery {
  /** `undefined` = every queue of the bucket. */
  readonly queueId?: string;
  readonly tag: string;
  /** `undefined` = all states. */
  readonly states?: readonly JobState[];
  readonly startCreationTime?: number;
  readonly endCreationTime?: number;
  readonly inputObject?: string;
  readonly orderByTime: 'Desc' | 'Asc';
  readonly nextToken?: number;
  readonly size: number;
}

/** `GET /jobs?…`. `NextToken` is the sequence number of the last job returned (its meaning is unconfirmed, ci-api.md §8.4). */
export function listJobs(store: Store, bucket: string, region: string, q: JobQuery): { jobs: JobRecord[]; nextToken?: string } {
  requireMediaBucket(store, bucket, region);
  if (q.queueId !== undefined) requireQueue(store, bucket, q.queueId);
  const desc = q.orderByTime === 'Desc';
  const matching = store
    .all('jobs')
    .filter((j) => j.bucket === bucket && (q.queueId === undefined || j.queueId === q.queueId) && j.tag === q.tag)
    .filter((j) => !q.states || q.states.includes(j.state))
    .filter((j) => q.startCreationTime === undefined || j.createdAt >= q.startCreationTime)
    .filter((j) => q.endCreationTime === undefined || j.createdAt <= q.endCreationTime)
    .filter((j) => q.inputObject === undefined || j.inputObject === q.inputObject)
    .filter((j) => q.nextToken === undefined || (desc ? j.seq < q.nextToken : j.seq > q.nextToken))
    .sort((a, b) => (desc ? b.seq - a.seq : a.seq - b.seq));
  const jobs = matching.slice(0, q.size);
  const more = matching.length > q.size;
  return { jobs, nextToken: more ? String(jobs[jobs.length - 1]?.seq) : undefined };
}

/**
 * `PUT /jobs/<id>?cancel`: only jobs that have not started (ci-api.md §8.5). Cancelling a cancelled job
 * succeeds again. The code for other states is unconfirmed; `InvalidArgument` names the state.
 */
export function cancelJob(store: Store, bucket: string, region: string, jobId: string): JobRecord {
  requireMediaBucket(store, bucket, region);
  const job = store.get('jobs', jobId);
  if (!job || job.bucket !== bucket) throw new ApiError('InvalidArgument', `The job ${jobId} does not exist in ${bucket}.`);
  if (job.state === 'Cancel') return job;
  if (job.state !== 'Submitted' && job.state !== 'Pause') {
    throw new ApiError('InvalidArgument', `The job ${jobId} is ${job.state}; only Submitted or Pause jobs can be cancelled.`);
  }
  const cancelled: JobRecord = { ...job, state: 'Cancel' };
  store.put('jobs', jobId, cancelled);
  return cancelled;
}
