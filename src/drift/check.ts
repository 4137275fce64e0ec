/**
 * Comparing what was applied with the service, read-only: every request here is a GET (or a list).
 * - media buckets: media processing still enabled;
 * - templates: present under their name, holding the declared spec (field-level diff), and still the
 *   template this stack made (the owner record's TemplateId);
 * - jobs and batches: every input the configuration wants has a recorded job that is not missing, Failed or
 *   cancelled.
 */
import * as path from 'node:path';
import { TencentApiError, type CosMediaClient } from '../client';
import { decodeResourceTriggers, toTriggers, type ResourceTriggers, type TemplateDetail, type TemplateRequest, type XmlObject } from '../model';
import { createContext, type Env, type HandlerContext } from '../handler/context';
import { DESCRIBE_BATCH_SIZE, inputState, ledgerKeys, ledgerOf, ledgerScope } from '../handler/job-runner';
import { inputsOf, planOf } from '../handler/kinds/jobs';
import { readLedger, type LedgerRecord } from '../handler/ledger';
import { readResourceRecord } from '../handler/resource-record';
import { readTemplateOwner } from '../handler/template-owner';
import type { AppliedResource } from './applied';

export type Finding =
  | { readonly kind: 'media-processing-disabled'; readonly bucket: string }
  | { readonly kind: 'template-missing'; readonly name: string }
  | { readonly kind: 'template-edited'; readonly name: string; readonly templateId: string; readonly fields: readonly FieldDiff[] }
  | { readonly kind: 'template-replaced'; readonly name: string; readonly was: string; readonly now: string }
  | { readonly kind: 'job-missing'; readonly input: string }
  | { readonly kind: 'job-failed'; readonly input: string; readonly jobId: string; readonly code?: string; readonly message?: string }
  | { readonly kind: 'job-cancelled'; readonly input: string; readonly jobId: string };

export interface FieldDiff {
  readonly key: string;
  /** Absent: the declared spec does not have the field. */
  readonly declared?: string;
  /** Absent: the service's template does not have it. */
  readonly found?: string;
}

export interface ResourceDrift {
  readonly address: string;
  readonly construct: string;
  readonly kind: ResourceTriggers['kind'];
  /** What it is, for people: `template "hd" in bucket-1250000000`. */
  readonly subject: string;
  /** Not compared (a tainted resource: its last create failed, the next apply replaces it). */
  readonly skipped?: string;
  readonly findings: readonly Finding[];
}

/** The type container of a template, flattened to trigger-style keys (`MsSharpen.SharpenLevel`). */
function flatContainer(tag: string, t: TemplateRequest | TemplateDetail): Record<string, string> {
  const container = (t as unknown as Record<string, unknown>)[tag];
  return toTriggers((container ?? {}) as XmlObject);
}

export function templateDiff(declared: TemplateRequest, found: TemplateDetail): FieldDiff[] {
  if (found.Tag !== declared.Tag) return [{ key: 'Tag', declared: declared.Tag, found: found.Tag }];
  const a = flatContainer(declared.Tag, declared);
  const b = flatContainer(declared.Tag, found);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys
    .filter((k) => a[k] !== b[k])
    .map((k) => ({ key: `${declared.Tag}.${k}`, ...(a[k] !== undefined ? { declared: a[k] } : {}), ...(b[k] !== undefined ? { found: b[k] } : {}) }));
}

async function checkBucket(client: CosMediaClient, t: ResourceTriggers): Promise<Finding[]> {
  const bucket = t.settings.bucket as string;
  const region = t.settings.region as string;
  const { mediaBuckets } = await client.describeMediaBuckets({ regions: [region], bucketNames: [bucket] });
  return mediaBuckets.some((b) => b.BucketId === bucket || b.Name === bucket) ? [] : [{ kind: 'media-processing-disabled', bucket }];
}

async function checkTemplate(client: CosMediaClient, t: ResourceTriggers): Promise<Finding[]> {
  const bucket = t.settings.bucket as string;
  const declared = t.spec as unknown as TemplateRequest;
  const name = declared.Name;
  const [found, owner] = await Promise.all([
    client.findTemplateByName({ bucket, name }),
    readTemplateOwner(client, bucket, t.settings.construct as string),
  ]);
  if (found === undefined) return [{ kind: 'template-missing', name }];
  const out: Finding[] = [];
  if (owner !== undefined && owner.name === name && owner.templateId !== found.TemplateId) {
    out.push({ kind: 'template-replaced', name, was: owner.templateId, now: found.TemplateId });
  }
  const fields = templateDiff(declared, found);
  if (fields.length > 0) out.push({ kind: 'template-edited', name, templateId: found.TemplateId, fields });
  return out;
}

async function checkJobs(ctx: HandlerContext, t: ResourceTriggers): Promise<Finding[]> {
  const bucket = t.settings.bucket as string;
  const region = t.settings.region as string;
  const prefixBatch = t.settings['inputs.prefix'] !== undefined;
  const inputs = prefixBatch ? [] : await inputsOf(ctx, bucket, region, t.settings.ledger_prefix as string);
  const plan = planOf(ctx, inputs);
  const ledger = ledgerOf(ctx, plan);
  // key -> input ('' while unknown); a job may be recorded under the input's current or legacy key.
  const wanted = new Map<string, string>();
  const legacy = new Map<string, string>(); // key -> legacy key
  for (const input of inputs) {
    const st = inputState(plan, input);
    wanted.set(st.key, input);
    if (st.legacyKey !== undefined) legacy.set(st.key, st.legacyKey);
  }
  if (prefixBatch) {
    // The inputs were listed at apply time: the resource record holds the keys of what was listed.
    const output = (plan.request as { Operation: { Output: { Bucket: string; Region: string } } }).Operation.Output;
    const record = await readResourceRecord({
      client: ctx.client(output.Region),
      bucket: output.Bucket,
      ledgerPrefix: plan.ledgerPrefix,
      construct: t.settings.construct as string,
    });
    const scope = ledgerScope(plan);
    for (const s of record?.scopes ?? []) if (s.scope === scope) for (const k of s.keys) wanted.set(k, '');
  }
  const keys = ledgerKeys([...wanted.keys()].map((key) => ({ key, ...(legacy.has(key) ? { legacyKey: legacy.get(key) } : {}) })));
  const recorded: Map<string, LedgerRecord> = await readLedger(ledger, keys, plan.concurrency);
  const findings: Finding[] = [];
  const jobIds = new Map<string, string>(); // jobId -> input
  for (const [key, input] of wanted) {
    const lk = legacy.get(key);
    const r = recorded.get(key) ?? (lk !== undefined ? recorded.get(lk) : undefined);
    if (r?.state !== 'submitted' || r.jobId === undefined) findings.push({ kind: 'job-missing', input: input || r?.input || key });
    else jobIds.set(r.jobId, input || r.input);
  }
  const ids = [...jobIds.keys()];
  const client = ctx.client(region);
  for (let i = 0; i < ids.length; i += DESCRIBE_BATCH_SIZE) {
    const { jobs, nonExistJobIds } = await client.describeJobs({ bucket, jobIds: ids.slice(i, i + DESCRIBE_BATCH_SIZE) });
    for (const id of nonExistJobIds) findings.push({ kind: 'job-missing', input: jobIds.get(id) as string });
    for (const job of jobs) {
      const input = jobIds.get(job.JobId) as string;
      if (job.State === 'Failed') findings.push({ kind: 'job-failed', input, jobId: job.JobId, code: job.Code, message: job.Message });
      if (job.State === 'Cancel') findings.push({ kind: 'job-cancelled', input, jobId: job.JobId });
    }
  }
  return findings;
}

function subjectOf(t: ResourceTriggers): string {
  const s = t.settings;
  switch (t.kind) {
    case 'media-bucket':
      return `bucket ${s.bucket}`;
    case 'watermark-template':
    case 'video-enhance-template':
      return `${t.kind === 'watermark-template' ? 'Watermark' : 'VideoEnhance'} template "${(t.spec as { Name?: string }).Name ?? '?'}" in ${s.bucket}`;
    case 'video-enhance-job':
      return `job for ${String((t.spec.Input as XmlObject | undefined)?.Object ?? '?')} in ${s.bucket}`;
    case 'video-enhance-batch':
      return `batch of ${s['inputs.count'] ?? (s['inputs.prefix'] !== undefined ? `inputs under ${s['inputs.prefix']}` : 'manifest inputs')} in ${s.bucket}`;
    case 'template-set':
      return `the templates stack ${s.stack} declares`;
  }
}

/** Checks one applied resource; `env` supplies credentials and `COS_MEDIA_ENDPOINT`; `stackDir` resolves manifests. */
export async function checkResource(resource: AppliedResource, env: Env, stackDir: string): Promise<ResourceDrift> {
  const raw = { ...resource.triggers };
  if (raw['inputs.manifest'] !== undefined) raw['inputs.manifest'] = path.resolve(stackDir, raw['inputs.manifest']);
  const t = decodeResourceTriggers(raw);
  const base = { address: resource.address, construct: t.settings.construct ?? resource.address, kind: t.kind, subject: subjectOf(t) };
  if (resource.tainted) return { ...base, skipped: 'tainted: its last apply failed and the next apply replaces it', findings: [] };
  const ctx = createContext('create', t, env, () => undefined);
  try {
    const client = ctx.client(t.settings.region as string);
    let findings: Finding[];
    switch (t.kind) {
      case 'media-bucket':
        findings = await checkBucket(client, t);
        break;
      case 'watermark-template':
      case 'video-enhance-template':
        findings = await checkTemplate(client, t);
        break;
      case 'template-set':
        // Not reached (cli.ts leaves it out): it holds nothing of its own.
        findings = [];
        break;
      default:
        findings = await checkJobs(ctx, t);
    }
    return { ...base, findings };
  } catch (err) {
    // Reported once, on the bucket's own resource: its templates and jobs cannot be read meanwhile.
    if (err instanceof TencentApiError && err.code === 'MediaBucketUnBinded' && t.kind !== 'media-bucket') {
      return { ...base, skipped: `media processing is disabled on ${t.settings.bucket}, so it cannot be read`, findings: [] };
    }
    throw err;
  } finally {
    await ctx.close();
  }
}
