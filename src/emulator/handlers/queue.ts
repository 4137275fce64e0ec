/** Media queues: `GET /queue`, `PUT /queue/<id>` (ci-api.md §6). */
import { Checker, isHttpUrl, type XmlObject } from '../../model';
import { describeQueues, requireMediaBucket, updateQueue } from '../domain/media';
import type { NotifyConfigRecord } from '../state';
import { rejectProblems } from '../validation';
import { queueView } from '../views';
import { enumParam, intParam, listParam, requestBody, xml, type Handler } from './context';

export const describeQueuesHandler: Handler = (req, core) => {
  requireMediaBucket(core.store, req.bucket, req.region);
  const pageNumber = intParam(req, 'pageNumber', 1, 1, 1_000_000);
  const pageSize = intParam(req, 'pageSize', 10, 1, 100);
  const queueIds = listParam(req, 'queueIds');
  const result = describeQueues(core.store, req.bucket, {
    queueIds,
    state: req.query.get('state') ? enumParam(req, 'state', ['Active', 'Paused'] as const, 'Active') : undefined,
    category: enumParam(req, 'category', ['CateAll', 'Transcoding', 'SpeedTranscoding'] as const, 'Transcoding'),
    pageNumber,
    pageSize,
  });
  // With queueIds the documented sample carries no paging fields (ci-api.md §6.1).
  const body: XmlObject = queueIds
    ? { RequestId: req.requestId }
    : { RequestId: req.requestId, TotalCount: String(result.totalCount), PageNumber: String(pageNumber), PageSize: String(pageSize) };
  body.QueueList = result.items.map(queueView);
  if (result.nonExistIds.length > 0) body.NonExistPIDs = [...result.nonExistIds];
  return xml('Response', body);
};

const QUEUE_REQUEST_ORDER = {
  Name: true,
  State: true,
  NotifyConfig: { Url: true, Type: true, Event: true, State: true, ResultFormat: true, MqMode: true, MqRegion: true, MqName: true },
} as const;

/**
 * The `UpdateMediaQueue` body (ci-api.md §6.2): `Name` (≤ 128 bytes), `State`, `NotifyConfig` all required;
 * with notifications `On`, `Type` and `Event` are required and `Url` for `Type=Url`. The docs forbid private
 * network callback URLs; the emulator accepts loopback ones, as it calls nothing else.
 */
function parseQueueUpdate(body: XmlObject): { name: string; state: 'Active' | 'Paused'; notifyConfig: NotifyConfigRecord } {
  const c = new Checker();
  const req = c.container(body, '', QUEUE_REQUEST_ORDER, true) ?? {};
  const name = c.text(req.Name, 'Name', true);
  if (name !== undefined) c.length(name, 'Name', 1, 128, 'bytes');
  const state = c.oneOf(req.State, 'State', ['Active', 'Paused'] as const, true);
  const notify = c.container(req.NotifyConfig, 'NotifyConfig', QUEUE_REQUEST_ORDER.NotifyConfig, true) ?? {};
  const on = c.oneOf(notify.State, 'NotifyConfig.State', ['On', 'Off'] as const) ?? 'Off';
  const type = c.oneOf(notify.Type, 'NotifyConfig.Type', ['Url', 'TDMQ'] as const, on === 'On');
  const url = c.text(notify.Url, 'NotifyConfig.Url', on === 'On' && type === 'Url');
  if (url !== undefined && url !== '' && !isHttpUrl(url)) c.add('NotifyConfig.Url', 'must be an http(s) URL', url);
  const event = c.text(notify.Event, 'NotifyConfig.Event', on === 'On');
  const known = ['TaskFinish', 'WorkflowFinish'];
  if (event !== undefined && event !== '' && !event.split(',').every((e) => known.includes(e.trim()))) {
    c.add('NotifyConfig.Event', `must be a comma list of ${known.join(', ')}`, event);
  }
  c.oneOf(notify.ResultFormat, 'NotifyConfig.ResultFormat', ['XML', 'JSON'] as const);
  rejectProblems(c.problems);
  const notifyConfig: NotifyConfigRecord = { ...(notify as Record<string, string>), State: on };
  return { name: name as string, state: state as 'Active' | 'Paused', notifyConfig };
}

export const updateQueueHandler: Handler = (req, core) => {
  const update = parseQueueUpdate(requestBody(req));
  requireMediaBucket(core.store, req.bucket, req.region);
  const queue = updateQueue(core.store, req.bucket, req.params[0] as string, update, core.clock.now());
  return xml('Response', { RequestId: req.requestId, Queue: queueView(queue) });
};
