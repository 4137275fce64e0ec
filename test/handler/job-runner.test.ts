import { CosMediaClient } from '../../src/client';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { createContext, type HandlerContext } from '../../src/handler/context';
import { idempotencyKey } from '../../src/handler/idempotency';
import { FIRST_POLL_INTERVAL_MS, INTENT_VALIDITY_MS, ledgerOf, runJobs, type JobRunPlan } from '../../src/handler/job-runner';
import { readLedger } from '../../src/handler/ledger';
import type { ResourceTriggers } from '../../src/model';

const BUCKET = 'runner-1250000000';
const REGION = 'ap-guangzhou';
const SECRET_ID = 'AKIDRUNNERTESTS0000001';
const SECRET_KEY = 'runner-test-secret-key';
const INPUTS = ['in/a.mp4', 'in/b.mp4', 'in/c.mp4', 'in/d.mp4', 'in/e.mp4'];

function plan(): JobRunPlan {
  return {
    name: 'batch',
    bucket: BUCKET,
    region: REGION,
    request: {
      Tag: 'VideoEnhance',
      Operation: {
        VideoEnhance: { MsSharpen: { SharpenLevel: '4' } },
        Output: { Region: REGION, Bucket: BUCKET, Object: 'out/${InputName}.${ext}' },
      },
    },
    templates: {},
    inputs: INPUTS,
    concurrency: 1,
    requestsPerSecond: 1000,
    wait: false,
    waitTimeoutSeconds: 60,
    ledgerPrefix: '.cos-media/ledger/',
  };
}

/** An emulator with the bucket (media processing on) and the inputs, and a handler context against it. */
async function startWithInputs(jobDurationMs: number): Promise<{ emulator: RunningEmulator; ctx: HandlerContext }> {
  const emulator = await startEmulator({ secretId: SECRET_ID, secretKey: SECRET_KEY, jobDurationMs, warn: () => undefined });
  const client = new CosMediaClient({ region: REGION, credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emulator.url });
  await client.putBucket({ bucket: BUCKET });
  await client.enableMediaProcessing({ bucket: BUCKET });
  for (const key of INPUTS) await client.putObject({ bucket: BUCKET, key, body: 'video' });
  await client.close();
  const env = { COS_MEDIA_ENDPOINT: emulator.url, TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: SECRET_KEY };
  return { emulator, ctx: createContext('create', {} as ResourceTriggers, env, () => undefined) };
}

/** `ctx`, noting every wait it is asked for in `sleeps`. */
function recordingSleeps(ctx: HandlerContext, sleeps: number[]): HandlerContext {
  return {
    ...ctx,
    sleep: (ms) => {
      sleeps.push(ms);
      return ctx.sleep(ms);
    },
  };
}

describe('runJobs and its ledger intents', () => {
  let emulator: RunningEmulator;
  let ctx: HandlerContext;
  beforeAll(async () => {
    let real: HandlerContext;
    ({ emulator, ctx: real } = await startWithInputs(3_600_000));
    // Six seconds pass with every job submitted: a group's intents get old before its last POST.
    ctx = { ...real, now: () => Date.now() + 6000 * emulator.state().jobs.length };
  });
  afterAll(async () => {
    await ctx.close();
    await emulator.stop();
  });

  it('stores fresh intents before a POST that would go out long after its intent was stored', async () => {
    const outcome = await runJobs(ctx, plan());
    expect(outcome.counts.submitted).toBe(INPUTS.length);
    const jobs = [...emulator.state().jobs].sort((a, b) => a.seq - b.seq);
    // Each POST carried its own output key: `${InputName}` expanded, `${ext}` left to the service.
    expect(jobs.map((j) => (j.operation.Output as { Object: string }).Object)).toEqual(INPUTS.map((k) => k.replace(/^in\/(\w+)\.mp4$/, 'out/$1.${ext}')));
    const records = [...(await readLedger(ledgerOf(ctx, plan()), keys(), 1)).values()];
    jobs.forEach((job, i) => {
      // On the handler's clock, job i was sent 6 s × i after the real time it was created.
      const postedAt = job.createdAt + 6000 * i;
      const record = records.find((r) => r.input === job.inputObject);
      expect(record).toMatchObject({ state: 'submitted', jobId: job.jobId });
      const intentAge = postedAt - Date.parse(record?.sentAt ?? '');
      expect(intentAge).toBeLessThanOrEqual(INTENT_VALIDITY_MS + 1000);
      expect(intentAge).toBeGreaterThanOrEqual(-1000);
    });
  });

});

describe('runJobs for single-input job resources', () => {
  let emulator: RunningEmulator;
  let ctx: HandlerContext;
  const sleeps: number[] = [];
  beforeAll(async () => {
    // Jobs end as soon as they are queued: done by the time the handler first describes them.
    let real: HandlerContext;
    ({ emulator, ctx: real } = await startWithInputs(0));
    ctx = recordingSleeps(real, sleeps);
  });
  afterAll(async () => {
    await ctx.close();
    await emulator.stop();
  });

  it('waits no poll interval for a job that is done when first described, and keeps each one-input ledger group in the directory of its key', async () => {
    for (const input of INPUTS) {
      const outcome = await runJobs(ctx, { ...plan(), inputs: [input], wait: true });
      expect(outcome.results).toEqual([expect.objectContaining({ input, state: 'Success' })]);
    }
    expect(sleeps).toEqual([]);
    const groups = emulator
      .state()
      .objects.map((o) => o.key)
      .filter((k) => k.includes('/groups/'));
    expect(groups).toHaveLength(INPUTS.length);
    const hints = [...keys()].map((k) => k.slice(0, 32)).sort();
    expect(groups.map((k) => /\/k\/([0-9a-f]{32})\/[^/]+\.json$/.exec(k)?.[1]).sort()).toEqual(hints);
    // Each single-input resource finds its own record again (and only adopts, submitting nothing).
    const before = emulator.state().jobs.length;
    for (const input of INPUTS) await runJobs(ctx, { ...plan(), inputs: [input], wait: true });
    expect(emulator.state().jobs.length).toBe(before);
  });

  it('records a failed first job among the earlier jobs of its input when it submits it again', async () => {
    // While it describes recorded jobs, the run keeps no record of a first submission: the record stored for
    // the next POST must still count two attempts and list the failed job, so that it is never adopted again.
    const input = 'in/f.mp4';
    const client = new CosMediaClient({ region: REGION, credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emulator.url });
    await client.putObject({ bucket: BUCKET, key: input, body: 'video' });
    await client.close();
    emulator.addFaults({ operation: 'RunMediaJob', times: 1, effect: { type: 'failJob', code: 'InternalError', message: 'injected' } });
    const batch = { ...plan(), inputs: [input], wait: true };
    const first = await runJobs(ctx, batch);
    expect(first.failed).toEqual([expect.objectContaining({ input, state: 'Failed' })]);
    const failedId = first.results[0]?.jobId;
    const second = await runJobs(ctx, batch);
    const again = second.results[0]?.jobId;
    expect(second.results).toEqual([expect.objectContaining({ input, state: 'Success' })]);
    expect(again).not.toBe(failedId);
    const records = [...(await readLedger(ledgerOf(ctx, batch), keys([input]), 1)).values()];
    expect(records).toEqual([expect.objectContaining({ input, state: 'submitted', jobId: again, attempts: 2, previousJobIds: [failedId] })]);
  });
});

/**
 * The idempotency keys of the plan's inputs, as the runner computes them: of the request as sent, whose
 * output key has `${InputName}` expanded (`in/a.mp4` → `out/a.${ext}`).
 */
function keys(inputs: readonly string[] = plan().inputs): Set<string> {
  const p = plan();
  const operation = (p.request as { Operation: { VideoEnhance: never; Output: { Region: string; Bucket: string } } }).Operation;
  return new Set(
    inputs.map((input) => {
      const name = (input.split('/').pop() as string).replace(/\.mp4$/, '');
      const sent = { ...operation, Output: { ...operation.Output, Object: `out/${name}.${'${ext}'}` } };
      return idempotencyKey({ bucket: p.bucket, region: p.region, request: { Tag: 'VideoEnhance', Input: { Object: input }, Operation: sent }, templates: {} });
    }),
  );
}

describe('runJobs waiting for a job that takes a moment', () => {
  it('looks again after 250 ms, then twice as long each time up to the poll interval', async () => {
    const started = await startWithInputs(600);
    const { emulator } = started;
    const sleeps: number[] = [];
    const ctx = recordingSleeps(started.ctx, sleeps);
    try {
      const outcome = await runJobs(ctx, { ...plan(), inputs: ['in/a.mp4'], wait: true });
      expect(outcome.results).toEqual([expect.objectContaining({ state: 'Success' })]);
    } finally {
      await ctx.close();
      await emulator.stop();
    }
    // A job of 600 ms is still running at the first look (at once) and at 250 ms; the waits then double
    // towards the 2 s poll interval, never more.
    expect(sleeps.slice(0, 2)).toEqual([FIRST_POLL_INTERVAL_MS, 2 * FIRST_POLL_INTERVAL_MS]);
    sleeps.forEach((ms, i) => expect(ms).toBe(Math.min(2000, FIRST_POLL_INTERVAL_MS * 2 ** i)));
  });
});
