/** Jobs: `POST /jobs`, `GET /jobs/<ids>`, `GET /jobs?…`, `PUT /jobs/<id>?cancel` (ci-api.md §8). */
import type { XmlObject } from '../../model';
import { cancelJob, describeJobs, listJobs, submitJob } from '../domain/jobs';
import { ApiError } from '../errors';
import type { JobState } from '../state';
import { parseCiTime } from '../time';
import { jobDetail } from '../views';
import { empty, enumParam, intParam, listParam, requestBody, xml, type ApiRequest, type Handler } from './context';

export const submitJobHandler: Handler = (req, core) => {
  const body = requestBody(req);
  const job = submitJob(core.store, req.bucket, req.region, body, core.clock.now(), core.settings.jobDurationMs);
  return xml('Response', { JobsDetail: [jobDetail(job, core.clock.now())] });
};

/** `GET /jobs/<id>` or `GET /jobs/<id1>,<id2>,…` (as the GO-SDK sends); unknown ids go to `NonExistJobIds`. */
export const describeJobHandler: Handler = (req, core) => {
  const ids = (req.params[0] as string).split(',').filter((id) => id !== '');
  const { jobs, missing } = describeJobs(core.store, req.bucket, req.region, ids);
  const now = core.clock.now();
  const body: XmlObject = { JobsDetail: jobs.map((j) => jobDetail(j, now)) };
  if (missing.length > 0) body.NonExistJobIds = missing;
  return xml('Response', body);
};

const STATES: readonly JobState[] = ['Submitted', 'Running', 'Success', 'Failed', 'Pause', 'Cancel'];

function timeParam(req: ApiRequest, name: string): number | undefined {
  const raw = req.query.get(name);
  if (raw === undefined || raw === '') return undefined;
  const ms = parseCiTime(raw);
  if (ms === undefined) {
    throw new ApiError('InvalidArgument', `${name} must look like 2001-01-01T00:00:00+0800, got ${JSON.stringify(raw)}`);
  }
  return ms;
}

/**
 * `GET /jobs?queueId=&tag=&states=&startCreationTime=&endCreationTime=&inputObject=&orderByTime=&nextToken=&size=`.
 * `tag` is required. `queueId` is optional (ci-api.md §8.4, second audit: the current PHP-SDK table, the
 * Python SDK and the Go SDK example); without it, the jobs of every queue of the bucket are listed.
 */
export const listJobsHandler: Handler = (req, core) => {
  const queueId = req.query.get('queueId') || undefined;
  const tag = req.query.get('tag');
  if (!tag) throw new ApiError('InvalidArgument', 'tag is required');
  const states = listParam(req, 'states');
  if (states?.some((s) => s !== 'All' && !STATES.includes(s as JobState))) {
    throw new ApiError('InvalidArgument', `states must be a comma list of All, ${STATES.join(', ')}, got ${JSON.stringify(states.join(','))}`);
  }
  const token = req.query.get('nextToken');
  if (token !== undefined && token !== '' && !/^\d+$/.test(token)) {
    throw new ApiError('InvalidArgument', `nextToken must be a token returned as NextToken, got ${JSON.stringify(token)}`);
  }
  const result = listJobs(core.store, req.bucket, req.region, {
    ...(queueId !== undefined ? { queueId } : {}),
    tag,
    states: !states || states.includes('All') ? undefined : (states as JobState[]),
    startCreationTime: timeParam(req, 'startCreationTime'),
    endCreationTime: timeParam(req, 'endCreationTime'),
    inputObject: req.query.get('inputObject') || undefined,
    orderByTime: enumParam(req, 'orderByTime', ['Desc', 'Asc'] as const, 'Desc'),
    nextToken: token ? Number(token) : undefined,
    size: intParam(req, 'size', 10, 1, 100),
  });
  const now = core.clock.now();
  const body: XmlObject = { JobsDetail: result.jobs.map((j) => jobDetail(j, now)) };
  if (result.nextToken !== undefined) body.NextToken = result.nextToken;
  return xml('Response', body);
};

/** `PUT /jobs/<id>?cancel`: 200 with an empty body. */
export const cancelJobHandler: Handler = (req, core) => {
  cancelJob(core.store, req.bucket, req.region, req.params[0] as string);
  return empty(200);
};
