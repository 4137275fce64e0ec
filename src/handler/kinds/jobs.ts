/**
 * `video-enhance-job` and `video-enhance-batch`: create = ensure one job per input (see job-runner.ts) and
 * wait unless told not to; delete = cancel the jobs that have not started yet (running and finished jobs and
 * their outputs are left alone; ledger records are kept so that re-creating the same spec costs nothing).
 *
 * The resources are `create_before_destroy`, so a replacement is the new create alone: before submitting, it
 * cancels the not-yet-started jobs of the keys its resource record holds and the new configuration does not
 * want (removed inputs, a changed spec), and never touches a kept key's job (see resource-record.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expandPerInputWildcards, type XmlObject } from '../../model';
import { cancelNotStarted, type CancelPlace } from '../cancel-jobs';
import { setting, type HandlerContext } from '../context';
import { HandlerFailure } from '../failure';
import { boundHeapGrowth } from '../heap-growth';
import { templateSettings } from '../idempotency';
import { inputStates, ledgerKeys, ledgerScope, runJobs, type InputState, type JobRunPlan } from '../job-runner';
import {
  deleteResourceRecord,
  readResourceRecord,
  scopesMinus,
  scopesUnion,
  writeResourceRecord,
  type RecordedScope,
  type RecordLocation,
} from '../resource-record';
import { writeResult, type JobResult } from '../results';

function shortName(construct: string): string {
  return construct.split('/').pop() || construct;
}

/** The inputs of the resource: one, a list in the triggers, a manifest in the stack dir, or a listing. */
export async function inputsOf(ctx: HandlerContext, bucket: string, region: string, ledgerPrefix: string): Promise<string[]> {
  const s = ctx.triggers.settings;
  if (ctx.triggers.kind === 'video-enhance-job') {
    const input = (ctx.triggers.spec.Input as XmlObject | undefined)?.Object;
    if (typeof input !== 'string') throw new HandlerFailure("trigger 'Input.Object' is missing", 2);
    return [input];
  }
  if (s['inputs.manifest'] !== undefined) {
    const file = path.resolve(s['inputs.manifest']);
    let list: unknown;
    try {
      list = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new HandlerFailure(`the batch's input manifest ${file} cannot be read (${(err as Error).message}); run from the stack directory`, 2);
    }
    if (!Array.isArray(list) || !list.every((k) => typeof k === 'string')) {
      throw new HandlerFailure(`the batch's input manifest ${file} is not a JSON list of keys`, 2);
    }
    return list as string[];
  }
  if (s['inputs.count'] !== undefined) {
    const n = Number(s['inputs.count']);
    const list: string[] = [];
    for (let i = 0; i < n; i++) {
      const key = s[`inputs.${i}`];
      if (key === undefined) throw new HandlerFailure(`trigger 'inputs.${i}' is missing (inputs.count is ${n})`, 2);
      list.push(key);
    }
    return list;
  }
  const prefix = s['inputs.prefix'];
  if (prefix === undefined) throw new HandlerFailure("the batch's triggers name no inputs", 2);
  const suffix = s['inputs.suffix'] ?? '';
  const client = ctx.client(region);
  const keys: string[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await client.listObjects({ bucket, prefix, ...(marker ? { marker } : {}) });
    for (const o of page.objects) {
      if (o.key.endsWith('/') || o.key.startsWith(ledgerPrefix) || !o.key.endsWith(suffix)) continue;
      keys.push(o.key);
    }
    if (!page.isTruncated) break;
    marker = page.nextMarker ?? page.objects[page.objects.length - 1]?.key;
    if (marker === undefined) break;
  }
  ctx.log(`${shortName(setting(ctx, 'construct'))}: ${keys.length} inputs under ${prefix}${suffix ? ` ending ${suffix}` : ''}`);
  return keys;
}

export function planOf(ctx: HandlerContext, inputs: string[]): JobRunPlan {
  const s = ctx.triggers.settings;
  const { Input: _input, ...request } = ctx.triggers.spec;
  return {
    name: shortName(setting(ctx, 'construct')),
    bucket: setting(ctx, 'bucket'),
    region: setting(ctx, 'region'),
    request,
    templates: templateSettings(s),
    inputs,
    concurrency: Number(s.concurrency ?? '4'),
    requestsPerSecond: Number(s.requests_per_second ?? '20'),
    wait: setting(ctx, 'wait') === 'true',
    waitTimeoutSeconds: Number(setting(ctx, 'wait_timeout_seconds')),
    ledgerPrefix: setting(ctx, 'ledger_prefix'),
  };
}

function describeFailures(failed: readonly JobResult[]): string {
  const shown = failed.slice(0, 5).map((r) => `${r.input}: ${r.state}${r.code ? ` ${r.code}` : ''}${r.message ? ` (${r.message})` : ''}${r.jobId ? ` [${r.jobId}]` : ''}`);
  const more = failed.length > shown.length ? `; and ${failed.length - shown.length} more` : '';
  return `${shown.join('; ')}${more}`;
}

/**
 * Inputs whose output keys, per-input wildcards expanded, are equal (`a/clip.mp4` and `b/clip.mp4` under
 * `out/${InputName}.${ext}`): the later job would overwrite the earlier one's output. Listed inputs are checked
 * at synth; a prefix batch is checked here, before anything is submitted. `${jobid}` keeps keys apart.
 */
function outputPattern(plan: JobRunPlan): string | undefined {
  const pattern = ((plan.request.Operation as XmlObject | undefined)?.Output as XmlObject | undefined)?.Object;
  return typeof pattern === 'string' ? pattern : undefined;
}

function sharedOutputKeys(plan: JobRunPlan): string[] {
  const pattern = outputPattern(plan);
  if (pattern === undefined || pattern.includes('${jobid}') || plan.inputs.length < 2) return [];
  const first = new Map<string, string>();
  const clashes: string[] = [];
  for (const input of plan.inputs) {
    const key = expandPerInputWildcards(pattern, input);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, input);
    else clashes.push(`${earlier} and ${input} both get ${key}`);
  }
  return clashes;
}

/**
 * The keys the plan wants, as a record scope: the current ones, and those of versions that sent output keys
 * unexpanded (a kept input's job may be recorded under either).
 */
function wantedScopes(plan: JobRunPlan, states: readonly InputState[] = inputStates(plan)): RecordedScope[] {
  const keys = [...ledgerKeys(states)];
  return keys.length === 0 ? [] : [{ bucket: plan.bucket, region: plan.region, scope: ledgerScope(plan), keys }];
}

function places(ctx: HandlerContext, plan: JobRunPlan): { record: RecordLocation; cancel: CancelPlace } {
  const output = (plan.request as { Operation: { Output: { Bucket: string; Region: string } } }).Operation.Output;
  return {
    record: { client: ctx.client(output.Region), bucket: output.Bucket, ledgerPrefix: plan.ledgerPrefix, construct: setting(ctx, 'construct') },
    cancel: { ledgerBucket: output.Bucket, ledgerRegion: output.Region, ledgerPrefix: plan.ledgerPrefix, concurrency: plan.concurrency },
  };
}

const count = (scopes: readonly RecordedScope[]): number => scopes.reduce((n, s) => n + s.keys.length, 0);

/** Whether two lists of scopes are the same, key for key in the same order (a re-apply of an unchanged batch). */
function sameScopes(a: readonly RecordedScope[], b: readonly RecordedScope[]): boolean {
  return (
    a.length === b.length &&
    a.every((s, i) => {
      const t = b[i] as RecordedScope;
      return s.bucket === t.bucket && s.region === t.region && s.scope === t.scope && s.keys.length === t.keys.length && s.keys.every((k, j) => k === t.keys[j]);
    })
  );
}

/**
 * Before anything is submitted: releases what the construct held and no longer wants (the replaced object's
 * delete does not run), then records what it wants now. Kept keys stay in the record through every step; the
 * new ones enter it before anything is submitted. A record that already says exactly this (a re-apply of the
 * same batch) is not written again: for 100,000 inputs it is a 13 MB document, and the set difference of two
 * such lists costs more memory than the rest of the run.
 */
async function recordWanted(ctx: HandlerContext, plan: JobRunPlan, at: ReturnType<typeof places>, wanted: readonly RecordedScope[]): Promise<void> {
  const before = await readResourceRecord(at.record);
  const unchanged = before !== undefined && sameScopes(before.scopes, wanted);
  const released = before && !unchanged ? scopesMinus(before.scopes, wanted) : [];
  if (released.length > 0) {
    const cancelled = await cancelNotStarted(ctx, at.cancel, released);
    ctx.log(`${plan.name}: ${count(released)} job${count(released) === 1 ? '' : 's'} no longer wanted; ${cancelled} not yet started cancelled`);
  }
  if (unchanged && before.resourceId === ctx.resourceId && before.construct === setting(ctx, 'construct')) return;
  await writeResourceRecord(at.record, ctx.resourceId, wanted);
}

/** The inputs' states, their keys computed once for the resource record and for the run; recorded as wanted. */
async function statesRecorded(ctx: HandlerContext, plan: JobRunPlan): Promise<InputState[]> {
  const states = inputStates(plan);
  await recordWanted(ctx, plan, places(ctx, plan), wantedScopes(plan, states));
  return states;
}

export async function createJobs(ctx: HandlerContext): Promise<void> {
  // A batch of many inputs: its peak memory is bounded by what it holds, not by V8's default heap growth.
  if (ctx.triggers.kind === 'video-enhance-batch') boundHeapGrowth();
  const bucket = setting(ctx, 'bucket');
  const region = setting(ctx, 'region');
  const inputs = await inputsOf(ctx, bucket, region, setting(ctx, 'ledger_prefix'));
  const plan = planOf(ctx, inputs);
  const clashes = sharedOutputKeys(plan);
  if (clashes.length > 0) {
    const shown = clashes.slice(0, 5).join('; ') + (clashes.length > 5 ? `; and ${clashes.length - 5} more` : '');
    throw new HandlerFailure(
      `${plan.name}: output.object ${JSON.stringify(outputPattern(plan))} ` +
        `gives several inputs the same output key (${shown}); nothing was submitted. Add \${InputPath} or \${jobid} to output.object`,
      2,
    );
  }
  const outcome = await runJobs(ctx, plan, await statesRecorded(ctx, plan));
  const construct = setting(ctx, 'construct');
  const file = writeResult(
    { construct, kind: ctx.triggers.kind, operation: 'create', updatedAt: new Date(ctx.now()).toISOString(), bucket, region, jobs: outcome.results },
    ctx.resultsDir,
  );
  const what = inputs.length === 1 ? 'the job' : `${outcome.failed.length} of ${inputs.length} jobs`;
  if (outcome.failed.length > 0) {
    throw new HandlerFailure(
      `${plan.name}: ${what} failed: ${describeFailures(outcome.failed)}. The next apply submits ${inputs.length === 1 ? 'it' : 'them'} again; results in ${file}`,
    );
  }
  if (plan.wait && outcome.pending.length > 0) {
    throw new HandlerFailure(
      `${plan.name}: ${outcome.pending.length} job${outcome.pending.length === 1 ? '' : 's'} not finished after ${plan.waitTimeoutSeconds}s; ` +
        'the next apply resumes waiting without submitting again',
    );
  }
  ctx.log(`${plan.name}: done; results in ${file}`);
}

export async function deleteJobs(ctx: HandlerContext): Promise<void> {
  const bucket = setting(ctx, 'bucket');
  const region = setting(ctx, 'region');
  const s = ctx.triggers.settings;
  // A prefix batch is not listed again on delete: the resource record holds the keys of what it listed.
  const inputs = s['inputs.prefix'] !== undefined ? [] : await inputsOf(ctx, bucket, region, setting(ctx, 'ledger_prefix'));
  const plan = planOf(ctx, inputs);
  const at = places(ctx, plan);
  const own = wantedScopes(plan);
  const record = await readResourceRecord(at.record);
  const replaced = record?.resourceId !== undefined && ctx.resourceId !== undefined && record.resourceId !== ctx.resourceId;
  // A replaced object (its replacement wrote the record): only what the replacement does not want.
  const toCancel = replaced ? scopesMinus(own, record.scopes) : scopesUnion(own, record?.scopes ?? []);
  const cancelled = await cancelNotStarted(ctx, at.cancel, toCancel);
  if (!replaced) await deleteResourceRecord(at.record);
  ctx.log(
    `${plan.name}: ${cancelled} job${cancelled === 1 ? '' : 's'} not yet started cancelled; outputs are kept` +
      (replaced ? ` (replaced: the jobs its replacement keeps are left alone)` : ''),
  );
}
