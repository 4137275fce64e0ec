/**
 * `CosMediaClient`: one method per COS / CI operation the project uses. A thin facade over ops/*.ts, which
 * build requests for the pipeline (sign, send, retry, parse).
 */
import type { Dispatcher } from 'undici';
import type { Problem } from '../model/problems';
import { SpecValidationError } from '../model/problems';
import type { JobDetail, MediaQueue, TemplateDetail } from '../model/responses';
import { Credentials, credentialsFromEnv, type CredentialsInput } from './credentials';
import { endpointOverride, regionProblems } from './endpoints';
import type { RequestPacer } from './pacer';
import { RequestPipeline } from './pipeline';
import { retryPolicy, systemClock, type Clock, type RetryOptions } from './retry';
import { Transport, type Timeouts } from './transport';
import * as bucketOps from './ops/bucket';
import * as jobOps from './ops/job';
import * as mediaBucketOps from './ops/media-bucket';
import * as objectOps from './ops/object';
import * as queueOps from './ops/queue';
import * as templateOps from './ops/template';

export interface CosMediaClientOptions {
  /** e.g. `ap-guangzhou`. */
  readonly region: string;
  /** @default - from `TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`, `TENCENTCLOUD_SECURITY_TOKEN` */
  readonly credentials?: Credentials | CredentialsInput;
  /**
   * An origin that receives every request instead of the real host (the emulator, a private endpoint); the
   * `Host` header stays the real virtual host. @default - `COS_MEDIA_ENDPOINT`, else the real hosts over https
   */
  readonly endpoint?: string;
  /** @default - a keep-alive undici `Agent` owned by the client (see `close()`) */
  readonly dispatcher?: Dispatcher;
  readonly retry?: RetryOptions;
  /** Signing time and retry budget. @default - the system clock */
  readonly clock?: Clock;
  readonly timeouts?: Partial<Timeouts>;
  /** Where `credentials` and `endpoint` defaults are read. @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /**
   * A request-rate limiter: every attempt (retries included) waits for `acquire()`, and its ticket hears
   * whether the service throttled it (429 / `SlowDown`), so the limiter can learn the allowed rate.
   * @default - no pacing
   */
  readonly pacer?: RequestPacer;
}

export class CosMediaClient {
  readonly region: string;
  /** The origin every request goes to instead of the real host, if any. */
  readonly endpoint: string | undefined;
  readonly #pipeline: RequestPipeline;
  readonly #transport: Transport;

  constructor(options: CosMediaClientOptions) {
    const env = options.env ?? process.env;
    const problems: Problem[] = [...regionProblems(options.region)];
    const override = endpointOverride(options.endpoint, env);
    problems.push(...override.problems);
    if (problems.length > 0) throw new SpecValidationError(problems, 'CosMediaClient options');
    const retry = retryPolicy(options.retry);
    const credentials =
      options.credentials === undefined
        ? credentialsFromEnv(env)
        : options.credentials instanceof Credentials
          ? options.credentials
          : new Credentials(options.credentials);
    this.region = options.region;
    this.endpoint = override.origin;
    this.#transport = new Transport({
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      ...(options.timeouts ? { timeouts: options.timeouts } : {}),
    });
    this.#pipeline = new RequestPipeline({
      region: options.region,
      credentials,
      ...(override.origin !== undefined ? { endpoint: override.origin } : {}),
      transport: this.#transport,
      retry,
      clock: options.clock ?? systemClock,
      ...(options.pacer ? { pacer: options.pacer } : {}),
    });
  }

  /** The signing-clock correction learned from a clock-skew error, in ms (0 until then). */
  get clockOffsetMs(): number {
    return this.#pipeline.clockOffsetMs;
  }

  /** Closes the keep-alive connections of the client's own agent (an injected dispatcher is left open). */
  close(): Promise<void> {
    return this.#transport.close();
  }

  // Buckets (COS) -------------------------------------------------------------------------------------------

  putBucket(input: bucketOps.PutBucketInput): Promise<{ requestId: string | undefined }> {
    return bucketOps.putBucket(this.#pipeline, input);
  }

  headBucket(input: bucketOps.BucketInput): Promise<bucketOps.HeadBucketOutput> {
    return bucketOps.headBucket(this.#pipeline, input);
  }

  deleteBucket(input: bucketOps.BucketInput): Promise<{ requestId: string | undefined }> {
    return bucketOps.deleteBucket(this.#pipeline, input);
  }

  // Objects (COS) -------------------------------------------------------------------------------------------

  putObject(input: objectOps.PutObjectInput): Promise<{ etag: string | undefined; requestId: string | undefined }> {
    return objectOps.putObject(this.#pipeline, input);
  }

  getObject(input: objectOps.GetObjectInput): Promise<objectOps.GetObjectOutput> {
    return objectOps.getObject(this.#pipeline, input);
  }

  headObject(input: objectOps.ObjectInput): Promise<objectOps.ObjectInfo> {
    return objectOps.headObject(this.#pipeline, input);
  }

  deleteObject(input: objectOps.ObjectInput): Promise<{ requestId: string | undefined }> {
    return objectOps.deleteObject(this.#pipeline, input);
  }

  listObjects(input: objectOps.ListObjectsInput): Promise<objectOps.ListObjectsOutput> {
    return objectOps.listObjects(this.#pipeline, input);
  }

  // Media processing on a bucket (CI) -----------------------------------------------------------------------

  enableMediaProcessing(input: { readonly bucket: string }): Promise<mediaBucketOps.EnableMediaProcessingOutput> {
    return mediaBucketOps.enableMediaProcessing(this.#pipeline, input);
  }

  disableMediaProcessing(input: { readonly bucket: string }): Promise<{ requestId: string | undefined }> {
    return mediaBucketOps.disableMediaProcessing(this.#pipeline, input);
  }

  describeMediaBuckets(input: mediaBucketOps.DescribeMediaBucketsInput = {}): Promise<mediaBucketOps.DescribeMediaBucketsOutput> {
    return mediaBucketOps.describeMediaBuckets(this.#pipeline, input);
  }

  // Templates (CI) ------------------------------------------------------------------------------------------

  createTemplate(input: templateOps.CreateTemplateInput): Promise<TemplateDetail> {
    return templateOps.createTemplate(this.#pipeline, input);
  }

  updateTemplate(input: templateOps.UpdateTemplateInput): Promise<TemplateDetail> {
    return templateOps.updateTemplate(this.#pipeline, input);
  }

  describeTemplates(input: templateOps.DescribeTemplatesInput): Promise<templateOps.DescribeTemplatesOutput> {
    return templateOps.describeTemplates(this.#pipeline, input);
  }

  findTemplateByName(input: templateOps.FindTemplateByNameInput): Promise<TemplateDetail | undefined> {
    return templateOps.findTemplateByName(this.#pipeline, input);
  }

  deleteTemplate(input: templateOps.TemplateIdInput): Promise<{ templateId: string; requestId: string | undefined }> {
    return templateOps.deleteTemplate(this.#pipeline, input);
  }

  // Jobs (CI) -----------------------------------------------------------------------------------------------

  submitJob(input: jobOps.SubmitJobInput): Promise<JobDetail> {
    return jobOps.submitJob(this.#pipeline, input);
  }

  describeJobs(input: jobOps.DescribeJobsInput): Promise<jobOps.DescribeJobsOutput> {
    return jobOps.describeJobs(this.#pipeline, input);
  }

  listJobs(input: jobOps.ListJobsInput): Promise<jobOps.ListJobsOutput> {
    return jobOps.listJobs(this.#pipeline, input);
  }

  cancelJob(input: jobOps.JobIdInput): Promise<{ requestId: string | undefined }> {
    return jobOps.cancelJob(this.#pipeline, input);
  }

  // Queues (CI) ---------------------------------------------------------------------------------------------

  describeQueues(input: queueOps.DescribeQueuesInput): Promise<queueOps.DescribeQueuesOutput> {
    return queueOps.describeQueues(this.#pipeline, input);
  }

  updateQueue(input: queueOps.UpdateQueueInput): Promise<MediaQueue> {
    return queueOps.updateQueue(this.#pipeline, input);
  }
}
