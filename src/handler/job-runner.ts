/**
 * Makes sure each input of a job resource has exactly one live VideoEnhance job, then (optionally) waits for
 * them. Used for a single `VideoEnhanceJob` (one input) and for `VideoEnhanceBatch` (many).
 *
 * Per input: the ledger says what was done before. A recorded job that is alive or done is adopted; one that
 * `Failed` or was cancelled is submitted again; an intent without a JobId is reconciled (see reconcile.ts)
 * before anything is sent. A POST whose outcome is unknown is reconciled, never re-sent blindly.
 *
 * Inputs to submit go in groups of `LEDGER_GROUP_SIZE` that share one ledger object (see ledger.ts): the
 * group's intents are stored before its first POST (the next group's while this one is being sent), its
 * JobIds after its last answer, while the next group is being sent. So at most `concurrency` POSTs are in
 * flight, plus up to two ledger writes.
 */
import { ConnectionError, TencentApiError, UnknownOutcomeError, type CosMediaClient } from '../client';
import { expandPerInputWildcards, outputKeysOf, type JobDetail, type VideoEnhanceJobRequest, type XmlObject } from '../model';
import type { HandlerContext } from './context';
import { HandlerFailure } from './failure';
import { idempotencyKey } from './idempotency';
import { LEDGER_GROUP_SIZE, LedgerGroupWriter, readLedger, type LedgerLocation, type LedgerRecord } from './ledger';
import { mapPool } from './pool';
import { ProgressReporter, type BatchCounts } from './progress';
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

/** The first wait between two looks at running jobs, ms; it doubles up to the poll interval. */
export const FIRST_POLL_INTERVAL_MS = 250;
/** Job ids per `GET /jobs/<id>,<id>,…` request. */
export const DESCRIBE_BATCH_SIZE = 50;
/** POSTs for one input in one run at most (a definite rejection stops earlier). */
const MAX_SUBMIT_ATTEMPTS = 3;
/**
 * A POST goes out at most this long after its intent's `sentAt` (intents are stored a group at a time, ahead
 * of the POSTs); a lane that gets to a POST later first stores fresh intents for the group. So the POST of an
 * intent a dead run left was sent by `sentAt` + this, and the next run waits for it to settle from then.
 */
export const INTENT_VALIDITY_MS = 10_000;
/** Between two looks for the job of an unknown outcome, the handler waits at most twice this. */
const RECONCILE_PAUSE_MS = 1000;

/** Shared by every record without earlier jobs (most of them): a batch of 100,000 keeps one, not 100,000. */
const NO_PREVIOUS_JOBS: readonly string[] = Object.freeze([]);

const TERMINAL = new Set(['Success', 'Failed', 'Cancel']);
const RESUBMIT = new Set(['Failed', 'Cancel']);

/**
 * One string object per distinct state, code and message seen (`Success` 100,000 times is one string, not
 * 100,000): a batch's states hold them until its results are written. Capped, as messages may vary.
 */
const seen = new Map<string, string>();
function shared(text: string): string {
  const known = seen.get(text);
  if (known !== undefined) return known;
  if (seen.size < 1000) seen.set(text, text);
  return text;
}

export interface InputState {
  readonly input: string;
  /**
   * The idempotency key: of the request as sent, i.e. with the output key expanded for this input. Dropped
   * once the ledger has been read, and computed again for the input's group while it is submitted (`keyOf`):
   * a batch of 100,000 would otherwise hold 100,000 of them all along.
   */
  key: string | undefined;
  /**
   * The key versions before the handler expanded per-input wildcards gave this input (the output key as
   * written); only when it differs from `key`. Their records are still read, so their jobs are adopted; it is
   * dropped once the ledger has been read (a batch of 100,000 holds 100,000 of them).
   */
  legacyKey?: string;
  /**
   * What the ledger says about the input, while the run needs it: dropped once the input's job is adopted
   * (step 2) or its group's records are stored (step 3).
   */
  record: LedgerRecord | undefined;
  /** `record` was found under `legacyKey`: its POST (if any) carried the output key unexpanded. */
  legacyRecord?: boolean;
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
  /** Requests sent to the service, retries included (for measurements). */
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

/**
 * The request for one input, with resolved template ids, in the order the API documents. `Output.Object` has
 * its per-input wildcards expanded from the input key (output-wildcards.ts): only `${ext}` and `${jobid}` reach
 * the service. `expand: false` gives the request as versions before that expansion built it (their ledger keys).
 */
function requestFor(plan: JobRunPlan, input: string, ids: { templateId?: string; watermarkTemplateIds: string[] }, expand = true): XmlObject {
  const { Tag, Operation, ...rest } = plan.request as { Tag: string; Operation: XmlObject } & XmlObject;
  const operation: XmlObject = { ...Operation };
  const output = Operation.Output as XmlObject | undefined;
  if (expand && output !== undefined && typeof output.Object === 'string') {
    operation.Output = { ...output, Object: expandPerInputWildcards(output.Object, input) };
  }
  if (ids.templateId !== undefined) operation.TemplateId = ids.templateId;
  if (ids.watermarkTemplateIds.length > 0) operation.WatermarkTemplateId = ids.watermarkTemplateIds;
  return { Tag, Input: { Object: input }, Operation: operation, ...rest };
}

function outputsOf(job: JobDetail): string[] | undefined {
  return outputKeysOf(job.Operation?.MediaResult?.OutputFile);
}

/** The identity of the job without its input: its ledger records live together under this scope. */
export function ledgerScope(plan: Pick<JobRunPlan, 'bucket' | 'region' | 'request' | 'templates'>): string {
  // The output key as written (wildcards unexpanded): one scope for every input, the same as earlier versions'.
  const { Input: _input, ...request } = requestFor(plan as JobRunPlan, '', { watermarkTemplateIds: [] }, false);
  return idempotencyKey({ bucket: plan.bucket, region: plan.region, request, templates: plan.templates }).slice(0, 32);
}

export function ledgerOf(ctx: HandlerContext, plan: JobRunPlan): LedgerLocation {
  const output = (plan.request as { Operation: { Output: { Bucket: string; Region: string } } }).Operation.Output;
  return { client: ctx.client(output.Region), bucket: output.Bucket, prefix: plan.ledgerPrefix, scope: ledgerScope(plan) };
}

/** Inputs submitted together, sharing one ledger object. */
interface SubmitGroup {
  readonly index: number;
  readonly members: InputState[];
  readonly writer: LedgerGroupWriter;
  /** Intents stored (and earlier intents reconciled): started by the first lane that needs it, or ahead. */
  prepared?: Promise<void>;
  /** Members not finished yet. */
  left: number;
}

/**
 * `states`: the inputs' states from `inputStates(plan)` when the caller has them already (the job kinds
 * compute them for the resource record; computing 100,000 keys twice costs seconds).
 */
export async function runJobs(ctx: HandlerContext, plan: JobRunPlan, states: InputState[] = inputStates(plan)): Promise<JobRunOutcome> {
  const client = ctx.client(plan.region);
  const request = plan.request as { Operation: { Output: { Bucket: string; Region: string } } };
  const ledger = ledgerOf(ctx, plan);
  // The clients pace every attempt through the run's limiter, which learns from SlowDown answers.
  ctx.limiter.limitTo(plan.requestsPerSecond);
  const requestsBefore = ctx.limiter.requests;
  /** Every request of the run goes through here: a SlowDown the client gave up on is sent again (paced). */
  const call = async <T>(fn: () => Promise<T>): Promise<T> => {
    for (;;) {
      try {
        return await fn();
      } catch (err) {
        if (err instanceof TencentApiError && err.code === 'SlowDown') continue;
        throw err;
      }
    }
  };

  const progress = new ProgressReporter(plan.name, ctx.log, ctx.progressIntervalMs, ctx.now);
  const counts = (): BatchCounts => ({
    total: states.length,
    submitted: states.filter((s) => s.jobId !== undefined).length,
    running: states.filter((s) => s.state === 'Running').length,
    succeeded: states.filter((s) => s.state === 'Success').length,
    failed: states.filter((s) => s.state === 'Failed' || s.state === 'Rejected').length,
  });

  // 1. What was done before: the ledger's records of these inputs (read while the templates are resolved).
  const [ids] = await Promise.all([call(() => resolveTemplates(client, plan.bucket, plan.templates)), readRecords(ledger, states, plan.concurrency, call)]);
  // 2. Recorded jobs: alive or done is adopted; Failed, cancelled or unknown to the service is submitted again.
  await describeAll(ctx, states.filter((s) => s.jobId !== undefined), client, plan, call);
  for (const s of states) {
    if (s.jobId !== undefined && (RESUBMIT.has(s.state) || s.state === 'Missing')) {
      ctx.log(`${plan.name}: ${s.input}: job ${s.jobId} ended ${s.state}${s.code ? ` (${s.code})` : ''}; submitting it again`);
      // A first submission's record was not kept (see readRecords): one attempt, no earlier jobs. (Its `sentAt`
      // is not read: the input's next intent replaces this record before its POST.)
      const earlier = s.record ?? { sentAt: new Date(ctx.now()).toISOString(), attempts: 1, previousJobIds: NO_PREVIOUS_JOBS };
      s.record = {
        version: 1,
        key: keyOf(plan, s),
        input: s.input,
        state: 'submitted',
        jobId: s.jobId,
        sentAt: earlier.sentAt,
        attempts: earlier.attempts,
        previousJobIds: [...earlier.previousJobIds, s.jobId],
      };
      s.jobId = undefined;
      s.state = 'Pending';
    } else if (s.jobId !== undefined) {
      // Adopted: nothing more is written for it, and the results need only its JobId and state.
      s.record = undefined;
    }
  }
  // 3. Submit what is missing, a ledger group at a time (reconciling intents of earlier runs first).
  const submitter = new Submitter(ctx, plan, ids, client, call);
  const pending = states.filter((s) => s.jobId === undefined);
  const groups: (SubmitGroup | undefined)[] = [];
  for (let i = 0; i < pending.length; i += LEDGER_GROUP_SIZE) {
    const members = pending.slice(i, i + LEDGER_GROUP_SIZE);
    const name = LedgerGroupWriter.groupName(ctx.now(), groups.length);
    // A group of one input is named for its key, so readers of other keys skip it (see ledger.ts).
    const writer = new LedgerGroupWriter(ledger, name, undefined, members.length === 1 ? keyOf(plan, members[0] as InputState) : undefined);
    groups.push({ index: groups.length, members, writer, left: members.length });
  }
  const prepare = (g: SubmitGroup): Promise<void> => (g.prepared ??= submitter.prepare(g));
  const recordsStored: Promise<void>[] = [];
  await mapPool(pending, plan.concurrency, async (s, i) => {
    // The input's group: not stored yet (that waits for this input), so still in the list.
    const g = groups[Math.floor(i / LEDGER_GROUP_SIZE)] as SubmitGroup;
    await prepare(g);
    const next = groups[g.index + 1];
    // The next group's intents are stored while this one is sent; a failure surfaces where it is awaited.
    if (next) prepare(next).catch(() => undefined);
    if (s.jobId === undefined) await submitter.submit(s, g);
    g.left -= 1;
    if (g.left === 0) {
      // Stored while the lanes go on with the next group; awaited (and its failure thrown) below.
      const stored = call(() => g.writer.flush());
      stored.catch(() => undefined);
      recordsStored.push(stored);
      // Once stored, the group's records are not needed any more (the results need only the JobIds and
      // states): a batch of 100,000 inputs then holds the records of a few groups at a time, not all.
      void stored.then(() => {
        for (const m of g.members) {
          m.record = undefined;
          m.key = undefined;
        }
        groups[g.index] = undefined;
      }, () => undefined);
    }
    progress.report(counts);
  });
  await Promise.all(recordsStored);
  // 4. Wait.
  if (plan.wait) {
    const deadline = ctx.now() + plan.waitTimeoutSeconds * 1000;
    // The first intervals ramp up to the poll interval (250 ms, doubling): a job that takes a moment is not
    // kept waiting a whole interval, and a long one costs two or three more describes.
    let interval = Math.min(FIRST_POLL_INTERVAL_MS, ctx.pollIntervalMs);
    // Jobs submitted by this run are first looked at at once: a job that is done by then costs no poll
    // interval. (Recorded jobs were described a moment ago, in step 2.)
    let first = pending.length > 0;
    for (;;) {
      const open = states.filter((s) => s.jobId !== undefined && !TERMINAL.has(s.state));
      if (open.length === 0) break;
      if (ctx.now() >= deadline) break;
      if (!first) {
        await ctx.sleep(Math.min(interval, Math.max(0, deadline - ctx.now())));
        interval = interval < ctx.pollIntervalMs ? Math.min(ctx.pollIntervalMs, interval * 2) : Math.min(ctx.pollMaxIntervalMs, Math.ceil(interval * 1.5));
      }
      first = false;
      await describeAll(ctx, open, client, plan, call);
      progress.report(counts);
    }
  }
  progress.report(counts(), true);
  const written = ((plan.request.Operation as XmlObject | undefined)?.Output as XmlObject | undefined)?.Object;
  const results: JobResult[] = states.map((s) => ({
    input: s.input,
    ...(s.jobId !== undefined ? { jobId: s.jobId } : {}),
    state: s.state,
    ...(s.code !== undefined && s.state !== 'Success' ? { code: s.code } : {}),
    ...(s.message ? { message: s.message } : {}),
    ...(s.outputs ? { outputs: s.outputs } : {}),
    outputBucket: request.Operation.Output.Bucket,
    // The output key asked for: per-input wildcards expanded; `${ext}`/`${jobid}` as written.
    outputObject: typeof written === 'string' ? expandPerInputWildcards(written, s.input) : '',
  }));
  return {
    results,
    counts: counts(),
    failed: results.filter((r) => r.state === 'Failed' || r.state === 'Rejected' || r.state === 'Cancel'),
    pending: results.filter((r) => !TERMINAL.has(r.state) && r.state !== 'Rejected'),
    requests: ctx.limiter.requests - requestsBefore,
  };
}

function identity(plan: JobRunPlan, input: string, expand: boolean): string {
  return idempotencyKey({ bucket: plan.bucket, region: plan.region, request: requestFor(plan, input, { watermarkTemplateIds: [] }, expand), templates: plan.templates });
}

/** The idempotency key of the input's job (with its output key expanded, as sent). */
export function inputKey(plan: JobRunPlan, input: string): string {
  return identity(plan, input, true);
}

/** One input's state before anything is known: its keys. */
export function inputState(plan: JobRunPlan, input: string): InputState & { key: string } {
  const key = inputKey(plan, input);
  const legacyKey = identity(plan, input, false);
  // Every state has the same properties in the same order, so that all share one shape.
  return {
    input,
    key,
    legacyKey: legacyKey !== key ? legacyKey : undefined,
    record: undefined,
    legacyRecord: false,
    jobId: undefined,
    state: 'Pending',
    code: undefined,
    message: undefined,
    outputs: undefined,
  };
}

/** The states of the plan's inputs, in its order. */
export function inputStates(plan: JobRunPlan): InputState[] {
  return plan.inputs.map((input) => inputState(plan, input));
}

/**
 * Step 1: each input's latest record (a recorded JobId is taken as the input's job). Once read, the legacy
 * keys are not needed any more; the map of what was read is dropped when this returns.
 */
async function readRecords(ledger: LedgerLocation, states: InputState[], concurrency: number, call: Call): Promise<void> {
  // Only current keys have one-input groups of the current layout (legacy keys' records are earlier versions').
  const current = new Set<string>();
  for (const s of states) if (s.key !== undefined) current.add(s.key);
  const recorded = await readLedger(ledger, ledgerKeys(states), concurrency, call, current);
  for (const s of states) {
    const r = recordOf(s, recorded);
    const submitted = r?.state === 'submitted' && r.jobId ? r.jobId : undefined;
    if (submitted !== undefined) s.jobId = submitted;
    // A re-apply of 100,000 inputs holds these records until the jobs have been described. The record of a
    // first submission (one attempt, no earlier jobs) says nothing more than its JobId: not kept (step 2 knows
    // it by its absence). Others keep the state's input and key strings instead of their copies.
    s.record =
      r === undefined || (submitted !== undefined && r.attempts === 1 && r.previousJobIds.length === 0)
        ? undefined
        : {
            ...r,
            key: r.key === s.key ? (s.key as string) : r.key,
            input: r.input === s.input ? s.input : r.input,
            previousJobIds: r.previousJobIds.length === 0 ? NO_PREVIOUS_JOBS : r.previousJobIds,
          };
    s.key = undefined;
    s.legacyKey = undefined;
  }
}

/** The input's idempotency key (see `InputState.key`). */
function keyOf(plan: JobRunPlan, s: InputState): string {
  return (s.key ??= inputKey(plan, s.input));
}

/** The ledger keys of the inputs: current and legacy ones. */
export function ledgerKeys(states: readonly { key: string | undefined; legacyKey?: string | undefined }[]): Set<string> {
  const keys = new Set<string>();
  for (const s of states) {
    if (s.key !== undefined) keys.add(s.key);
    if (s.legacyKey !== undefined) keys.add(s.legacyKey);
  }
  return keys;
}

/**
 * The input's record: under its key, else under its legacy key (written by a version that sent the output
 * key unexpanded; its job is adopted like any other, and the input's next record is stored under `key`).
 */
function recordOf(s: InputState, recorded: ReadonlyMap<string, LedgerRecord>): LedgerRecord | undefined {
  const current = recorded.get(s.key as string);
  if (current !== undefined || s.legacyKey === undefined) return current;
  const legacy = recorded.get(s.legacyKey);
  if (legacy === undefined) return undefined;
  s.legacyRecord = true;
  return { ...legacy, key: s.key as string };
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
      s.state = shared(job.State);
      s.code = shared(job.Code);
      s.message = shared(job.Message);
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

/** Submits inputs: intents in the group's ledger object first, then the POST, reconciling unknown outcomes. */
class Submitter {
  constructor(
    private readonly ctx: HandlerContext,
    private readonly plan: JobRunPlan,
    private readonly ids: { templateId?: string; watermarkTemplateIds: string[] },
    private readonly client: CosMediaClient,
    private readonly call: Call,
  ) {}

  /**
   * Makes the group ready to send: intents an earlier run left are reconciled first (the POST may have
   * created the job), then an intent for every member still without a job is stored, in one write.
   */
  async prepare(g: SubmitGroup): Promise<void> {
    await mapPool(
      g.members.filter((s) => s.record?.state === 'submitting'),
      this.plan.concurrency,
      async (s) => {
        // The earlier run may have died with its POST still on the way: wait for it to settle before sending.
        const earlier = s.record as LedgerRecord;
        const found = await this.reconcileUntilSettled(s, earlier.sentAt, Date.parse(earlier.sentAt) + INTENT_VALIDITY_MS);
        if (found) this.adopt(s, g.writer, found, 'found (submitted by an earlier run)', earlier);
      },
    );
    for (const s of g.members) if (s.jobId === undefined) this.intend(s, g.writer);
    await this.call(() => g.writer.flush());
  }

  /** Sends the member's POST (its intent is stored); retries only after finding nothing for an unknown outcome. */
  async submit(s: InputState, g: SubmitGroup): Promise<void> {
    const writer = g.writer;
    const request = requestFor(this.plan, s.input, this.ids);
    for (let tries = 0; tries < MAX_SUBMIT_ATTEMPTS; tries++) {
      if (tries > 0) {
        this.intend(s, writer);
        await this.call(() => writer.flush());
      } else if (this.ctx.now() - Date.parse((s.record as LedgerRecord).sentAt) > INTENT_VALIDITY_MS) {
        await this.renew(g);
      }
      const intent = s.record as LedgerRecord;
      try {
        const job = await this.call(() => this.client.submitJob({ bucket: this.plan.bucket, job: request as unknown as VideoEnhanceJobRequest }));
        this.adopt(s, writer, job, 'submitted', intent);
        return;
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
        // The request may still be running at the service: after a timeout, and also after a 5xx or a reset,
        // which a gateway in front of a slow backend may send while the backend goes on and commits the job.
        // So the job is looked for until the outcome has settled before anything is sent again.
        if (!notDelivered) {
          // When it really went out, on our clock (the rate limiter may have held it after the intent).
          const postedAt = Math.max(Date.parse(intent.sentAt), err.sentAt.getTime() - this.client.clockOffsetMs);
          const found = await this.reconcileUntilSettled(s, intent.sentAt, postedAt);
          if (found) {
            this.adopt(s, writer, found, 'found after an unknown outcome', intent);
            return;
          }
        }
        this.ctx.log(`${this.plan.name}: ${s.input}: submission outcome unknown and no job found; sending again`);
      }
    }
    s.state = 'Rejected';
    s.code = 'UnknownOutcome';
    s.message = `no answer after ${MAX_SUBMIT_ATTEMPTS} submissions; the next apply reconciles before sending again`;
  }

  /** Fresh intents (same attempt, new `sentAt`) for the group's members without a job, stored at once. */
  private async renew(g: SubmitGroup): Promise<void> {
    const now = new Date(this.ctx.now()).toISOString();
    for (const m of g.members) {
      if (m.jobId !== undefined || m.record?.state !== 'submitting') continue;
      m.record = { ...m.record, sentAt: now };
      g.writer.set(m.record);
    }
    await this.call(() => g.writer.flush());
  }

  /** A new intent for the member's next POST (in memory; stored by the writer's next flush). */
  private intend(s: InputState, writer: LedgerGroupWriter): void {
    const intent: LedgerRecord = {
      version: 1,
      key: keyOf(this.plan, s),
      input: s.input,
      state: 'submitting',
      sentAt: new Date(this.ctx.now()).toISOString(),
      attempts: (s.record?.attempts ?? 0) + 1,
      previousJobIds: s.record?.previousJobIds ?? NO_PREVIOUS_JOBS,
    };
    s.record = intent;
    s.legacyRecord = false; // this POST carries the expanded output key
    writer.set(intent);
  }

  /** The member has its job; the record is stored with the group's next write. */
  private adopt(s: InputState, writer: LedgerGroupWriter, job: JobDetail, how: string, base: LedgerRecord): void {
    s.jobId = job.JobId;
    s.state = shared(job.State);
    const record: LedgerRecord = { ...base, key: keyOf(this.plan, s), state: 'submitted', jobId: job.JobId };
    s.record = record;
    writer.set(record);
    if (this.plan.inputs.length === 1) this.ctx.log(`${this.plan.name}: job ${job.JobId} ${how}`);
  }

  /** Looks for the job until `submitSettleMs` after `postedAt` (ms) has passed (at least once). */
  private async reconcileUntilSettled(s: InputState, sentAt: string, postedAt: number): Promise<JobDetail | undefined> {
    const settledAt = postedAt + this.ctx.submitSettleMs;
    for (;;) {
      const found = await this.reconcile(s, sentAt);
      if (found) return found;
      const left = settledAt - this.ctx.now();
      if (left <= 0) return undefined;
      await this.ctx.sleep(Math.min(left, 2 * RECONCILE_PAUSE_MS));
    }
  }

  private async reconcile(s: InputState, sentAt: string): Promise<JobDetail | undefined> {
    return this.call(() =>
      findSubmittedJob({
        client: this.client,
        bucket: this.plan.bucket,
        request: requestFor(this.plan, s.input, this.ids),
        ...(s.legacyRecord ? { alsoRequests: [requestFor(this.plan, s.input, this.ids, false)] } : {}),
        sentAt: new Date(sentAt),
        exclude: s.record?.previousJobIds ?? [],
      }),
    );
  }
}
