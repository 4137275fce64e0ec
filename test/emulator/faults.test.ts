import { request } from 'undici';
import { FaultInjector } from '../../src/emulator/faults';
import type { RunningEmulator } from '../../src/emulator';
import { BUCKET, ciHost, cosHost, errorOf, jobXml, send, setUpMediaBucket, startTestEmulator, xmlHeaders } from './helpers';

const control = async (emulator: RunningEmulator, method: string, path: string, body?: unknown) => {
  const res = await request(`${emulator.url}/_emulator/${path}`, { method: method as 'GET', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.body.text();
  return { status: res.statusCode, text, json: res.statusCode < 300 ? (JSON.parse(text) as Record<string, unknown>) : undefined };
};

describe('fault rules', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startTestEmulator();
    await setUpMediaBucket(emulator.url);
  });
  afterEach(() => emulator.stop());

  const submit = () => send(emulator.url, { method: 'POST', host: ciHost(), path: '/jobs', body: jobXml(), headers: xmlHeaders });

  it('answers the first N matching requests with the given status and code, then lets requests through', async () => {
    const added = await control(emulator, 'POST', 'faults', {
      operation: 'CreateMediaJobs',
      hostKind: 'ci',
      times: 2,
      effect: { type: 'error', status: 503, code: 'ServiceUnavailable' },
    });
    expect(added.status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await submit()).status);
    expect(statuses).toEqual([503, 503, 200]);
    expect(emulator.state().jobs).toHaveLength(1);
    await control(emulator, 'POST', 'faults', { operation: 'GetObject', skip: 1, times: 1, effect: { type: 'error', status: 500, code: 'InternalError' } });
    const first = await send(emulator.url, { method: 'GET', host: cosHost(), path: '/input/demo.mp4' });
    const second = await send(emulator.url, { method: 'GET', host: cosHost(), path: '/input/demo.mp4' });
    expect(first.status).toBe(200);
    expect([second.status, errorOf(second).Code, second.headers['x-cos-trace-id'] !== undefined]).toEqual([500, 'InternalError', true]);
    const listed = await control(emulator, 'GET', 'faults');
    expect((listed.json!.rules as { matched: number; fired: number }[]).map((r) => [r.matched, r.fired])).toEqual([[3, 2], [2, 1]]);
  });

  it('does not match other operations or host kinds', async () => {
    await control(emulator, 'POST', 'faults', { operation: 'CreateMediaJobs', hostKind: 'cos', effect: { type: 'error', status: 500, code: 'InternalError' } });
    expect((await submit()).status).toBe(200);
    expect((await send(emulator.url, { method: 'GET', host: ciHost(), path: '/queue' })).status).toBe(200);
  });

  it('fires probabilistic rules in the same pattern for the same seed', async () => {
    const pattern = async (): Promise<number[]> => {
      await control(emulator, 'DELETE', 'faults');
      await control(emulator, 'POST', 'faults', {
        seed: 42,
        rules: [{ operation: 'DescribeMediaQueues', probability: 0.5, effect: { type: 'error', status: 500, code: 'InternalError' } }],
      });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await send(emulator.url, { method: 'GET', host: ciHost(), path: '/queue' })).status);
      return out;
    };
    const first = await pattern();
    expect(await pattern()).toEqual(first);
    expect(first).toContain(500);
    expect(first).toContain(200);
  });

  it('adds latency before answering: a delayed request is overtaken by a later one', async () => {
    await control(emulator, 'POST', 'faults', { operation: 'DescribeMediaQueues', times: 1, effect: { type: 'latency', ms: 800 } });
    const order: string[] = [];
    const slow = send(emulator.url, { method: 'GET', host: ciHost(), path: '/queue' }).then((r) => order.push(`queue ${r.status}`));
    await new Promise((r) => setTimeout(r, 20));
    const fast = send(emulator.url, { method: 'GET', host: ciHost(), path: '/template' }).then((r) => order.push(`template ${r.status}`));
    await Promise.all([slow, fast]);
    expect(order).toEqual(['template 200', 'queue 200']);
  });

  it('resets the connection without executing the request', async () => {
    await control(emulator, 'POST', 'faults', { operation: 'CreateMediaJobs', times: 1, effect: { type: 'reset' } });
    await expect(submit()).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/) });
    expect(emulator.state().jobs).toHaveLength(0);
  });

  it('commits POST /jobs and then drops the connection: the client sees no answer, the job exists and runs', async () => {
    await control(emulator, 'POST', 'faults', { operation: 'CreateMediaJobs', times: 1, effect: { type: 'commitThenDrop' } });
    await expect(submit()).rejects.toMatchObject({ code: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/) });
    const [job] = emulator.state().jobs;
    expect(job).toMatchObject({ state: 'Submitted', inputObject: 'input/demo.mp4' });
    // The job can be found again by listing, as an idempotent client would.
    const listed = await send(emulator.url, { method: 'GET', host: ciHost(), path: '/jobs', query: { queueId: job!.queueId, tag: 'VideoEnhance' } });
    expect(listed.text).toContain(job!.jobId);
    await emulator.advance(1000);
    expect(emulator.state().jobs[0]!.state).toBe('Success');
  });

  it('fails a running job with the injected Code and Message through a RunMediaJob rule', async () => {
    emulator.addFaults({ operation: 'RunMediaJob', bucket: BUCKET, times: 1, effect: { type: 'failJob', code: 'InternalError', message: 'transcoder crashed' } });
    await submit();
    await submit();
    await emulator.advance(1000);
    expect(emulator.state().jobs.map((j) => [j.state, j.code, j.message])).toEqual([
      ['Failed', 'InternalError', 'transcoder crashed'],
      ['Success', 'Success', ''],
    ]);
  });

  it('fails to add rules with unknown fields or effects, naming each problem and adding none', async () => {
    const res = await control(emulator, 'POST', 'faults', [
      { operation: 'CreateMediaJobs', effect: { type: 'explode' } },
      { operation: 'CreateMediaJobs', probability: 2, effect: { type: 'error', status: 200, code: '' } },
      { operation: 'PutObject', effect: { type: 'failJob', code: 'X' } },
    ]);
    expect(res.status).toBe(400);
    for (const part of [
      'rules.0.effect.type must be one of error, latency, reset, commitThenDrop, failJob',
      'rules.1.probability must be a number in [0, 1]',
      'rules.1.effect.status must be an HTTP error status in [400, 599]',
      'rules.2.operation must be RunMediaJob for a failJob effect',
    ]) {
      expect(res.text).toContain(part);
    }
    expect((await control(emulator, 'GET', 'faults')).json!.rules).toEqual([]);
  });

  it('removes one rule by id', async () => {
    const added = await control(emulator, 'POST', 'faults', { id: 'slow', operation: '*', effect: { type: 'error', status: 500, code: 'InternalError' } });
    expect((added.json!.rules as { id: string }[])[0]!.id).toBe('slow');
    expect((await control(emulator, 'DELETE', 'faults/slow')).status).toBe(200);
    expect((await control(emulator, 'DELETE', 'faults/slow')).status).toBe(404);
    expect((await submit()).status).toBe(200);
  });
});

describe('FaultInjector', () => {
  it('does not let a wildcard rule touch job runs', () => {
    const faults = new FaultInjector();
    faults.add([{ operation: '*', effect: { type: 'error', status: 500, code: 'InternalError' } }]);
    expect(faults.pick('RunMediaJob', 'ci', 'b')).toEqual([]);
    expect(faults.pick('PutObject', 'cos', 'b')).toHaveLength(1);
  });
});
