import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ManualClock, type RunningEmulator } from '../../src/emulator';
import { Persistence } from '../../src/emulator/persistence';
import { Store } from '../../src/emulator/state';
import { BUCKET, ciHost, cosHost, jobXml, send, setUpMediaBucket, startTestEmulator, xmlHeaders, xmlOf } from './helpers';

describe('persistence in a data directory', () => {
  let dir: string;
  let emulator: RunningEmulator | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-emulator-'));
  });
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const T0 = Date.UTC(2026, 0, 1);

  it('keeps buckets, objects, templates and jobs across a restart, and resumes a running job', async () => {
    emulator = await startTestEmulator({ dataDir: dir, clock: new ManualClock(T0), jobDurationMs: 10_000 });
    await setUpMediaBucket(emulator.url);
    await send(emulator.url, {
      method: 'POST', host: ciHost(), path: '/template', headers: xmlHeaders,
      body: '<Request><Tag>VideoEnhance</Tag><Name>kept</Name><VideoEnhance><MsSharpen><SharpenLevel>1</SharpenLevel></MsSharpen></VideoEnhance></Request>',
    });
    const job = (xmlOf(await send(emulator.url, { method: 'POST', host: ciHost(), path: '/jobs', body: jobXml(), headers: xmlHeaders })).JobsDetail as { JobId: string }[])[0]!;
    await emulator.advance(4000);
    await emulator.stop();

    emulator = await startTestEmulator({ dataDir: dir, clock: new ManualClock(T0 + 4000), jobDurationMs: 10_000 });
    const state = emulator.state();
    expect(state.buckets.map((b) => [b.name, b.mediaProcessing])).toEqual([[BUCKET, true]]);
    expect(state.templates.map((t) => t.name)).toEqual(['kept']);
    expect(state.jobs.map((j) => [j.jobId, j.state, j.progress])).toEqual([[job.JobId, 'Running', 40]]);
    expect((await send(emulator.url, { method: 'GET', host: cosHost(), path: '/input/demo.mp4' })).text).toBe('fake video bytes');
    await emulator.advance(6000);
    expect(emulator.state().jobs[0]).toMatchObject({ state: 'Success', endedAt: T0 + 10_000 });
    expect((await send(emulator.url, { method: 'GET', host: cosHost(), path: '/output/demo.mp4' })).status).toBe(200);
  });

  it('drops a torn last journal line (a crash mid-write) and warns about it', async () => {
    emulator = await startTestEmulator({ dataDir: dir });
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/' });
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/kept.txt', body: 'kept' });
    await emulator.stop();
    const journal = fs.readdirSync(dir).find((f) => f.startsWith('journal-'))!;
    fs.appendFileSync(path.join(dir, journal), '{"c":"objects","k":"media-1250000000/torn.txt","v":{"bucket');
    const warnings: string[] = [];
    emulator = await startTestEmulator({ dataDir: dir, warn: (m) => warnings.push(m) });
    expect(emulator.state().objects.map((o) => o.key)).toEqual(['kept.txt']);
    expect(warnings).toEqual([expect.stringContaining('is torn')]);
  });

  it('forgets everything on reset, also after a restart', async () => {
    emulator = await startTestEmulator({ dataDir: dir });
    await setUpMediaBucket(emulator.url);
    expect((await fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' })).status).toBe(200);
    await emulator.stop();
    emulator = await startTestEmulator({ dataDir: dir });
    expect(emulator.state().buckets).toEqual([]);
    expect(fs.readdirSync(path.join(dir, 'blobs'))).toEqual([]);
  });

  it('fails to open a data directory another live process holds', async () => {
    fs.writeFileSync(path.join(dir, 'LOCK'), String(process.ppid));
    await expect(startTestEmulator({ dataDir: dir })).rejects.toThrow(/is in use by process/);
  });

  it('keeps 1,000 jobs submitted concurrently through a restart', async () => {
    emulator = await startTestEmulator({ dataDir: dir });
    await setUpMediaBucket(emulator.url);
    const ids: string[] = [];
    const worker = async (): Promise<void> => {
      while (ids.length < 1000) {
        const res = await send(emulator!.url, { method: 'POST', host: ciHost(), path: '/jobs', body: jobXml({ output: 'out/${jobid}.mp4' }), headers: xmlHeaders });
        if (res.status !== 200) throw new Error(res.text);
        ids.push((xmlOf(res).JobsDetail as { JobId: string }[])[0]!.JobId);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    await emulator.stop();
    emulator = await startTestEmulator({ dataDir: dir });
    const kept = new Set(emulator.state().jobs.map((j) => j.jobId));
    expect(ids.filter((id) => !kept.has(id))).toEqual([]);
    expect(kept.size).toBe(ids.length);
  });
});

describe('Persistence', () => {
  it('rewrites the snapshot when the journal outgrows its limit and loads the same state back', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-emulator-'));
    try {
      const { persistence } = await Persistence.open(dir, { compactBytes: 2000 });
      const store = new Store(persistence);
      persistence.snapshotSource = () => store.snapshot();
      for (let i = 0; i < 50; i++) {
        store.put('buckets', `b${i}-1250000000`, { name: `b${i}-1250000000`, region: 'ap-guangzhou', createdAt: i, ciBound: false });
        await store.flush();
      }
      store.remove('buckets', 'b0-1250000000');
      await persistence.close();
      const snapshot = JSON.parse(fs.readFileSync(path.join(dir, 'snapshot.json'), 'utf8')) as { generation: number };
      expect(snapshot.generation).toBeGreaterThan(2); // rotated while writing, not only at open
      const { persistence: again, loaded } = await Persistence.open(dir);
      expect(loaded.snapshot.buckets.map(([k]) => k)).toEqual(Array.from({ length: 49 }, (_, i) => `b${i + 1}-1250000000`));
      await again.close();
      expect(fs.readdirSync(dir).sort()).toEqual(['blobs', 'journal-' + (snapshot.generation + 1) + '.ndjson', 'snapshot.json'].sort());
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
