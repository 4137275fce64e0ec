import { CosMediaClient } from '../../src/client';
import { startEmulator, type RunningEmulator } from '../../src/emulator';
import { createContext, type HandlerContext } from '../../src/handler/context';
import { idempotencyKey } from '../../src/handler/idempotency';
import { INTENT_VALIDITY_MS, ledgerOf, runJobs, type JobRunPlan } from '../../src/handler/job-runner';
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

describe('runJobs and its ledger intents', () => {
  let emulator: RunningEmulator;
  let ctx: HandlerContext;
  beforeAll(async () => {
    emulator = await startEmulator({ secretId: SECRET_ID, secretKey: SECRET_KEY, jobDurationMs: 3_600_000, warn: () => undefined });
    const client = new CosMediaClient({ region: REGION, credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emulator.url });
    await client.putBucket({ bucket: BUCKET });
    await client.enableMediaProcessing({ bucket: BUCKET });
    for (const key of INPUTS) await client.putObject({ bucket: BUCKET, key, body: 'video' });
    await client.close();
    const env = { COS_MEDIA_ENDPOINT: emulator.url, TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: SECRET_KEY };
    const real = createContext('create', {} as ResourceTriggers, env, () => undefined);
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

/**
 * The idempotency keys of the plan's inputs, as the runner computes them: of the request as sent, whose
 * output key has `${InputName}` expanded (`in/a.mp4` → `out/a.${ext}`).
 */
function keys(): Set<string> {
  const p = plan();
  const operation = (p.request as { Operation: { VideoEnhance: never; Output: { Region: string; Bucket: string } } }).Operation;
  return new Set(
    p.inputs.map((input) => {
      const name = (input.split('/').pop() as string).replace(/\.mp4$/, '');
      const sent = { ...operation, Output: { ...operation.Output, Object: `out/${name}.${'${ext}'}` } };
      return idempotencyKey({ bucket: p.bucket, region: p.region, request: { Tag: 'VideoEnhance', Input: { Object: input }, Operation: sent }, templates: {} });
    }),
  );
}
