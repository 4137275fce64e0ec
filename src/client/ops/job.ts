/** Media jobs on `<bucket>.ci.<region>.myqcloud.com` (ci-api.md §8). */
import type { VideoEnhanceJobRequest } from '../../model/job';
import type { Problem } from '../../model/problems';
import type { JobDetail, JobState } from '../../model/responses';
import type { XmlObject } from '../../model/xml';
import { UnexpectedResponseError } from '../errors';
import type { Exchange, RequestPipeline } from '../pipeline';
import { asWire, objectsOf, textOf, textsOf } from '../read';
import { jobRequestToXml } from '../request-xml';
import { bucketProblems, check, idProblems, listParam, numberParam, positiveIntProblems, requestIdOf } from './common';

export interface SubmitJobInput {
  readonly bucket: string;
  readonly job: VideoEnhanceJobRequest;
}

export interface DescribeJobsInput {
  readonly bucket: string;
  /** One or more job ids. */
  readonly jobIds: readonly string[];
}

export interface DescribeJobsOutput {
  readonly jobs: readonly JobDetail[];
  /** Ids asked for that do not exist (`NonExistJobIds`). */
  readonly nonExistJobIds: readonly string[];
}

export interface ListJobsInput {
  readonly bucket: string;
  /** The job tag, e.g. `VideoEnhance` (documented as required). */
  readonly tag: string;
  /** Documented as required; left out, the service decides (U: VideoEnhance jobs may use the default queue). */
  readonly queueId?: string;
  readonly workflowId?: string;
  /** Sent as a comma list. @default - the service default, `All` */
  readonly states?: readonly (JobState | 'All')[];
  /** A `Date`, or text in the service's format `2001-01-01T00:00:00+0800`. */
  readonly startCreationTime?: Date | string;
  readonly endCreationTime?: Date | string;
  /** Exact input object key. */
  readonly inputObject?: string;
  /** @default - the service default, `Desc` */
  readonly orderByTime?: 'Desc' | 'Asc';
  readonly nextToken?: string;
  /** [1, 100]. @default - the service default, 10 */
  readonly size?: number;
}

export interface ListJobsOutput {
  readonly jobs: readonly JobDetail[];
  /** The token of the next page; `undefined` when there is none. */
  readonly nextToken: string | undefined;
}

export interface JobIdInput {
  readonly bucket: string;
  readonly jobId: string;
}

const JOB_REQUIRED = ['JobId', 'State'] as const;

function readJobs(value: XmlObject, exchange: Exchange): JobDetail[] {
  return objectsOf(value, 'JobsDetail').map((j) => asWire<JobDetail>(j, JOB_REQUIRED, 'JobsDetail', exchange));
}

/**
 * The service's time format `YYYY-MM-DDTHH:MM:SS+0800`. Dates are written in UTC+8, the offset of every
 * timestamp in the docs (ci-api.md §3.3, §8.4), rather than guessing that other offsets are accepted.
 */
export function formatCiTime(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+0800`;
}

function timeParam(value: Date | string | undefined): string | undefined {
  return value instanceof Date ? formatCiTime(value) : value;
}

/**
 * `POST /jobs`. A create: never re-sent. A 4xx is a `TencentApiError` (nothing was submitted); a timeout,
 * reset, 5xx or unreadable answer is an `UnknownOutcomeError` (a paid job may exist: look for it first).
 */
export async function submitJob(p: RequestPipeline, input: SubmitJobInput): Promise<JobDetail> {
  check('CreateMediaJobs', bucketProblems(input.bucket));
  return p.sendXml(
    {
      operation: 'CreateMediaJobs',
      kind: 'ci',
      bucket: input.bucket,
      method: 'POST',
      pathname: '/jobs',
      body: { kind: 'xml', xml: jobRequestToXml(input.job) },
      create: true,
    },
    'Response',
    (value, exchange) => {
      const jobs = readJobs(value, exchange);
      if (jobs.length !== 1) {
        throw new UnexpectedResponseError(exchange.identity, exchange.response.statusCode, `expected one <JobsDetail>, got ${jobs.length}`);
      }
      return jobs[0] as JobDetail;
    },
  );
}

/** `GET /jobs/<id1>,<id2>,…`. */
export async function describeJobs(p: RequestPipeline, input: DescribeJobsInput): Promise<DescribeJobsOutput> {
  const problems: Problem[] = [...bucketProblems(input.bucket)];
  if (!Array.isArray(input.jobIds) || input.jobIds.length === 0) {
    problems.push({ path: 'jobIds', rule: 'must list at least one job id', value: input.jobIds });
  } else {
    problems.push(...input.jobIds.flatMap((id, i) => idProblems(id, `jobIds.${i}`)));
  }
  check('DescribeMediaJob', problems);
  return p.sendXml(
    {
      operation: 'DescribeMediaJob',
      kind: 'ci',
      bucket: input.bucket,
      method: 'GET',
      pathname: `/jobs/${input.jobIds.join(',')}`,
      pathKeeps: ',',
    },
    'Response',
    (value, exchange) => ({ jobs: readJobs(value, exchange), nonExistJobIds: textsOf(value['NonExistJobIds']) }),
  );
}

/** `GET /jobs?…`: one page of jobs. */
export async function listJobs(p: RequestPipeline, input: ListJobsInput): Promise<ListJobsOutput> {
  const problems: Problem[] = [...bucketProblems(input.bucket), ...positiveIntProblems(input.size, 'size', 100)];
  if (typeof input.tag !== 'string' || input.tag === '') problems.push({ path: 'tag', rule: 'must be a job tag such as `VideoEnhance`', value: input.tag });
  if (input.queueId !== undefined) problems.push(...idProblems(input.queueId, 'queueId'));
  for (const key of ['startCreationTime', 'endCreationTime'] as const) {
    const v = input[key];
    if (v instanceof Date && Number.isNaN(v.getTime())) problems.push({ path: key, rule: 'must be a valid date', value: String(v) });
  }
  check('DescribeMediaJobs', problems);
  return p.sendXml(
    {
      operation: 'DescribeMediaJobs',
      kind: 'ci',
      bucket: input.bucket,
      method: 'GET',
      pathname: '/jobs',
      query: {
        queueId: input.queueId,
        tag: input.tag,
        workflowId: input.workflowId,
        states: listParam(input.states),
        startCreationTime: timeParam(input.startCreationTime),
        endCreationTime: timeParam(input.endCreationTime),
        inputObject: input.inputObject,
        orderByTime: input.orderByTime,
        nextToken: input.nextToken,
        size: numberParam(input.size),
      },
    },
    'Response',
    (value, exchange) => ({ jobs: readJobs(value, exchange), nextToken: textOf(value, 'NextToken') || undefined }),
  );
}

/** `PUT /jobs/<id>?cancel`, no body. Only jobs that have not started can be cancelled. */
export async function cancelJob(p: RequestPipeline, input: JobIdInput): Promise<{ requestId: string | undefined }> {
  check('CancelMediaJob', [...bucketProblems(input.bucket), ...idProblems(input.jobId, 'jobId')]);
  const { response } = await p.send({
    operation: 'CancelMediaJob',
    kind: 'ci',
    bucket: input.bucket,
    method: 'PUT',
    pathname: `/jobs/${input.jobId}`,
    query: { cancel: '' },
  });
  return { requestId: requestIdOf(response.headers) };
}
