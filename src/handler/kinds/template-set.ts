/**
 * `template-set`: the stack's list of the templates it declares (src/constructs/template-set.ts). Terraform
 * does not run the destroy step of a resource whose block was removed from the configuration, so a removed
 * template construct's template is deleted here instead: the set changes, this resource is replaced, and its
 * create reads what the list declared when it last ran (`.cos-media/template-sets/<hash of the stack>.json`,
 * written to each bucket it lists and naming every bucket and construct; so a bucket whose last template was
 * removed is still known). For each construct of this stack (path under `<stack>/`) declared then in a bucket
 * and no longer declared there, with an owner record (template-owner.ts) in that bucket, it:
 * - deletes the template by name, only while it still is the one the record names (same name and TemplateId)
 *   and no other construct's record names that TemplateId (someone took it over); missing is success;
 * - then removes the owner record.
 * It never touches another stack's records, nor a construct it never declared (so the first apply with a list
 * deletes nothing). Its delete does nothing (the templates' own deletes run).
 */
import { createHash } from 'node:crypto';
import { TencentApiError, type CosMediaClient } from '../../client';
import { setting, type HandlerContext } from '../context';
import { HandlerFailure } from '../failure';
import { deleteTemplateOwner, TEMPLATE_OWNER_PREFIX, type TemplateOwner } from '../template-owner';

export const TEMPLATE_SET_PREFIX = '.cos-media/template-sets/';

interface KnownBucket {
  readonly bucket: string;
  readonly region: string;
}

/** What the list declared when it last ran: written to every bucket it lists. */
interface SetRecord {
  readonly format: 'cdktf-cos-media-template-set';
  readonly version: 1;
  readonly stack: string;
  readonly buckets: readonly (KnownBucket & { readonly templates: readonly string[] })[];
}

export function templateSetKey(stack: string): string {
  return `${TEMPLATE_SET_PREFIX}${createHash('sha256').update(stack, 'utf8').digest('hex').slice(0, 40)}.json`;
}

function isMissing(err: unknown): boolean {
  return err instanceof TencentApiError && (err.code === 'NoSuchKey' || err.code === 'NoSuchBucket' || err.statusCode === 404);
}

/** The buckets and the templates declared in each, from the triggers. */
function declared(ctx: HandlerContext): Map<string, { region: string; constructs: Set<string> }> {
  const s = ctx.triggers.settings;
  const count = Number(setting(ctx, 'buckets.count'));
  if (!Number.isInteger(count) || count < 0) throw new HandlerFailure(`trigger 'buckets.count' must be a count, got ${JSON.stringify(s['buckets.count'])}`, 2);
  const out = new Map<string, { region: string; constructs: Set<string> }>();
  for (let i = 0; i < count; i++) {
    const bucket = setting(ctx, `bucket.${i}`);
    const region = setting(ctx, `bucket.${i}.region`);
    let list: unknown;
    try {
      list = JSON.parse(setting(ctx, `bucket.${i}.templates`));
    } catch {
      list = undefined;
    }
    if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) {
      throw new HandlerFailure(`trigger 'bucket.${i}.templates' must be a JSON list of construct paths`, 2);
    }
    const entry = out.get(bucket) ?? { region, constructs: new Set<string>() };
    for (const c of list as string[]) entry.constructs.add(c);
    out.set(bucket, entry);
  }
  return out;
}

async function readJson(client: CosMediaClient, bucket: string, key: string): Promise<unknown> {
  try {
    return JSON.parse((await client.getObject({ bucket, key })).body.toString('utf8')) as unknown;
  } catch (err) {
    if (isMissing(err) || err instanceof SyntaxError) return undefined;
    throw err;
  }
}

/** Every owner record in `bucket` (undefined when the bucket is gone). */
async function ownerRecords(client: CosMediaClient, bucket: string): Promise<TemplateOwner[] | undefined> {
  const keys: string[] = [];
  let marker: string | undefined;
  try {
    for (;;) {
      const page = await client.listObjects({ bucket, prefix: TEMPLATE_OWNER_PREFIX, ...(marker !== undefined ? { marker } : {}) });
      keys.push(...page.objects.map((o) => o.key));
      if (!page.isTruncated) break;
      marker = page.nextMarker ?? page.objects[page.objects.length - 1]?.key;
      if (marker === undefined) break;
    }
  } catch (err) {
    if (err instanceof TencentApiError && err.code === 'NoSuchBucket') return undefined;
    throw err;
  }
  const out: TemplateOwner[] = [];
  for (const key of keys) {
    const r = (await readJson(client, bucket, key)) as Partial<TemplateOwner> | undefined;
    if (r?.format === 'cdktf-cos-media-template-owner' && typeof r.construct === 'string' && typeof r.name === 'string' && typeof r.templateId === 'string') {
      out.push(r as TemplateOwner);
    }
  }
  return out;
}

/**
 * Deletes from `b` the templates whose constructs (`removed`) are no longer declared, each only while it is still
 * the one its owner record names and nobody else's record names it; removes their owner records. Resolves to how
 * many records it removed.
 */
async function sweep(ctx: HandlerContext, b: KnownBucket, removed: ReadonlySet<string>): Promise<number> {
  const client = ctx.client(b.region);
  const records = await ownerRecords(client, b.bucket);
  if (records === undefined) {
    ctx.log(`templates in ${b.bucket}: the bucket is gone`);
    return 0;
  }
  const gone = records.filter((r) => removed.has(r.construct));
  for (const r of gone) {
    const takenBy = records.find((o) => !removed.has(o.construct) && o.templateId === r.templateId);
    const found = await client.findTemplateByName({ bucket: b.bucket, name: r.name });
    if (found === undefined) {
      ctx.log(`template ${r.name}: gone already (${r.construct} was removed from the code)`);
    } else if (found.TemplateId !== r.templateId) {
      ctx.log(`template ${r.name}: left in place [${found.TemplateId}]: not the template ${r.construct} made (${r.templateId})`);
    } else if (takenBy !== undefined) {
      ctx.log(`template ${r.name}: left in place [${found.TemplateId}]: ${takenBy.construct} owns it now`);
    } else {
      try {
        await client.deleteTemplate({ bucket: b.bucket, templateId: found.TemplateId });
      } catch (err) {
        if (!(err instanceof TencentApiError && err.code === 'TemplateNotFound')) throw err;
      }
      ctx.log(`template ${r.name}: deleted [${found.TemplateId}] (${r.construct} was removed from the code)`);
    }
    await deleteTemplateOwner(client, b.bucket, r.construct);
  }
  return gone.length;
}

export async function createTemplateSet(ctx: HandlerContext): Promise<void> {
  const stack = setting(ctx, 'stack');
  const current = declared(ctx);
  const key = templateSetKey(stack);
  // What this stack's list declared when it last ran, per bucket (a bucket whose last template was removed is
  // no longer in the triggers, but is in the record). Only those constructs can have been removed by this change.
  const previous = new Map<string, { region: string; constructs: Set<string> }>();
  for (const [bucket, { region }] of current) {
    const r = (await readJson(ctx.client(region), bucket, key)) as Partial<SetRecord> | undefined;
    if (r?.format !== 'cdktf-cos-media-template-set' || r.stack !== stack || !Array.isArray(r.buckets)) continue;
    for (const k of r.buckets) {
      if (typeof k?.bucket !== 'string' || typeof k.region !== 'string' || !Array.isArray(k.templates)) continue;
      const entry = previous.get(k.bucket) ?? { region: k.region, constructs: new Set<string>() };
      for (const c of k.templates) if (typeof c === 'string' && c.startsWith(`${stack}/`)) entry.constructs.add(c);
      previous.set(k.bucket, entry);
    }
  }
  let removedCount = 0;
  for (const [bucket, { region, constructs }] of previous) {
    const kept = current.get(bucket)?.constructs ?? new Set<string>();
    const removed = new Set([...constructs].filter((c) => !kept.has(c)));
    if (removed.size > 0) removedCount += await sweep(ctx, { bucket, region }, removed);
  }
  const record: SetRecord = {
    format: 'cdktf-cos-media-template-set',
    version: 1,
    stack,
    buckets: [...current].map(([bucket, { region, constructs }]) => ({ bucket, region, templates: [...constructs].sort() })),
  };
  for (const [bucket, { region }] of current) {
    await ctx.client(region).putObject({ bucket, key, body: JSON.stringify(record), contentType: 'application/json' });
  }
  const declaredCount = [...current.values()].reduce((n, e) => n + e.constructs.size, 0);
  ctx.log(`templates of ${stack}: ${declaredCount} declared in ${current.size} bucket(s); ${removedCount} removed from the code`);
}

/** Nothing to do: each template's own delete removes it on destroy. */
export async function deleteTemplateSet(_ctx: HandlerContext): Promise<void> {
  return Promise.resolve();
}
