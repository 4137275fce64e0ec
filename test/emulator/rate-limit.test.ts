import type { RunningEmulator } from '../../src/emulator';
import { ciHost, cosHost, errorOf, send, setUpMediaBucket, startTestEmulator } from './helpers';

describe('per-bucket rate limit', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startTestEmulator();
    await setUpMediaBucket(emulator.url);
    await fetch(`${emulator.url}/_emulator/rate-limit`, { method: 'PUT', body: JSON.stringify({ requestsPerSecond: 3 }) });
  });
  afterEach(() => emulator.stop());

  it('answers 429 SlowDown on CI hosts and 503 SlowDown on COS hosts beyond the budget, until time passes', async () => {
    const ci: number[] = [];
    for (let i = 0; i < 4; i++) ci.push((await send(emulator.url, { method: 'GET', host: ciHost(), path: '/queue' })).status);
    expect(ci).toEqual([200, 200, 200, 429]);
    const cos = await send(emulator.url, { method: 'HEAD', host: cosHost(), path: '/' });
    expect(cos.status).toBe(503);
    const slow = await send(emulator.url, { method: 'GET', host: ciHost(), path: '/queue' });
    expect(errorOf(slow)).toMatchObject({ Code: 'SlowDown' });
    await emulator.advance(1000);
    expect((await send(emulator.url, { method: 'GET', host: ciHost(), path: '/queue' })).status).toBe(200);
  });

  it('keeps a separate budget per bucket and none for the control API', async () => {
    for (let i = 0; i < 3; i++) await send(emulator.url, { method: 'GET', host: ciHost(), path: '/queue' });
    const other = await send(emulator.url, { method: 'HEAD', host: cosHost('other-1250000000'), path: '/' });
    expect(other.status).toBe(404); // limited separately: it gets through to "no such bucket"
    for (let i = 0; i < 5; i++) expect((await fetch(`${emulator.url}/_emulator/health`)).status).toBe(200);
  });

  it('turns limiting off with null', async () => {
    await fetch(`${emulator.url}/_emulator/rate-limit`, { method: 'PUT', body: JSON.stringify({ requestsPerSecond: null }) });
    for (let i = 0; i < 10; i++) expect((await send(emulator.url, { method: 'GET', host: ciHost(), path: '/queue' })).status).toBe(200);
  });
});
