import type { RunningEmulator } from '../../../src/emulator';
import { ciHost, errorOf, jobXml, send, setUpMediaBucket, startTestEmulator, xmlHeaders, xmlOf } from '../helpers';

const update = (state: string, notify = '<NotifyConfig><State>Off</State></NotifyConfig>'): string =>
  `<Request><Name>main</Name><State>${state}</State>${notify}</Request>`;

describe('media queues', () => {
  let emulator: RunningEmulator;
  let queueId: string;
  beforeEach(async () => {
    emulator = await startTestEmulator();
    await setUpMediaBucket(emulator.url);
    queueId = emulator.state().queues[0]!.queueId;
  });
  afterEach(() => emulator.stop());

  it('describes the default queue with its documented fields', async () => {
    const res = xmlOf(await send(emulator.url, { method: 'GET', host: ciHost(), path: '/queue' }));
    expect(res).toMatchObject({ TotalCount: '1', PageNumber: '1', PageSize: '10' });
    const [queue] = res.QueueList as Record<string, unknown>[];
    expect(queue).toMatchObject({ QueueId: queueId, State: 'Active', MaxSize: '10000', MaxConcurrent: '10', Category: 'Transcoding' });
    expect(queueId).toMatch(/^p[0-9a-f]{32}$/);
  });

  it('lists unknown queue ids in NonExistPIDs', async () => {
    const res = xmlOf(await send(emulator.url, { method: 'GET', host: ciHost(), path: '/queue', query: { queueIds: `${queueId},pmissing` } }));
    expect((res.QueueList as { QueueId: string }[]).map((q) => q.QueueId)).toEqual([queueId]);
    expect(res.NonExistPIDs).toEqual(['pmissing']);
  });

  it('pauses a queue: waiting jobs become Pause and stay so until the queue is active again', async () => {
    const put = (body: string) => send(emulator.url, { method: 'PUT', host: ciHost(), path: `/queue/${queueId}`, body, headers: xmlHeaders });
    const submit = async (): Promise<string> =>
      ((xmlOf(await send(emulator.url, { method: 'POST', host: ciHost(), path: '/jobs', body: jobXml(), headers: xmlHeaders })).JobsDetail as { JobId: string }[])[0]!.JobId);
    const before = await submit();
    const paused = await put(update('Paused'));
    expect(xmlOf(paused).Queue).toMatchObject({ Name: 'main', State: 'Paused' });
    const after = await submit();
    await emulator.advance(10_000);
    const states = () => emulator.state().jobs.map((j) => [j.jobId, j.state]);
    expect(states()).toEqual([[before, 'Pause'], [after, 'Pause']]);
    await put(update('Active'));
    await emulator.advance(1000);
    expect(states()).toEqual([[before, 'Success'], [after, 'Success']]);
  });

  it('fails with InvalidArgument naming missing fields, and QueueNotFound for an unknown queue', async () => {
    const bad = await send(emulator.url, {
      method: 'PUT', host: ciHost(), path: `/queue/${queueId}`, headers: xmlHeaders,
      body: '<Request><State>Sleeping</State><NotifyConfig><State>On</State></NotifyConfig></Request>',
    });
    expect(bad.status).toBe(400);
    const message = errorOf(bad).Message;
    for (const part of ['Name is required', 'State must be one of Active, Paused', 'NotifyConfig.Type is required', 'NotifyConfig.Event is required']) {
      expect(message).toContain(part);
    }
    const missing = await send(emulator.url, { method: 'PUT', host: ciHost(), path: '/queue/pnothere', body: update('Active'), headers: xmlHeaders });
    expect([missing.status, errorOf(missing).Code]).toEqual([400, 'QueueNotFound']);
  });
});
