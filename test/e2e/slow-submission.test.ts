import { MediaBucket, VideoEnhanceJob } from '../../src/constructs';
import { jobsIn, REGION, seedInputs, startHarness, type Harness } from './e2e-helpers';

const BUCKET = 'slow-1250000000';

describe('a job submission the service commits only after the client gave up waiting', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ jobDurationMs: 50 });
    await seedInputs(h, BUCKET, ['in/a.mp4']);
  });
  afterAll(async () => h.close());

  it('is submitted once: the handler waits for the unknown outcome to settle and finds the job', async () => {
    // The client waits 1 s for an answer; the service holds the first POST /jobs for 2.5 s, then commits it.
    h.env.COS_MEDIA_RESPONSE_TIMEOUT_MS = '1000';
    h.env.COS_MEDIA_SUBMIT_SETTLE_MS = '5000';
    const [rule] = h.emulator.addFaults({ operation: 'CreateMediaJobs', times: 1, effect: { type: 'latency', ms: 2500 } });
    const stackDir = h.synth((stack) => {
      const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
      new VideoEnhanceJob(stack, 'job', { bucket, input: 'in/a.mp4', enhance: { msSharpen: { sharpenLevel: 3 } }, output: { object: 'out/${InputName}.${ext}' } });
    });
    const result = await h.apply(stackDir);
    expect(rule?.fired).toBe(1);
    expect(result.summary.ok).toBe(true);
    expect(h.lines.join('\n')).toMatch(/found after an unknown outcome/);
    expect(jobsIn(h).filter((j) => j.inputObject === 'in/a.mp4').map((j) => j.state)).toEqual(['Success']);
  });
});
