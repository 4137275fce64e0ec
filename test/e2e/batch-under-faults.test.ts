import { handlerPidsUnder } from '../../chaos/handler-pids';
import { MediaBucket, VideoEnhanceBatch } from '../../src/constructs';
import { jobsIn, REGION, seedInputs, startHarness, type Harness } from './e2e-helpers';

const BUCKET = 'faults-1250000000';
const INPUTS = Array.from({ length: 220 }, (_, i) => `raw/clip-${String(i).padStart(3, '0')}.mp4`);

describe('a 220-input batch under injected faults, with its handler killed mid-batch', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ jobDurationMs: 100, faultSeed: Number(process.env.COS_MEDIA_FAULT_SEED ?? 7) });
    await seedInputs(h, BUCKET, INPUTS);
    h.emulator.addFaults(
      // Slow submissions keep the batch running long enough to be killed in the middle, even on a busy machine.
      { operation: 'CreateMediaJobs', probability: 1, effect: { type: 'latency', ms: 25 } },
      { operation: 'CreateMediaJobs', probability: 0.06, effect: { type: 'commitThenDrop' } },
      { operation: 'CreateMediaJobs', probability: 0.04, effect: { type: 'error', status: 503, code: 'ServiceUnavailable' } },
      { operation: 'CreateMediaJobs', probability: 0.03, effect: { type: 'reset' } },
      { hostKind: 'ci', probability: 0.04, effect: { type: 'error', status: 429, code: 'SlowDown' } },
      { operation: 'DescribeMediaJob', probability: 0.1, effect: { type: 'reset' } },
      { operation: 'PutObject', probability: 0.03, effect: { type: 'error', status: 500, code: 'InternalError' } },
      { operation: 'GetObject', probability: 0.03, effect: { type: 'reset' } },
      { operation: 'DescribeMediaJobs', probability: 0.05, effect: { type: 'error', status: 503, code: 'ServiceUnavailable' } },
    );
  });
  afterAll(async () => h.close());

  it('converges with exactly one successful job per input: no duplicates, none missing', async () => {
    const stackDir = h.synth((stack) => {
      const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
      new VideoEnhanceBatch(stack, 'catalog', {
        bucket,
        inputs: INPUTS,
        enhance: { msSharpen: { sharpenLevel: 4 } },
        output: { object: 'enhanced/${InputName}.${ext}' },
        concurrency: 8,
        requestsPerSecond: 400,
      });
    });

    // Apply until it succeeds, as a pipeline would; once about a quarter of the jobs exist, the running
    // handler is killed with SIGKILL (whichever apply that happens in).
    let killed = false;
    const watcher = setInterval(() => {
      if (killed || jobsIn(h).length < 50) return;
      // Only this test's handlers (working under its directory), never another test's running in parallel.
      const pids = handlerPidsUnder(h.dir);
      if (pids.length === 0) return;
      for (const pid of pids) process.kill(pid, 'SIGKILL');
      killed = true;
    }, 10);
    const applies = [];
    try {
      do applies.push(await h.apply(stackDir));
      while (!applies[applies.length - 1]?.summary.ok && applies.length < 8);
    } finally {
      clearInterval(watcher);
    }
    expect(killed).toBe(true);
    expect(applies.length).toBeGreaterThan(1);
    expect(applies[applies.length - 1]?.summary.ok).toBe(true);

    const jobs = jobsIn(h);
    const byInput = new Map<string, string[]>();
    for (const j of jobs) byInput.set(j.inputObject, [...(byInput.get(j.inputObject) ?? []), j.state]);
    const duplicated = [...byInput].filter(([, states]) => states.length > 1);
    const missing = INPUTS.filter((i) => !byInput.has(i));
    expect(duplicated).toEqual([]);
    expect(missing).toEqual([]);
    expect(jobs.every((j) => j.state === 'Success')).toBe(true);
    if (process.env.COS_MEDIA_FAULT_SEED) console.log(`applies: ${applies.length}`, JSON.stringify(h.emulator.state().faults.rules.map((r) => [r.operation, r.effect.type, r.fired])));
    // The faults did fire: this run exercised the unknown-outcome paths.
    const fired = h.emulator.state().faults.rules.map((r) => [r.operation, r.effect.type, r.fired]);
    expect(fired.filter(([op, type, n]) => op === 'CreateMediaJobs' && type === 'commitThenDrop' && (n as number) > 0)).toHaveLength(1);
  });
});
