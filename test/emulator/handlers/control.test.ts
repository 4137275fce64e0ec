import { request } from 'undici';
import { parseXml } from '../../../src/model';
import type { RunningEmulator } from '../../../src/emulator';
import { BUCKET, ciHost, SECRET_KEY, setUpMediaBucket, startTestEmulator } from '../helpers';

describe('control API', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startTestEmulator();
  });
  afterEach(() => emulator.stop());

  const call = async (method: string, path: string, body?: string, host?: string) => {
    const res = await request(`${emulator.url}${path}`, { method: method as 'GET', body, headers: host ? { host } : {} });
    return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
  };

  it('answers on any Host without a signature, with a request id', async () => {
    const res = await call('GET', '/_emulator/health', undefined, ciHost());
    expect([res.status, JSON.parse(res.text)]).toEqual([200, { status: 'ok' }]);
    expect(res.headers['x-cos-request-id']).toBeTruthy();
  });

  it('dumps the state as JSON without bodies or credentials', async () => {
    await setUpMediaBucket(emulator.url);
    const res = await call('GET', '/_emulator/state');
    const state = JSON.parse(res.text) as { buckets: { name: string }[]; objects: { key: string; size: number }[]; clock: { manual: boolean } };
    expect(state.buckets.map((b) => b.name)).toEqual([BUCKET]);
    expect(state.objects).toEqual([expect.objectContaining({ key: 'input/demo.mp4', size: 16 })]);
    expect(state.clock.manual).toBe(true);
    expect(res.text).not.toContain(SECRET_KEY);
    expect(res.text).not.toContain('fake video bytes');
  });

  it('moves the clock forward and reports it', async () => {
    const before = JSON.parse((await call('GET', '/_emulator/clock')).text) as { now: number };
    const after = JSON.parse((await call('POST', '/_emulator/clock', JSON.stringify({ advanceMs: 90_000 }))).text) as { now: number; time: string };
    expect(after.now - before.now).toBe(90_000);
    expect(after.time).toBe('2026-01-01T08:01:30+0800');
  });

  it('resets every record', async () => {
    await setUpMediaBucket(emulator.url);
    expect((await call('POST', '/_emulator/reset')).status).toBe(200);
    expect(emulator.state()).toMatchObject({ buckets: [], objects: [], queues: [], jobs: [] });
  });

  it('fails with an <Error> naming the field for bad control input, and InvalidUrl for unknown endpoints', async () => {
    const cases: [string, string, string | undefined, number, string][] = [
      ['POST', '/_emulator/clock', JSON.stringify({ advanceMs: -1 }), 400, 'advanceMs must be an integer ≥ 0, got -1'],
      ['POST', '/_emulator/clock', '{not json', 400, 'The control request body must be JSON'],
      ['POST', '/_emulator/corrupt-inputs', JSON.stringify({ bucket: 7 }), 400, 'bucket must be a non-empty string, got 7; key must be a non-empty string'],
      ['PUT', '/_emulator/rate-limit', JSON.stringify({ requestsPerSecond: 0 }), 400, 'requestsPerSecond must be a number > 0 or null, got 0'],
      ['POST', '/_emulator/faults', JSON.stringify({ seed: 'x' }), 400, 'seed must be an integer ≥ 0, got "x"'],
      ['GET', '/_emulator/nothing', undefined, 404, 'GET /_emulator/nothing is not a control endpoint'],
    ];
    for (const [method, path, body, status, message] of cases) {
      const res = await call(method, path, body);
      const error = parseXml(res.text).value as { Code: string; Message: string };
      expect([path, res.status]).toEqual([path, status]);
      expect(error.Message).toContain(message);
    }
  });

  it('marks and clears corrupt inputs', async () => {
    const mark = await call('POST', '/_emulator/corrupt-inputs', JSON.stringify({ bucket: BUCKET, key: 'in.mp4', code: 'InputFileDamaged', message: 'moov atom not found' }));
    expect(JSON.parse(mark.text)).toEqual({ bucket: BUCKET, key: 'in.mp4', code: 'InputFileDamaged', message: 'moov atom not found' });
    expect(JSON.parse((await call('GET', '/_emulator/corrupt-inputs')).text).corruptInputs).toHaveLength(1);
    expect(JSON.parse((await call('DELETE', '/_emulator/corrupt-inputs')).text)).toEqual({ removed: 1 });
  });
});
