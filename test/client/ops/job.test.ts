import { UnknownOutcomeError } from '../../../src/client/errors';
import { formatCiTime } from '../../../src/client/ops/job';
import { jobRequestToXml } from '../../../src/model';
import type { VideoEnhanceJobRequest } from '../../../src/model/job';
import { SpecValidationError } from '../../../src/model/problems';
import { BUCKET, CI_HOST, expectRequest, serve, xmlError } from '../mock-service';

const JOB_ID = 'j8d121820f5e411ec926ef19d53ba9c6f';
const job: VideoEnhanceJobRequest = {
  Tag: 'VideoEnhance',
  Input: { Object: 'input/demo 腾讯云.mp4' },
  Operation: {
    TemplateId: 't1460606b9752148c4ab182f55163ba7cd',
    WatermarkTemplateId: ['t146d70eb241c44c63b6efc1cc93ccfc5d', 't12a74d11687d444deba8a6cc52051ac27'],
    DigitalWatermark: { Type: 'Text', Message: '123456789ab', Version: 'V1', IgnoreError: 'false' },
    Output: { Region: 'ap-chongqing', Bucket: 'test-123456789', Object: 'output/${InputName}.${ext}' },
    UserData: 'This is my data.',
    JobLevel: '0',
  },
  CallBack: 'http://callback.demo.com',
  CallBackFormat: 'JSON',
};

const detail = (id: string, state: string): string =>
  `<JobsDetail><Code>Success</Code><Message/><JobId>${id}</JobId><State>${state}</State><CreationTime>2022-06-27T14:44:10+0800</CreationTime>` +
  `<StartTime>-</StartTime><EndTime>-</EndTime><QueueId>p2242ab62c7c94486915508540933a2c6</QueueId><Tag>VideoEnhance</Tag>` +
  `<Input><BucketId>${BUCKET}</BucketId><Object>input/demo.mp4</Object><Region>ap-guangzhou</Region></Input>` +
  `<Operation><TemplateId>t1</TemplateId><WatermarkTemplateId>t2</WatermarkTemplateId><Output><Region>ap-guangzhou</Region><Bucket>${BUCKET}</Bucket><Object>o.mp4</Object></Output></Operation></JobsDetail>`;

describe('job operations', () => {
  it('submitJob POSTs the doc-order job XML and reads the submitted JobsDetail', async () => {
    const { client, seen, close } = serve({ status: 200, body: `<Response>${detail(JOB_ID, 'Submitted')}</Response>` });
    const out = await client.submitJob({ bucket: BUCKET, job }).finally(close);
    expect(out).toMatchObject({
      JobId: JOB_ID,
      State: 'Submitted',
      Input: { Object: 'input/demo.mp4' },
      Operation: { WatermarkTemplateId: ['t2'], Output: { Bucket: BUCKET } },
    });
    const body = jobRequestToXml(job);
    expect(body).toMatch(/^<Request><Tag>VideoEnhance<\/Tag><Input><Object>input\/demo 腾讯云.mp4<\/Object><\/Input><Operation><TemplateId>/);
    expect(body).toContain('<WatermarkTemplateId>t146d70eb241c44c63b6efc1cc93ccfc5d</WatermarkTemplateId><WatermarkTemplateId>t12a74d11687d444deba8a6cc52051ac27</WatermarkTemplateId>');
    expect(body).toContain('<Object>output/${InputName}.${ext}</Object>');
    expectRequest(seen[0], { method: 'POST', host: CI_HOST, pathname: '/jobs', body });
  });

  it('submitJob treats a success without exactly one JobsDetail as an unknown outcome', async () => {
    const { client, seen, close } = serve({ status: 200, body: '<Response><RequestId>r</RequestId></Response>' });
    await expect(client.submitJob({ bucket: BUCKET, job }).finally(close)).rejects.toThrow(UnknownOutcomeError);
    expect(seen).toHaveLength(1);
  });

  it('describeJobs asks for several ids in one path and reads jobs and unknown ids', async () => {
    const { client, seen, close } = serve({
      status: 200,
      body: `<Response>${detail(JOB_ID, 'Running')}${detail('j2', 'Success')}<NonExistJobIds>j3</NonExistJobIds><NonExistJobIds>j4</NonExistJobIds></Response>`,
    });
    const out = await client.describeJobs({ bucket: BUCKET, jobIds: [JOB_ID, 'j2', 'j3', 'j4'] }).finally(close);
    expect(out.jobs.map((j) => [j.JobId, j.State])).toEqual([
      [JOB_ID, 'Running'],
      ['j2', 'Success'],
    ]);
    expect(out.nonExistJobIds).toEqual(['j3', 'j4']);
    expect(seen[0]?.path).toBe(`/jobs/${JOB_ID},j2,j3,j4`);
    expectRequest(seen[0], { method: 'GET', host: CI_HOST, pathname: `/jobs/${JOB_ID},j2,j3,j4` });
  });

  it('describeJobs reads a response where every id is unknown', async () => {
    const { client, close } = serve({ status: 200, body: '<Response><NonExistJobIds>jx</NonExistJobIds></Response>' });
    expect(await client.describeJobs({ bucket: BUCKET, jobIds: ['jx'] }).finally(close)).toEqual({ jobs: [], nonExistJobIds: ['jx'] });
  });

  it('fails describeJobs for an empty id list or an id with a comma', async () => {
    const { client, seen, close } = serve({ status: 200 });
    await expect(client.describeJobs({ bucket: BUCKET, jobIds: [] })).rejects.toThrow(/`jobIds` must list at least one job id/);
    await expect(client.describeJobs({ bucket: BUCKET, jobIds: ['a,b'] }).finally(close)).rejects.toThrow(/`jobIds.0` must be an id/);
    expect(seen).toHaveLength(0);
  });

  it('listJobs sends every filter, Dates in the service format, and reads the next token', async () => {
    const { client, seen, close } = serve({ status: 200, body: `<Response>${detail(JOB_ID, 'Success')}<NextToken>225508</NextToken></Response>` });
    const out = await client
      .listJobs({
        bucket: BUCKET,
        tag: 'VideoEnhance',
        queueId: 'p2242ab62c7c94486915508540933a2c6',
        states: ['Success', 'Failed'],
        startCreationTime: new Date(Date.UTC(2026, 0, 12, 2, 0, 0)),
        endCreationTime: '2026-01-12T12:00:00+0800',
        inputObject: 'input/a b.mp4',
        orderByTime: 'Asc',
        nextToken: '100',
        size: 50,
      })
      .finally(close);
    expect(out.nextToken).toBe('225508');
    expect(out.jobs).toHaveLength(1);
    expectRequest(seen[0], {
      method: 'GET',
      host: CI_HOST,
      pathname: '/jobs',
      query: {
        queueId: 'p2242ab62c7c94486915508540933a2c6',
        tag: 'VideoEnhance',
        states: 'Success,Failed',
        startCreationTime: '2026-01-12T10:00:00+0800',
        endCreationTime: '2026-01-12T12:00:00+0800',
        inputObject: 'input/a b.mp4',
        orderByTime: 'Asc',
        nextToken: '100',
        size: '50',
      },
    });
    expect(seen[0]?.headers['authorization']).toContain(
      'q-url-param-list=endcreationtime;inputobject;nexttoken;orderbytime;queueid;size;startcreationtime;states;tag&',
    );
  });

  it('listJobs reads the last page (no NextToken, no jobs)', async () => {
    const { client, close } = serve({ status: 200, body: '<Response><NextToken></NextToken></Response>' });
    expect(await client.listJobs({ bucket: BUCKET, tag: 'VideoEnhance' }).finally(close)).toEqual({ jobs: [], nextToken: undefined });
  });

  it('fails listJobs without a tag or with a size over 100, listing both', async () => {
    const { client, close } = serve({ status: 200 });
    const error = await client.listJobs({ bucket: BUCKET, tag: '', size: 101 }).finally(close).catch((e: unknown) => e);
    expect((error as SpecValidationError).problems.map((p) => p.path)).toEqual(['size', 'tag']);
  });

  it('cancelJob sends PUT /jobs/<id>?cancel with the flag signed', async () => {
    const { client, seen, close } = serve({ status: 200, headers: { 'x-ci-request-id': 'r' } });
    expect(await client.cancelJob({ bucket: BUCKET, jobId: JOB_ID }).finally(close)).toEqual({ requestId: 'r' });
    expect(seen[0]?.path).toBe(`/jobs/${JOB_ID}?cancel`);
    expectRequest(seen[0], { method: 'PUT', host: CI_HOST, pathname: `/jobs/${JOB_ID}`, query: { cancel: '' } });
    expect(seen[0]?.headers['authorization']).toContain('q-url-param-list=cancel&');
  });

  it('cancelJob fails with the service error for a running job', async () => {
    const { client, close } = serve({ status: 400, body: xmlError('InvalidArgument', 'job is running') });
    await expect(client.cancelJob({ bucket: BUCKET, jobId: JOB_ID }).finally(close)).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});

describe('formatCiTime', () => {
  it('writes a Date in UTC+8 with the service’s offset form', () => {
    expect(formatCiTime(new Date(Date.UTC(2001, 0, 1, 0, 0, 0)))).toBe('2001-01-01T08:00:00+0800');
    expect(formatCiTime(new Date(Date.UTC(2025, 11, 31, 20, 30, 5)))).toBe('2026-01-01T04:30:05+0800');
  });
});
