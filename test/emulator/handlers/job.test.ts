import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningEmulator } from '../../../src/emulator';
import { BUCKET, ciHost, cosHost, errorOf, jobXml, REGION, send, setUpMediaBucket, startTestEmulator, xmlHeaders, xmlOf } from '../helpers';

type Detail = Record<string, unknown> & { JobId: string; State: string; Progress: string; Operation: Record<string, unknown> };

describe('VideoEnhance jobs', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startTestEmulator({ jobDurationMs: 10_000, queueMaxConcurrent: 2 });
    await setUpMediaBucket(emulator.url);
  });
  afterEach(() => emulator.stop());

  const submit = (body: string) => send(emulator.url, { method: 'POST', host: ciHost(), path: '/jobs', body, headers: xmlHeaders });
  const submitOk = async (body = jobXml()): Promise<Detail> => {
    const res = await submit(body);
    if (res.status !== 200) throw new Error(res.text);
    return (xmlOf(res).JobsDetail as Detail[])[0]!;
  };
  const describeJob = async (id: string): Promise<Detail> =>
    (xmlOf(await send(emulator.url, { method: 'GET', host: ciHost(), path: `/jobs/${id}` })).JobsDetail as Detail[])[0]!;
  const createTemplate = async (body: string): Promise<string> =>
    ((xmlOf(await send(emulator.url, { method: 'POST', host: ciHost(), path: '/template', body, headers: xmlHeaders })).Template as { TemplateId: string }).TemplateId);

  it('runs a job Submitted → Running (with progress) → Success and writes the output object', async () => {
    const job = await submitOk(jobXml({ output: 'out/input/demo-${jobid}.${ext}' }));
    expect(job).toMatchObject({ State: 'Submitted', Progress: '0', StartTime: '-', EndTime: '-', Code: 'Success', Tag: 'VideoEnhance' });
    expect(job.JobId).toMatch(/^j[0-9a-f]{32}$/);
    expect(job.CreationTime).toBe('2026-01-01T08:00:00+0800');
    expect(job.Input).toEqual({ BucketId: BUCKET, Object: 'input/demo.mp4', Region: REGION });

    await emulator.advance(2500);
    expect(await describeJob(job.JobId)).toMatchObject({ State: 'Running', Progress: '25', StartTime: '2026-01-01T08:00:00+0800' });

    await emulator.advance(7500);
    const done = await describeJob(job.JobId);
    expect(done).toMatchObject({ State: 'Success', Progress: '100', EndTime: '2026-01-01T08:00:10+0800' });
    const key = `out/input/demo-${job.JobId}.mp4`;
    expect(done.Operation.MediaResult).toEqual({
      OutputFile: {
        Bucket: BUCKET,
        Region: REGION,
        ObjectName: [key],
        Md5Info: [{ ObjectName: key, Md5: expect.stringMatching(/^[0-9a-f]{32}$/) }],
      },
    });
    expect(done.Operation.MediaInfo).toMatchObject({ Stream: { Video: { Width: '1280', Height: '720' } } });
    const output = await send(emulator.url, { method: 'GET', host: cosHost(), path: `/${key}` });
    expect([output.status, output.text, output.headers['content-type']]).toEqual([200, 'fake video bytes', 'video/mp4']);
  });

  it('echoes the template name for a template job and runs with its parameters', async () => {
    const id = await createTemplate(
      '<Request><Tag>VideoEnhance</Tag><Name>hd</Name><VideoEnhance><Transcode><Container><Format>hls</Format></Container></Transcode>' +
        '<SuperResolution><Resolution>hdto4k</Resolution></SuperResolution></VideoEnhance></Request>',
    );
    const job = await submitOk(jobXml({ templateId: id, output: 'demo.mp4.${ext}' }));
    expect(job.Operation).toMatchObject({ TemplateId: id, TemplateName: 'hd' });
    expect(Object.keys(job.Operation).slice(0, 2)).toEqual(['TemplateId', 'TemplateName']);
    await emulator.advance(10_000);
    const done = await describeJob(job.JobId);
    expect((done.Operation.MediaResult as { OutputFile: { ObjectName: string[] } }).OutputFile.ObjectName).toEqual(['demo.mp4.m3u8']);
    expect(done.Operation.MediaInfo).toMatchObject({ Stream: { Video: { Width: '3840', Height: '2160' } } });
  });

  it('fails with InvalidArgument naming the watermark field, e.g. Operation.Watermark.0.Dx', async () => {
    const res = await submit(
      jobXml({
        operationExtra:
          '<Watermark><Type>Text</Type><Pos>TopRight</Pos><LocMode>Relativity</LocMode><Dx>500</Dx><Dy>1</Dy>' +
          '<Text><FontSize>30</FontSize><FontType>arial.ttf</FontType><FontColor>0xFFFFFF</FontColor><Transparency>50</Transparency><Text>hi</Text></Text></Watermark>',
      }),
    );
    expect(res.status).toBe(400);
    expect(errorOf(res).Code).toBe('InvalidArgument');
    expect(errorOf(res).Message).toMatch(/^Operation\.Watermark\.0\.Dx must be .*got "500"/);
  });

  it('fails with ResourceNotFound for a missing input, TemplateNotFound for an unknown template, InvalidArgument for a wrong-tag one', async () => {
    const missing = await submit(jobXml({ input: 'input/none.mp4' }));
    expect([missing.status, errorOf(missing).Code]).toEqual([400, 'ResourceNotFound']);
    const unknown = await submit(jobXml({ templateId: `t1${'a'.repeat(32)}` }));
    expect([unknown.status, errorOf(unknown).Code]).toEqual([400, 'TemplateNotFound']);
    const wm = await createTemplate(
      '<Request><Tag>Watermark</Tag><Name>wm</Name><Watermark><Type>Text</Type><Pos>TopRight</Pos><LocMode>Absolute</LocMode><Dx>1</Dx><Dy>1</Dy>' +
        '<Text><FontSize>30</FontSize><FontType>arial.ttf</FontType><FontColor>0xFFFFFF</FontColor><Transparency>50</Transparency><Text>hi</Text></Text></Watermark></Request>',
    );
    const wrongTag = await submit(jobXml({ templateId: wm }));
    expect([wrongTag.status, errorOf(wrongTag).Message]).toEqual([400, `Operation.TemplateId ${wm} is a Watermark template, not VideoEnhance`]);
    const withWatermark = await submitOk(jobXml({ operationExtra: `<WatermarkTemplateId>${wm}</WatermarkTemplateId>` }));
    expect(withWatermark.Operation.WatermarkTemplateId).toEqual([wm]);
  });

  it('fails with MediaBucketUnBinded when media processing is off, and InvalidArgument for an output bucket that does not exist', async () => {
    const output = await submit(jobXml().replace(`<Bucket>${BUCKET}</Bucket>`, '<Bucket>nobody-1250000000</Bucket>'));
    expect([output.status, errorOf(output).Message]).toEqual([400, expect.stringContaining('Operation.Output.Bucket "nobody-1250000000" does not exist')]);
    await send(emulator.url, { method: 'DELETE', host: ciHost(), path: '/mediabucket' });
    const unbound = await submit(jobXml());
    expect([unbound.status, errorOf(unbound).Code]).toEqual([400, 'MediaBucketUnBinded']);
  });

  it('fails with NotImplemented for job tags other than VideoEnhance', async () => {
    const res = await submit(jobXml().replace('<Tag>VideoEnhance</Tag>', '<Tag>Transcode</Tag>'));
    expect([res.status, errorOf(res).Code]).toEqual([501, 'NotImplemented']);
  });

  it('runs at most MaxConcurrent jobs per queue, higher JobLevel first, then in submission order', async () => {
    const low1 = await submitOk();
    const low2 = await submitOk();
    const high = await submitOk(jobXml({ operationExtra: '<JobLevel>2</JobLevel>' }));
    const mid = await submitOk(jobXml({ operationExtra: '<JobLevel>1</JobLevel>' }));
    await emulator.advance(0);
    const state = (id: string) => emulator.state().jobs.find((j) => j.jobId === id)!;
    expect([high, mid, low1, low2].map((j) => state(j.JobId).state)).toEqual(['Running', 'Running', 'Submitted', 'Submitted']);
    await emulator.advance(10_000);
    expect([high, mid, low1, low2].map((j) => state(j.JobId).state)).toEqual(['Success', 'Success', 'Running', 'Running']);
    // The next two started the instant the first two ended.
    expect(state(low1.JobId).startedAt).toBe(state(high.JobId).endedAt);
    await emulator.advance(10_000);
    expect(emulator.state().jobs.every((j) => j.state === 'Success')).toBe(true);
  });

  it('cancels a job only before it runs, and answers the same for a second cancel', async () => {
    const job = await submitOk();
    const cancel = (id: string) => send(emulator.url, { method: 'PUT', host: ciHost(), path: `/jobs/${id}`, query: { cancel: '' } });
    expect((await cancel(job.JobId)).status).toBe(200);
    expect((await cancel(job.JobId)).status).toBe(200);
    expect((await describeJob(job.JobId)).State).toBe('Cancel');
    const running = await submitOk();
    await emulator.advance(1);
    const refused = await cancel(running.JobId);
    expect([refused.status, errorOf(refused).Message]).toEqual([400, `The job ${running.JobId} is Running; only Submitted or Pause jobs can be cancelled.`]);
    await emulator.advance(10_000);
    expect((await describeJob(job.JobId)).State).toBe('Cancel');
  });

  it('describes several ids at once and lists unknown ones in NonExistJobIds', async () => {
    const a = await submitOk();
    const b = await submitOk();
    const res = xmlOf(await send(emulator.url, { method: 'GET', host: ciHost(), path: `/jobs/${a.JobId},jmissing,${b.JobId}` }));
    expect((res.JobsDetail as Detail[]).map((j) => j.JobId)).toEqual([a.JobId, b.JobId]);
    expect(res.NonExistJobIds).toEqual(['jmissing']);
  });

  it('lists jobs by tag, states, creation window and input, newest first, paging with NextToken', async () => {
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/input/other.mp4', body: 'o' });
    const queueId = emulator.state().queues[0]!.queueId;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      if (i > 0) await emulator.advance(60_000);
      ids.push((await submitOk(jobXml({ input: i === 4 ? 'input/other.mp4' : 'input/demo.mp4' }))).JobId);
    }
    const list = async (query: Record<string, string>) => {
      const res = await send(emulator.url, { method: 'GET', host: ciHost(), path: '/jobs', query: { queueId, tag: 'VideoEnhance', ...query } });
      const body = xmlOf(res);
      return { ids: ((body.JobsDetail as Detail[] | undefined) ?? []).map((j) => j.JobId), next: body.NextToken as string | undefined };
    };
    expect((await list({})).ids).toEqual([...ids].reverse());
    const first = await list({ size: '2', orderByTime: 'Asc' });
    expect(first.ids).toEqual(ids.slice(0, 2));
    const second = await list({ size: '2', orderByTime: 'Asc', nextToken: first.next! });
    expect(second.ids).toEqual(ids.slice(2, 4));
    const last = await list({ size: '2', orderByTime: 'Asc', nextToken: second.next! });
    expect(last).toEqual({ ids: ids.slice(4), next: undefined });
    expect((await list({ inputObject: 'input/other.mp4' })).ids).toEqual([ids[4]]);
    expect((await list({ states: 'Submitted' })).ids).toEqual([ids[4]]);
    expect((await list({ states: 'Success' })).ids).toEqual(ids.slice(0, 4).reverse());
    expect((await list({ states: 'Success,Submitted', orderByTime: 'Asc' })).ids).toEqual(ids);
    // Jobs were created at 08:00, 08:01, …, 08:04 (+0800); 08:01:00–08:02:30 holds the second and third.
    expect((await list({ startCreationTime: '2026-01-01T08:01:00+0800', endCreationTime: '2026-01-01T08:02:30+0800' })).ids).toEqual([ids[2], ids[1]]);
  });

  it('lists without queueId the jobs of every queue of the bucket, and with one only that queue\'s', async () => {
    const first = emulator.state().queues[0]!.queueId;
    const inFirst = await submitOk();
    const added = await fetch(`${emulator.url}/_emulator/queues`, {
      method: 'POST',
      body: JSON.stringify({ bucket: BUCKET, name: 'second', takesJobsWithoutQueueId: true }),
    });
    const second = ((await added.json()) as { queueId: string }).queueId;
    const inSecond = await submitOk();
    expect([inFirst.QueueId, inSecond.QueueId]).toEqual([first, second]);
    const list = async (query: Record<string, string>) =>
      ((xmlOf(await send(emulator.url, { method: 'GET', host: ciHost(), path: '/jobs', query: { tag: 'VideoEnhance', ...query } })).JobsDetail as Detail[]) ?? []).map(
        (j) => j.JobId,
      );
    expect(await list({})).toEqual([inSecond.JobId, inFirst.JobId]);
    expect(await list({ queueId: first })).toEqual([inFirst.JobId]);
    expect(await list({ queueId: second })).toEqual([inSecond.JobId]);
  });

  it('fails to add a queue without a bucket, or for a bucket without media processing', async () => {
    const bad = await fetch(`${emulator.url}/_emulator/queues`, { method: 'POST', body: JSON.stringify({ takesJobsWithoutQueueId: 'yes' }) });
    expect([bad.status, errorOf({ text: await bad.text() } as never).Message]).toEqual([
      400,
      'bucket must be a non-empty string, got undefined; takesJobsWithoutQueueId must be true or false, got "yes"',
    ]);
    const unbound = await fetch(`${emulator.url}/_emulator/queues`, { method: 'POST', body: JSON.stringify({ bucket: 'other-1250000000' }) });
    expect(unbound.status).toBe(400);
  });

  it('expands ${ext} and ${jobid} in the output key and leaves ${InputName} and other wildcards literal', async () => {
    const job = await submitOk(jobXml({ output: 'out/${InputPath}/${InputName}-${InputNameAndExt}-${Jobid}-${jobid}.${ext}' }));
    await emulator.advance(10_000);
    const done = await describeJob(job.JobId);
    const key = `out/\${InputPath}/\${InputName}-\${InputNameAndExt}-\${Jobid}-${job.JobId}.mp4`;
    expect((done.Operation.MediaResult as { OutputFile: { ObjectName: string[] } }).OutputFile.ObjectName).toEqual([key]);
    expect(emulator.state().objects.filter((o) => o.key.startsWith('out/')).map((o) => o.key)).toEqual([key]);
  });

  it('fails to list without tag, or with a malformed time', async () => {
    const none = await send(emulator.url, { method: 'GET', host: ciHost(), path: '/jobs' });
    expect([none.status, errorOf(none).Message]).toEqual([400, 'tag is required']);
    const queueId = emulator.state().queues[0]!.queueId;
    const time = await send(emulator.url, { method: 'GET', host: ciHost(), path: '/jobs', query: { queueId, tag: 'VideoEnhance', startCreationTime: 'yesterday' } });
    expect([time.status, errorOf(time).Code]).toEqual([400, 'InvalidArgument']);
  });

  it('fails a job whose input is marked corrupt with a Tencent-style Code and Message', async () => {
    const mark = await fetch(`${emulator.url}/_emulator/corrupt-inputs`, {
      method: 'POST',
      body: JSON.stringify({ bucket: BUCKET, key: 'input/demo.mp4' }),
    });
    expect(mark.status).toBe(200);
    const job = await submitOk();
    await emulator.advance(10_000);
    expect(await describeJob(job.JobId)).toMatchObject({
      State: 'Failed',
      Code: 'ResourceNotSupported',
      Message: 'The input file is damaged or its format is not supported.',
      Progress: '0',
    });
    expect(emulator.state().objects.map((o) => o.key)).toEqual(['input/demo.mp4']);
  });

  it('fails a job whose input was deleted before it ended with ResourceNotFound', async () => {
    const job = await submitOk();
    await send(emulator.url, { method: 'DELETE', host: cosHost(), path: '/input/demo.mp4' });
    await emulator.advance(10_000);
    expect(await describeJob(job.JobId)).toMatchObject({ State: 'Failed', Code: 'ResourceNotFound' });
  });
});

describe('job callbacks', () => {
  let emulator: RunningEmulator;
  let receiver: http.Server;
  let received: { contentType: string; body: string }[];
  let receiverUrl: string;

  beforeEach(async () => {
    received = [];
    receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ contentType: req.headers['content-type'] ?? '', body: Buffer.concat(chunks).toString() });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    emulator = await startTestEmulator({ jobDurationMs: 1000 });
    await setUpMediaBucket(emulator.url);
  });
  afterEach(async () => {
    await emulator.stop();
    await new Promise((r) => receiver.close(r));
  });

  const submit = (extra: string) =>
    send(emulator.url, { method: 'POST', host: ciHost(), path: '/jobs', body: jobXml({ extra }), headers: xmlHeaders });

  it('POSTs an XML TaskFinish callback to CallBack when the job ends', async () => {
    await submit(`<CallBack>${receiverUrl}</CallBack>`);
    await emulator.advance(1000);
    expect(received).toHaveLength(1);
    expect(received[0]!.contentType).toBe('application/xml');
    expect(received[0]!.body).toMatch(/^<Response><EventName>TaskFinish<\/EventName><JobsDetail><Code>Success<\/Code>.*<State>Success<\/State>/);
  });

  it('POSTs a JSON callback with JobsDetail as a list when CallBackFormat is JSON', async () => {
    await submit(`<CallBack>${receiverUrl}</CallBack><CallBackFormat>JSON</CallBackFormat>`);
    await emulator.advance(1000);
    const body = JSON.parse(received[0]!.body) as { EventName: string; JobsDetail: { State: string; Tag: string }[] };
    expect(received[0]!.contentType).toBe('application/json');
    expect(body.EventName).toBe('TaskFinish');
    expect(body.JobsDetail[0]).toMatchObject({ State: 'Success', Tag: 'VideoEnhance' });
  });

  it("uses the queue's NotifyConfig when the job has no CallBack, and nothing when CallBack is no", async () => {
    const queueId = emulator.state().queues[0]!.queueId;
    await send(emulator.url, {
      method: 'PUT', host: ciHost(), path: `/queue/${queueId}`, headers: xmlHeaders,
      body: `<Request><Name>q</Name><State>Active</State><NotifyConfig><State>On</State><Type>Url</Type><Url>${receiverUrl}</Url><Event>TaskFinish</Event><ResultFormat>JSON</ResultFormat></NotifyConfig></Request>`,
    });
    await submit('');
    await submit('<CallBack>no</CallBack>');
    await emulator.advance(1000);
    expect(received).toHaveLength(1);
    expect(received[0]!.contentType).toBe('application/json');
  });

  it('calls nothing outside loopback and logs why, without failing the job', async () => {
    await submit('<CallBack>http://callback.example.com/hook</CallBack>');
    await emulator.advance(1000);
    expect(received).toHaveLength(0);
    expect(emulator.state().callbacks).toEqual([
      expect.objectContaining({ url: 'http://callback.example.com/hook', error: expect.stringContaining('not a loopback address') }),
    ]);
    expect(emulator.state().jobs[0]!.state).toBe('Success');
  });
});
