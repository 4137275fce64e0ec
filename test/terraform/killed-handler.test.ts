/**
 * The handler SIGKILLed in the middle of a batch apply under real Terraform: only this test's handler
 * processes are killed (found by pid through their working directory), and the next applies converge.
 */
import { handlerPidsUnder } from '../../chaos/handler-pids';
import { MediaBucket, VideoEnhanceBatch } from '../../src/constructs';
import { describeTerraform, REGION, startTerraformHarness, type TerraformHarness } from './terraform-harness';

const BUCKET = 'tf-kill-1250000000';
const INPUTS = Array.from({ length: 60 }, (_, i) => `raw/clip-${String(i).padStart(2, '0')}.mp4`);

describeTerraform('real Terraform with the handler killed mid-batch', () => {
  let h: TerraformHarness;
  beforeAll(async () => {
    h = await startTerraformHarness();
    await h.client.putBucket({ bucket: BUCKET });
    for (const key of INPUTS) await h.client.putObject({ bucket: BUCKET, key, body: `stand-in ${key}` });
    // Slow submissions keep the batch running long enough to be killed in the middle, even on a busy machine.
    h.emulator.addFaults({ operation: 'CreateMediaJobs', probability: 1, effect: { type: 'latency', ms: 40 } });
  });
  afterAll(async () => h?.close());

  it('converges on the next apply with no duplicate and no missing job', async () => {
    const stackDir = h.synth((stack) => {
      const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
      new VideoEnhanceBatch(stack, 'catalog', {
        bucket,
        inputs: INPUTS,
        enhance: { msSharpen: { sharpenLevel: 4 } },
        output: { object: 'enhanced/${InputName}.${ext}' },
        concurrency: 2,
      });
    });
    await h.init(stackDir);

    const killed: number[] = [];
    const watcher = setInterval(() => {
      if (killed.length > 0 || h.emulator.state().jobs.length < 15) return;
      for (const pid of handlerPidsUnder(h.dir)) {
        process.kill(pid, 'SIGKILL');
        killed.push(pid);
      }
    }, 10);
    const runs = [];
    try {
      do runs.push(await h.apply(stackDir));
      while (runs[runs.length - 1]?.code !== 0 && runs.length < 5);
    } finally {
      clearInterval(watcher);
    }
    expect(killed.length).toBeGreaterThan(0);
    expect(runs[0]?.code).not.toBe(0);
    expect(runs[runs.length - 1]?.code).toBe(0);

    const byInput = new Map<string, number>();
    for (const j of h.emulator.state().jobs) byInput.set(j.inputObject, (byInput.get(j.inputObject) ?? 0) + 1);
    expect([...byInput].filter(([, n]) => n > 1)).toEqual([]);
    expect(INPUTS.filter((i) => !byInput.has(i))).toEqual([]);
    const shown = await h.show(stackDir);
    expect([...shown.values()].every((r) => !r.tainted)).toBe(true);
    expect((await h.plan(stackDir)).exitCode).toBe(0);
  });
});
