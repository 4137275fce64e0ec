/**
 * What a job or batch resource currently holds: the idempotency keys of the jobs its configuration wants,
 * kept beside the ledger (`<ledgerPrefix>resources/<sha256 of the construct path>.json` in the output bucket)
 * with the id of the Terraform object that wrote it.
 *
 * Job resources are `create_before_destroy`: a replacement runs the new create first, and Terraform drops the
 * replaced object without running its delete (observed with Terraform 1.11.4). So the create is what releases
 * jobs: it reads this record, cancels the not-yet-started jobs of the keys the new configuration no longer
 * wants (inputs removed, or a changed spec), and leaves every kept key's job alone. A delete compares the
 * record's object id with its own: only the current object's delete cancels everything the record holds.
 */
import { createHash } from 'node:crypto';
import { TencentApiError, type CosMediaClient } from '../client';

export interface RecordedScope {
  readonly bucket: string;
  readonly region: string;
  /** The ledger scope (job settings without the input) whose group objects hold these keys. */
  readonly scope: string;
  readonly keys: readonly string[];
}

export interface ResourceRecord {
  readonly format: 'cdktf-cos-media-resource';
  readonly version: 1;
  readonly construct: string;
  /** `self.id` of the Terraform object that wrote it; absent when the stack does not pass it. */
  readonly resourceId?: string;
  readonly scopes: readonly RecordedScope[];
}

export interface RecordLocation {
  readonly client: CosMediaClient;
  /** The output bucket (where the ledger lives). */
  readonly bucket: string;
  readonly ledgerPrefix: string;
  readonly construct: string;
}

export function resourceRecordKey(at: Pick<RecordLocation, 'ledgerPrefix' | 'construct'>): string {
  return `${at.ledgerPrefix}resources/${createHash('sha256').update(at.construct, 'utf8').digest('hex').slice(0, 40)}.json`;
}

export async function readResourceRecord(at: RecordLocation): Promise<ResourceRecord | undefined> {
  const key = resourceRecordKey(at);
  let text: string;
  try {
    text = (await at.client.getObject({ bucket: at.bucket, key })).body.toString('utf8');
  } catch (err) {
    if (err instanceof TencentApiError && (err.code === 'NoSuchKey' || err.statusCode === 404)) return undefined;
    throw err;
  }
  let r: Partial<ResourceRecord>;
  try {
    r = JSON.parse(text) as Partial<ResourceRecord>;
  } catch {
    throw new Error(`resource record ${key} is not JSON; remove it only if this resource's jobs need no cancelling`);
  }
  if (r.format !== 'cdktf-cos-media-resource' || r.version !== 1 || !Array.isArray(r.scopes)) {
    throw new Error(`object ${key} is not a cdktf-cos-media resource record`);
  }
  return r as ResourceRecord;
}

export async function writeResourceRecord(at: RecordLocation, resourceId: string | undefined, scopes: readonly RecordedScope[]): Promise<void> {
  const body: ResourceRecord = {
    format: 'cdktf-cos-media-resource',
    version: 1,
    construct: at.construct,
    ...(resourceId !== undefined ? { resourceId } : {}),
    scopes,
  };
  await at.client.putObject({ bucket: at.bucket, key: resourceRecordKey(at), body: JSON.stringify(body), contentType: 'application/json' });
}

export async function deleteResourceRecord(at: RecordLocation): Promise<void> {
  try {
    await at.client.deleteObject({ bucket: at.bucket, key: resourceRecordKey(at) });
  } catch (err) {
    if (!(err instanceof TencentApiError && (err.code === 'NoSuchKey' || err.statusCode === 404))) throw err;
  }
}

function scopeId(s: Pick<RecordedScope, 'bucket' | 'region' | 'scope'>): string {
  return `${s.bucket}\n${s.region}\n${s.scope}`;
}

/** The keys of `a` that are not in `b`, per scope (scopes left empty are dropped). */
export function scopesMinus(a: readonly RecordedScope[], b: readonly RecordedScope[]): RecordedScope[] {
  const inB = new Set(b.flatMap((s) => s.keys.map((k) => `${scopeId(s)}\n${k}`)));
  return a
    .map((s) => ({ ...s, keys: s.keys.filter((k) => !inB.has(`${scopeId(s)}\n${k}`)) }))
    .filter((s) => s.keys.length > 0);
}

/** Both, each key once. */
export function scopesUnion(a: readonly RecordedScope[], b: readonly RecordedScope[]): RecordedScope[] {
  return [...a.map((s) => ({ ...s, keys: [...s.keys] })), ...scopesMinus(b, a)];
}
