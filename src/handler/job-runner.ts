/**
 * Makes sure each input of a job resource has exactly one live VideoEnhance job, then (optionally) waits for
 * them. Used for a single `VideoEnhanceJob` (one input) and for `VideoEnhanceBatch` (many).
 *
 * Per input: the ledger says what was done before. A recorded job that is alive or done is adopted; one that
 * `Failed` or was cancelled is submitted again; an intent without a JobId is reconciled (see reconcile.ts)
 * before anything is sent. A POST whose outcome is unknown is reconciled, never re-sent blindly.
 */
import { ConnectionError, TencentApiError, UnknownOutcomeError, type CosMediaClient } from '../client';
import type { JobDetail, VideoEnhanceJobRequest, XmlObject } from '../model';
import type { HandlerContext } from './context';
import { HandlerFailure } from './failure';
import { idempotencyKey } from './idempotency';
import { listLedgerKeys, readLedger, writeLedger, type LedgerLocation, type LedgerRecord } from './ledger';
import { mapPool } from './pool';
import { ProgressReporter, type BatchCounts } from './progress';
import { RateLimiter } from './rate-limiter';
import { findSubmittedJob } from './reconcile';
import type { JobResult } from './results';

export interface JobRunPlan {
  /** Short name for progress lines (the construct id). */
  readonly name: string;
  readonly bucket: string;
  readonly region: string;
  /** The wire request without `Input` and without template ids. */
  readonly request: XmlObject;
  /** `template.*` and `watermark_template.*` settings. */
  readonly templates: Readonly<Record<string, string>>;
  readonly inputs: readonly string[];
  readonly concurrency: number;
  readonly requestsPerSecond: number;
  readonly wait: boolean;
  readonly waitTimeoutSeconds: number;
  readonly ledgerPrefix: string;
}

/** Job ids per `GET /jobs/<id>,<id>,…` request. */
export const DESCRIBE_BATCH_SIZE = 50;
/** POSTs for one input in one run at most (a definite rejection stops earlier). */
const MAX_SUBMIT_ATTEMPTS = 3;
/** Reconciliation tries after an unknown outcome, and the pause between them. */
const RECONCILE_TRIES = 3;
const RECONCILE_PAUSE_MS = 1000;

const TERMINAL = new Set(['Success', 'Failed', 'Cancel']);
const RESUBMIT = new Set(['Failed', 'Cancel']);

interface InputState {
  readonly input: string;
  readonly key: string;
  record: LedgerRecord | undefined;
  jobId?: string;
  state: string;
  code?: string;
  message?: string;
  outputs?: string[];
}

export interface JobRunOutcome {
  readonly results: JobResult[];
  readonly counts: BatchCounts;
  /** Inputs that ended Failed or were rejected. */
  readonly failed: JobResult[];
  /** Inputs still running when the wait timed out. */
  readonly pending: JobResult[];
  /** Requests sent to the service (for measurements). */
  readonly requests: number;
}

/** Resolves template names to ids in the job's bucket. */
async function resolveTemplates(client: CosMediaClient, bucket: string, templates: Readonly<Record<string, string>>): Promise<{
  templateId?: string;
  watermarkTemplateIds: string[];
}> {
  const find = async (name: string, tag: string): Promise<string> => {
    const found = await client.findTemplateByName({ bucket, name, tag });
    if (found === undefined) {
      throw new HandlerFailure(`template ${JSON.stringify(name)} does not exist in ${bucket}; apply its template resource first`);
    }
    return found.TemplateId;
  };
  const templateName = templates['template.name'];
  const watermarkTemplateIds: string[] = [];
  for (let i = 0; templates[`watermark_template.${i}.name`] !== undefined; i++) {
    watermarkTemplateIds.push(await find(templates[`watermark_template.${i}.name`] as string, 'Watermark'));
  }
  return {
    ...(templateName !== undefined ? { templateId: await find(templateName, 'VideoEnhance') } : {}),
    watermarkTemplateIds,
  };
}

/** The request for one input, with resolved template ids, in the order the API documents. */
function requestFor(plan: JobRunPlan, input: string, ids: { templateId?: string; watermarkTemplateIds: string[] }): XmlObject {
  const { Tag, Operation, ...rest } = plan.request as { Tag: string; Operation: XmlObject } & XmlObject;
  const operation: XmlObject = { ...Operation };
  if (ids.templateId !== undefined) operation.TemplateId = ids.templateId;
  if (ids.watermarkTemplateIds.length > 0) operation.WatermarkTemplateId = ids.watermarkTemplateIds;
  return { Tag, Input: { Object: input }, Operation: operation, ...rest };
}

function outputsOf(job: JobDetail): string[] | undefined {
  const file = job.Operation?.MediaResult?.OutputFile;
  if (!file) return undefined;
  return (file.ObjectName ?? []).map((n) => `${file.ObjectPrefix ?? ''}${n}`);
}

export async function runJobs(ctx: HandlerContext, plan: JobRunPlan): Promise<JobRunOutcome> {
  const client = ctx.client(plan.region);
  const request = plan.request as { Operation: { Output: { Bucket: string; Region: string } } };
  const ledger: LedgerLocation = {
    client: ctx.client(request.Operation.Output.Region),
    bucket: request.Operation.Output.Bucket,
    prefix: plan.ledgerPrefix,
  };
  const limiter = new RateLimiter(plan.requestsPerSecond);
  let requests = 0;
  /** Every request of the run goes through here: rate-limited, counted, SlowDown slows the run down. */
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    for (;;) {
      await limiter.acquire();
      requests += 1;
      try {
        const result = await fn();
        limiter.onSuccess();
        return result;
      } catch (err) {
        if (err instanceof TencentApiError && err.code === 'SlowDown') {
          limiter.onSlowDown();
          continue;
        }
        throw err;
      }
    }
  };

  const ids = await call(() => resolveTemplates(client, plan.bucket, plan.templates));
  const queueId = (plan.request.QueueId as string | undefined) ?? (await call(() => defaultQueueId(client, plan.bucket)));
  const states: InputState[] = plan.inputs.map((input) => ({
    input,
    key: idempotencyKey({ bucket: plan.bucket, region: plan.region, request: requestFor(plan, input, { watermarkTemplateIds: [] }), templates: plan.templates }),
    record: undefined,
    state: 'Pending',
  }));
  // One job reports its state changes itself; a batch reports counts.
  const progress = new ProgressReporter(plan.name, plan.inputs.length > 1 ? ctx.log : () => undefined, ctx.progressIntervalMs, ctx.now);
  const counts = (): BatchCounts => ({
    total: states.length,
    submitted: states.filter((s) => s.jobId !== undefined).length,
    running: states.filter((s) => s.state === 'Running').length,
    succeeded: states.filter((s) => s.state === 'Success').length,
    failed: states.filter((s) => s.state === 'Failed' || s.state === 'Rejected').length,
  });

  // 1. What was done before: one listing of the ledger prefix, then a GET for each recorded key.
  const recorded = await call(() => listLedgerKeys(ledger));
  await mapPool(
    states.filter((s) => recorded.has(s.key)),
    plan.concurrency,
    async (s) => {
      s.record = await call(() => readLedger(ledger, s.key));
      if (s.record?.state === 'submitted' && s.record.jobId) s.jobId = s.record.jobId;
    },
  );
  // 2. Recorded jobs: alive or done is adopted; Failed, cancelled or unknown to the service is submitted again.
  await describeAll(ctx, states.filter((s) => s.jobId !== undefined), client, plan, call);
  for (const s of states) {
    if (s.jobId !== undefined && (RESUBMIT.has(s.state) || s.state === 'Missing')) {
      ctx.log(`${plan.name}: ${s.input}: job ${s.jobId} ended ${s.state}${s.code ? ` (${s.code})` : ''}; submitting it again`);
      s.record = s.record && { ...s.record, previousJobIds: [...s.record.previousJobIds, s.jobId] };
      s.jobId = undefined;
      s.state = 'Pending';
    }
  }
  // 3. Submit what is missing (reconciling intents first).
  await mapPool(
    states.filter((s) => s.jobId === undefined),
    plan.concurrency,
    async (s) => {
      await ensureSubmitted(ctx, s, plan, ids, ledger, client, queueId, call);
      progress.report(counts());
    },
  );
  // 4. Wait.
  if (plan.wait) {
    const deadline = ctx.now() + plan.waitTimeoutSeconds * 1000;
    let interval = ctx.pollIntervalMs;
    for (;;) {
      const open = states.filter((s) => s.jobId !== undefined && !TERMINAL.has(s.state));
      if (open.length === 0) break;
      if (ctx.now() >= deadline) break;
      await ctx.sleep(Math.min(interval, Math.max(0, deadline - ctx.now())));
      interval = Math.min(ctx.pollMaxIntervalMs, Math.ceil(interval * 1.5));
      await describeAll(ctx, open, client, plan, call);
      progress.report(counts());
    }
  }
  progress.report(counts(), true);
  const results: JobResult[] = states.map((s) => ({
    input: s.input,
    ...(s.jobId !== undefined ? { jobId: s.jobId } : {}),
    state: s.state,
    ...(s.code !== undefined && s.state !== 'Success' ? { code: s.code } : {}),
    ...(s.message ? { message: s.message } : {}),
    ...(s.outputs ? { outputs: s.outputs } : {}),
    outputBucket: request.Operation.Output.Bucket,
  }));
  return {
    results,
    counts: counts(),
    failed: results.filter((r) => r.state === 'Failed' || r.state === 'Rejected' || r.state === 'Cancel'),
    pending: results.filter((r) => !TERMINAL.has(r.state) && r.state !== 'Rejected'),
    requests,
  };
}

async function defaultQueueId(client: CosMediaClient, bucket: string): Promise<string | undefined> {
  const result = await client.describeQueues({ bucket });
  return result.queues[0]?.QueueId;
}

type Call = <T>(fn: () => Promise<T>) => Promise<T>;

/** Describes jobs in batches of `DESCRIBE_BATCH_SIZE` ids per request and updates their states. */
async function describeAll(ctx: HandlerContext, states: InputState[], client: CosMediaClient, plan: JobRunPlan, call: Call): Promise<void> {
  const chunks: InputState[][] = [];
  for (let i = 0; i < states.length; i += DESCRIBE_BATCH_SIZE) chunks.push(states.slice(i, i + DESCRIBE_BATCH_SIZE));
  await mapPool(chunks, plan.concurrency, async (chunk) => {
    const byId = new Map(chunk.map((s) => [s.jobId as string, s]));
    const result = await call(() => client.describeJobs({ bucket: plan.bucket, jobIds: [...byId.keys()] }));
    for (const job of result.jobs) {
      const s = byId.get(job.JobId);
      if (!s) continue;
      const before = s.state;
      s.state = job.State;
      s.code = job.Code;
      s.message = job.Message;
      if (job.State === 'Success') s.outputs = outputsOf(job);
      if (plan.inputs.length === 1 && before !== s.state && before !== 'Pending') {
        ctx.log(`${plan.name}: job ${job.JobId} ${s.state}${job.Progress ? ` (${job.Progress}%)` : ''}`);
      }
    }
    for (const id of result.nonExistJobIds) {
      const s = byId.get(id);
      if (s) s.state = 'Missing';
    }
  });
}

async function ensureSubmitted(
  ctx: HandlerContext,
  s: InputState,
  plan: JobRunPlan,
  ids: { templateId?: string; watermarkTemplateIds: string[] },
  ledger: LedgerLocation,
  client: CosMediaClient,
  queueId: string | undefined,
  call: Call,
): Promise<void> {
  const request = requestFor(plan, s.input, ids);
  const exclude = s.record?.previousJobIds ?? [];
  const adopt = async (job: JobDetail, how: string, base: LedgerRecord): Promise<void> => {
    s.jobId = job.JobId;
    s.state = job.State;
    const record: LedgerRecord = { ...base, state: 'submitted', jobId: job.JobId };
    await call(() => writeLedger(ledger, record));
    s.record = record;
    if (plan.inputs.length === 1) ctx.log(`${plan.name}: job ${job.JobId} ${how}`);
  };
  const reconcile = async (sentAt: string): Promise<JobDetail | undefined> =>
    call(() => findSubmittedJob({ client, bucket: plan.bucket, queueId, request, sentAt: new Date(sentAt), exclude }));

  // A run that died after its intent: the POST may have created the job.
  if (s.record?.state === 'submitting') {
    const found = await reconcile(s.record.sentAt);
    if (found) return adopt(found, 'found (submitted by an earlier run)', s.record);
  }
  let attempts = s.record?.attempts ?? 0;
  for (let tries = 0; tries < MAX_SUBMIT_ATTEMPTS; tries++) {
    attempts += 1;
    const intent: LedgerRecord = {
      version: 1,
      key: s.key,
      input: s.input,
      state: 'submitting',
      sentAt: new Date(ctx.now()).toISOString(),
      attempts,
      previousJobIds: exclude,
    };
    await call(() => writeLedger(ledger, intent));
    s.record = intent;
    try {
      const job = await call(() => client.submitJob({ bucket: plan.bucket, job: request as unknown as VideoEnhanceJobRequest }));
      return await adopt(job, 'submitted', intent);
    } catch (err) {
      if (err instanceof TencentApiError) {
        // A definite answer: nothing was created. Recorded for the summary; the next apply tries again.
        s.state = 'Rejected';
        s.code = err.code;
        s.message = err.serverMessage;
        return;
      }
      if (!(err instanceof UnknownOutcomeError)) throw err;
      const notDelivered = err.cause instanceof ConnectionError && err.cause.delivered === 'no';
      if (!notDelivered) {
        for (let r = 0; r < RECONCILE_TRIES; r++) {
          const found = await reconcile(intent.sentAt);
          if (found) return adopt(found, 'found after an unknown outcome', intent);
          await ctx.sleep(RECONCILE_PAUSE_MS);
        }
      }
      ctx.log(`${plan.name}: ${s.input}: submission outcome unknown and no job found; sending again`);
    }
  }
  s.state = 'Rejected';
  s.code = 'UnknownOutcome';
  s.message = `no answer after ${MAX_SUBMIT_ATTEMPTS} submissions; the next apply reconciles before sending again`;
}
