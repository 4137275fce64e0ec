/** Media queues on `<bucket>.ci.<region>.myqcloud.com` (ci-api.md §6). */
import type { Problem } from '../../model/problems';
import type { MediaQueue } from '../../model/responses';
import type { RequestPipeline } from '../pipeline';
import { asWire, childOf, intOf, objectsOf, textsOf } from '../read';
import { queueRequestToXml, type UpdateQueueRequest } from '../request-xml';
import { bucketProblems, check, idProblems, listParam, numberParam, positiveIntProblems } from './common';

export type { UpdateQueueRequest };

export interface DescribeQueuesInput {
  readonly bucket: string;
  readonly queueIds?: readonly string[];
  readonly state?: 'Active' | 'Paused';
  /** @default - the service default, `Transcoding` */
  readonly category?: 'CateAll' | 'Transcoding' | 'SpeedTranscoding';
  readonly pageNumber?: number;
  readonly pageSize?: number;
}

export interface DescribeQueuesOutput {
  readonly queues: readonly MediaQueue[];
  /** Ids asked for that do not exist (`NonExistPIDs`). */
  readonly nonExistQueueIds: readonly string[];
  /** Absent when `queueIds` was given (as in the doc sample). */
  readonly totalCount: number | undefined;
  readonly pageNumber: number | undefined;
  readonly pageSize: number | undefined;
}

export interface UpdateQueueInput {
  readonly bucket: string;
  readonly queueId: string;
  readonly queue: UpdateQueueRequest;
}

const QUEUE_REQUIRED = ['QueueId'] as const;

/** `GET /queue`. */
export async function describeQueues(p: RequestPipeline, input: DescribeQueuesInput): Promise<DescribeQueuesOutput> {
  check('DescribeMediaQueues', [
    ...bucketProblems(input.bucket),
    ...(input.queueIds ?? []).flatMap((id, i) => idProblems(id, `queueIds.${i}`)),
    ...positiveIntProblems(input.pageNumber, 'pageNumber'),
    ...positiveIntProblems(input.pageSize, 'pageSize', 100),
  ]);
  return p.sendXml(
    {
      operation: 'DescribeMediaQueues',
      kind: 'ci',
      bucket: input.bucket,
      method: 'GET',
      pathname: '/queue',
      query: {
        queueIds: listParam(input.queueIds),
        state: input.state,
        category: input.category,
        pageNumber: numberParam(input.pageNumber),
        pageSize: numberParam(input.pageSize),
      },
    },
    'Response',
    (value, exchange) => ({
      queues: objectsOf(value, 'QueueList').map((q) => asWire<MediaQueue>(q, QUEUE_REQUIRED, 'QueueList', exchange)),
      nonExistQueueIds: textsOf(value['NonExistPIDs']),
      totalCount: intOf(value, 'TotalCount'),
      pageNumber: intOf(value, 'PageNumber'),
      pageSize: intOf(value, 'PageSize'),
    }),
  );
}

/** `PUT /queue/<QueueId>`: name, state and notification settings (all three required by the API). */
export async function updateQueue(p: RequestPipeline, input: UpdateQueueInput): Promise<MediaQueue> {
  const problems: Problem[] = [...bucketProblems(input.bucket), ...idProblems(input.queueId, 'queueId')];
  const q = input.queue;
  if (typeof q?.Name !== 'string' || q.Name === '' || Buffer.byteLength(q.Name, 'utf8') > 128) {
    problems.push({ path: 'queue.Name', rule: 'must be 1 to 128 bytes', value: q?.Name });
  }
  if (q?.State !== 'Active' && q?.State !== 'Paused') problems.push({ path: 'queue.State', rule: 'must be Active or Paused', value: q?.State });
  if (q?.NotifyConfig === undefined) problems.push({ path: 'queue.NotifyConfig', rule: 'is required', value: undefined });
  check('UpdateMediaQueue', problems);
  return p.sendXml(
    {
      operation: 'UpdateMediaQueue',
      kind: 'ci',
      bucket: input.bucket,
      method: 'PUT',
      pathname: `/queue/${input.queueId}`,
      body: { kind: 'xml', xml: queueRequestToXml(q) },
    },
    'Response',
    (value, exchange) => asWire<MediaQueue>(childOf(value, 'Queue', 'Response', exchange), QUEUE_REQUIRED, 'Queue', exchange),
  );
}
