import { CosMediaClient } from '../../src/client';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { LedgerGroupWriter, readLedger, type LedgerLocation, type LedgerRecord } from '../../src/handler/ledger';

const BUCKET = 'ledger-1250000000';
const SECRET_ID = 'AKIDLEDGERTESTS0000001';
const SECRET_KEY = 'ledger-test-secret-key';
const PREFIX = '.cos-media/ledger/';

function record(key: string, over: Partial<LedgerRecord> = {}): LedgerRecord {
  return { version: 1, key, input: `in/${key}.mp4`, state: 'submitting', sentAt: '2026-01-01T00:00:00.000Z', attempts: 1, previousJobIds: [], ...over };
}

describe('the job ledger in COS', () => {
  let emulator: RunningEmulator;
  let client: CosMediaClient;
  let at: LedgerLocation;
  beforeAll(async () => {
    emulator = await startEmulator({ secretId: SECRET_ID, secretKey: SECRET_KEY, warn: () => undefined });
    client = new CosMediaClient({ region: 'ap-guangzhou', credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emulator.url });
    await client.putBucket({ bucket: BUCKET });
    at = { client, bucket: BUCKET, prefix: PREFIX, scope: 'a'.repeat(32) };
  });
  afterAll(async () => {
    await client.close();
    await emulator.stop();
  });

  it('stores a group in one object and reads back the records of the keys asked for', async () => {
    const writer = new LedgerGroupWriter(at, LedgerGroupWriter.groupName(Date.UTC(2026, 0, 2), 0));
    writer.set(record('k1'));
    writer.set(record('k2', { state: 'submitted', jobId: 'j2' }));
    await writer.flush();
    expect(writer.objectKey).toMatch(new RegExp(`^${PREFIX.replace(/\./g, '\\.')}groups/a{32}/20260102T000000000Z-0000-[0-9a-f]{8}\\.json$`));
    const found = await readLedger(at, new Set(['k1', 'k2', 'k3']), 4);
    expect([...found.keys()].sort()).toEqual(['k1', 'k2']);
    expect(found.get('k2')).toMatchObject({ state: 'submitted', jobId: 'j2' });
  });

  it('takes the latest word on a key across groups and records of earlier versions', async () => {
    const old = { ...at, scope: 'b'.repeat(32) };
    await client.putObject({ bucket: BUCKET, key: `${PREFIX}k9.json`, body: JSON.stringify(record('k9', { state: 'submitted', jobId: 'j-old', sentAt: '2026-01-01T00:00:00.000Z' })) });
    await client.putObject({ bucket: BUCKET, key: `${PREFIX}k8.json`, body: JSON.stringify(record('k8', { state: 'submitted', jobId: 'j-legacy' })) });
    const first = new LedgerGroupWriter(old, 'g1');
    first.set(record('k9', { state: 'submitting', sentAt: '2026-01-03T00:00:00.000Z', attempts: 2, previousJobIds: ['j-old'] }));
    await first.flush();
    const found = await readLedger(old, new Set(['k9', 'k8']), 2);
    expect(found.get('k9')).toMatchObject({ state: 'submitting', attempts: 2, previousJobIds: ['j-old'] });
    expect(found.get('k8')).toMatchObject({ jobId: 'j-legacy' });
    // Same send time and attempts: the record with a JobId is the later word.
    const second = new LedgerGroupWriter(old, 'g2');
    second.set(record('k9', { state: 'submitted', jobId: 'j-new', sentAt: '2026-01-03T00:00:00.000Z', attempts: 2, previousJobIds: ['j-old'] }));
    await second.flush();
    expect((await readLedger(old, new Set(['k9']), 2)).get('k9')).toMatchObject({ jobId: 'j-new' });
  });

  it('reads only the groups of its own scope', async () => {
    const other = { ...at, scope: 'c'.repeat(32) };
    const writer = new LedgerGroupWriter(other, 'g');
    writer.set(record('k1', { state: 'submitted', jobId: 'j-other', sentAt: '2027-01-01T00:00:00.000Z' }));
    await writer.flush();
    expect((await readLedger(at, new Set(['k1']), 2)).get('k1')).toMatchObject({ state: 'submitting' });
  });

  it('keeps a one-input group in its key\'s directory, which only readers of that key list', async () => {
    const scoped = { ...at, scope: 'e'.repeat(32) };
    const mine = `${'1'.repeat(32)}${'2'.repeat(32)}`;
    const other = `${'3'.repeat(32)}${'4'.repeat(32)}`;
    const writer = new LedgerGroupWriter(scoped, 'g', undefined, mine);
    expect(writer.objectKey).toBe(`${PREFIX}groups/${'e'.repeat(32)}/k/${'1'.repeat(32)}/g.json`);
    expect(() => writer.set(record(other))).toThrow('is named for one key');
    writer.set(record(mine, { state: 'submitted', jobId: 'j-mine' }));
    await writer.flush();
    // Not a ledger group at all, in the other key's directory: a reader of `mine` never lists it.
    await client.putObject({ bucket: BUCKET, key: `${PREFIX}groups/${'e'.repeat(32)}/k/${'3'.repeat(32)}/h.json`, body: 'not json' });
    expect((await readLedger(scoped, new Set([mine]), 2)).get(mine)).toMatchObject({ jobId: 'j-mine' });
    // The reader of `other` does read it (and so fails, naming it).
    await expect(readLedger(scoped, new Set([other]), 2)).rejects.toThrow(`ledger object ${PREFIX}groups/${'e'.repeat(32)}/k/${'3'.repeat(32)}/h.json is not JSON`);
    // A reader of many keys (a batch) lists all one-input groups at once, and reads those of its keys.
    const many = new Set([mine, ...['5', '6', '7', '8', '9'].map((c) => c.repeat(64))]);
    expect((await readLedger(scoped, many, 2)).get(mine)).toMatchObject({ jobId: 'j-mine' });
  });

  it('reads one-input groups of the previous layout, skipping those of other keys by name', async () => {
    const scoped = { ...at, scope: 'f'.repeat(32) };
    const mine = `${'1'.repeat(32)}${'2'.repeat(32)}`;
    const group = (records: LedgerRecord[]): string => JSON.stringify({ format: 'cdktf-cos-media-ledger-group', version: 2, records });
    const dir = `${PREFIX}groups/${'f'.repeat(32)}/`;
    await client.putObject({ bucket: BUCKET, key: `${dir}20260101T000000000Z-0000-aaaaaaaa-k${'1'.repeat(32)}.json`, body: group([record(mine, { state: 'submitted', jobId: 'j-old' })]) });
    await client.putObject({ bucket: BUCKET, key: `${dir}h-k${'3'.repeat(32)}.json`, body: 'not json' });
    expect((await readLedger(scoped, new Set([mine]), 2)).get(mine)).toMatchObject({ jobId: 'j-old' });
    // A later one-input group of the current layout takes over.
    const writer = new LedgerGroupWriter(scoped, 'g', undefined, mine);
    writer.set(record(mine, { state: 'submitted', jobId: 'j-new', sentAt: '2026-02-01T00:00:00.000Z', attempts: 2 }));
    await writer.flush();
    expect((await readLedger(scoped, new Set([mine]), 2)).get(mine)).toMatchObject({ jobId: 'j-new' });
  });

  it('lists as much for the last of many single-key readers as for the first', async () => {
    const scoped = { ...at, scope: 'c'.repeat(32) };
    const keyOf = (i: number): string => `${i.toString(16).padStart(32, '0')}${'0'.repeat(32)}`;
    let listed = 0;
    // The same client, counting what its listings return.
    const counting = new Proxy(client, {
      get(target, name) {
        if (name !== 'listObjects') return (target[name as keyof CosMediaClient] as (...a: unknown[]) => unknown).bind(target);
        return async (input: Parameters<CosMediaClient['listObjects']>[0]) => {
          const page = await target.listObjects(input);
          listed += page.objects.length + page.commonPrefixes.length;
          return page;
        };
      },
    });
    const seen: number[] = [];
    for (let i = 1; i <= 30; i++) {
      listed = 0;
      await readLedger({ ...scoped, client: counting }, new Set([keyOf(i)]), 2);
      seen.push(listed);
      const writer = new LedgerGroupWriter(scoped, `g${i}`, undefined, keyOf(i));
      writer.set(record(keyOf(i), { state: 'submitted', jobId: `j${i}` }));
      await writer.flush();
    }
    // The scope's `k/` and the ledger root's `groups/`; nothing that grows with the other keys' groups.
    expect(Math.max(...seen.slice(1))).toBe(seen[1]);
    expect(seen[29]).toBeLessThan(30);
  });

  it('fails with the object named when a group is not a ledger group', async () => {
    const bad = { ...at, scope: 'd'.repeat(32) };
    await client.putObject({ bucket: BUCKET, key: `${PREFIX}groups/${'d'.repeat(32)}/x.json`, body: '{"records": 3}' });
    await expect(readLedger(bad, new Set(['k1']), 2)).rejects.toThrow(`ledger object ${PREFIX}groups/${'d'.repeat(32)}/x.json is not a cdktf-cos-media ledger group`);
  });
});

describe('LedgerGroupWriter.flush', () => {
  const at = { bucket: 'b', prefix: 'p/', scope: 's' } as unknown as LedgerLocation;

  /** A put that completes only when the test says so, recording what it was given. */
  function manualPut(): { put: (body: string) => Promise<void>; bodies: string[]; finish(i: number, err?: Error): void; inFlight(): number } {
    const bodies: string[] = [];
    const waiters: Array<{ resolve(): void; reject(e: Error): void; done: boolean }> = [];
    return {
      bodies,
      put: (body) =>
        new Promise<void>((resolve, reject) => {
          bodies.push(body);
          waiters.push({ resolve, reject, done: false });
        }),
      finish(i, err) {
        const w = waiters[i] as { resolve(): void; reject(e: Error): void; done: boolean };
        w.done = true;
        if (err) w.reject(err);
        else w.resolve();
      },
      inFlight: () => waiters.filter((w) => !w.done).length,
    };
  }
  const keysIn = (body: string): string[] => (JSON.parse(body) as { records: LedgerRecord[] }).records.map((r) => r.key);
  const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

  it('waits for a write that began after the call, never two writes at once, and shares writes between waiters', async () => {
    const m = manualPut();
    const writer = new LedgerGroupWriter(at, 'g', m.put);
    writer.set(record('a'));
    let firstDone = false;
    const first = writer.flush().then(() => (firstDone = true));
    await tick();
    writer.set(record('b'));
    let secondDone = false;
    const second = writer.flush().then(() => (secondDone = true));
    const third = writer.flush();
    await tick();
    expect(m.bodies.map(keysIn)).toEqual([['a']]);
    expect(m.inFlight()).toBe(1);
    m.finish(0);
    await first;
    await tick();
    expect(firstDone).toBe(true);
    expect(secondDone).toBe(false);
    // One more write stores 'b' for both later callers.
    expect(m.bodies.map(keysIn)).toEqual([['a'], ['a', 'b']]);
    m.finish(1);
    await Promise.all([second, third]);
    expect(m.bodies).toHaveLength(2);
  });

  it('fails the waiters of a failed write and writes again on the next flush', async () => {
    const m = manualPut();
    const writer = new LedgerGroupWriter(at, 'g', m.put);
    writer.set(record('a'));
    const failing = writer.flush();
    await tick();
    m.finish(0, new Error('PUT failed'));
    await expect(failing).rejects.toThrow('PUT failed');
    const retry = writer.flush();
    await tick();
    m.finish(1);
    await retry;
    expect(m.bodies.map(keysIn)).toEqual([['a'], ['a']]);
  });
});
