import type { UpdateQueueRequest } from '../../../src/client/ops/queue';
import { SpecValidationError } from '../../../src/model/problems';
import { BUCKET, CI_HOST, expectRequest, serve } from '../mock-service';

const queueXml = (id: string, state = 'Active'): string =>
  `<QueueId>${id}</QueueId><Name>queue-1</Name><State>${state}</State>` +
  `<NotifyConfig><Url>http://cb.example.com</Url><Event>TaskFinish</Event><Type>Url</Type><State>On</State><ResultFormat>JSON</ResultFormat></NotifyConfig>` +
  `<MaxSize>10000</MaxSize><MaxConcurrent>10</MaxConcurrent><UpdateTime>2026-01-12T10:00:00+0800</UpdateTime><CreateTime>2026-01-12T10:00:00+0800</CreateTime><Category>Transcoding</Category>`;

describe('queue operations', () => {
  it('describeQueues sends the filters and reads queues and unknown ids', async () => {
    const { client, seen, close } = serve({
      status: 200,
      body: `<Response><RequestId>r</RequestId><QueueList>${queueXml('p4a17eeea29334bf499b7e20e2fbfd99d')}</QueueList><NonExistPIDs>pmissing</NonExistPIDs></Response>`,
    });
    const out = await client
      .describeQueues({ bucket: BUCKET, queueIds: ['p4a17eeea29334bf499b7e20e2fbfd99d', 'pmissing'], state: 'Active', category: 'Transcoding', pageNumber: 1, pageSize: 10 })
      .finally(close);
    expect(out.queues).toEqual([
      expect.objectContaining({ QueueId: 'p4a17eeea29334bf499b7e20e2fbfd99d', State: 'Active', NotifyConfig: expect.objectContaining({ State: 'On' }) }),
    ]);
    expect(out).toMatchObject({ nonExistQueueIds: ['pmissing'], totalCount: undefined });
    expectRequest(seen[0], {
      method: 'GET',
      host: CI_HOST,
      pathname: '/queue',
      query: { queueIds: 'p4a17eeea29334bf499b7e20e2fbfd99d,pmissing', state: 'Active', category: 'Transcoding', pageNumber: '1', pageSize: '10' },
    });
  });

  it('updateQueue PUTs the doc-order body to /queue/<id> and reads the Queue', async () => {
    const request: UpdateQueueRequest = {
      NotifyConfig: { Event: 'TaskFinish,WorkflowFinish', Type: 'Url', Url: 'http://cb.example.com', State: 'On' },
      State: 'Paused',
      Name: 'My-Queue-Media',
    };
    const { client, seen, close } = serve({ status: 200, body: `<Response><RequestId>r</RequestId><Queue>${queueXml('pq1', 'Paused')}</Queue></Response>` });
    const out = await client.updateQueue({ bucket: BUCKET, queueId: 'pq1', queue: request }).finally(close);
    expect(out).toMatchObject({ QueueId: 'pq1', State: 'Paused' });
    expectRequest(seen[0], {
      method: 'PUT',
      host: CI_HOST,
      pathname: '/queue/pq1',
      body:
        '<Request><Name>My-Queue-Media</Name><State>Paused</State><NotifyConfig><State>On</State><Url>http://cb.example.com</Url>' +
        '<Type>Url</Type><Event>TaskFinish,WorkflowFinish</Event></NotifyConfig></Request>',
    });
  });

  it('fails updateQueue for a missing name, a bad state and no NotifyConfig, listing all three', async () => {
    const { client, seen, close } = serve({ status: 200 });
    const error = await client
      .updateQueue({ bucket: BUCKET, queueId: 'pq1', queue: { Name: '', State: 'Stopped' } as unknown as UpdateQueueRequest })
      .finally(close)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecValidationError);
    expect((error as SpecValidationError).problems.map((p) => p.path)).toEqual(['queue.Name', 'queue.State', 'queue.NotifyConfig']);
    expect(seen).toHaveLength(0);
  });
});
