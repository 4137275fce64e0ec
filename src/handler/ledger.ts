/**
 * The job ledger: one small JSON object per idempotency key in the output bucket
 * (`<ledger prefix><key>.json`, default prefix `.cos-media/ledger/`).
 *
 * Before a `POST /jobs` the handler writes an intent (`state: "submitting"`, the time it is sent); after the
 * answer it writes the JobId. A run that died in between leaves the intent, and the next run looks for the
 * job it may have created before sending anything. Records are never deleted, so a re-created resource with
 * the same spec finds its job instead of paying for a new one.
 */
import { TencentApiError, type CosMediaClient } from '../client';

export interface LedgerRecord {
  readonly version: 1;
  readonly key: string;
  readonly input: string;
  /** `submitting`: a POST was (maybe) sent; `submitted`: `jobId` is the job. */
  readonly state: 'submitting' | 'submitted';
  readonly jobId?: string;
  /** When the latest POST was sent (ISO). */
  readonly sentAt: string;
  /** POSTs sent for this key so far. */
  readonly attempts: number;
  /** Jobs of earlier attempts that ended `Failed` or `Cancel`: never adopted again. */
  readonly previousJobIds: readonly string[];
}

export interface LedgerLocation {
  readonly client: CosMediaClient;
  readonly bucket: string;
  readonly prefix: string;
}

export function ledgerKey(at: LedgerLocation, key: string): string {
  return `${at.prefix}${key}.json`;
}

function parseRecord(text: string, objectKey: string): LedgerRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`ledger object ${objectKey} is not JSON; remove it only if no job was submitted for it`);
  }
  const r = value as Partial<LedgerRecord>;
  if (r.version !== 1 || typeof r.key !== 'string' || (r.state !== 'submitting' && r.state !== 'submitted')) {
    throw new Error(`ledger object ${objectKey} is not a cdktf-cos-media ledger record`);
  }
  return { ...r, previousJobIds: r.previousJobIds ?? [], attempts: r.attempts ?? 1 } as LedgerRecord;
}

export async function readLedger(at: LedgerLocation, key: string): Promise<LedgerRecord | undefined> {
  const objectKey = ledgerKey(at, key);
  try {
    const got = await at.client.getObject({ bucket: at.bucket, key: objectKey });
    return parseRecord(got.body.toString('utf8'), objectKey);
  } catch (err) {
    if (err instanceof TencentApiError && (err.code === 'NoSuchKey' || err.statusCode === 404)) return undefined;
    throw err;
  }
}

export async function writeLedger(at: LedgerLocation, record: LedgerRecord): Promise<void> {
  await at.client.putObject({
    bucket: at.bucket,
    key: ledgerKey(at, record.key),
    body: JSON.stringify(record),
    contentType: 'application/json',
  });
}

/** The keys that have a ledger record, from one listing (1,000 keys a page) instead of one GET per key. */
export async function listLedgerKeys(at: LedgerLocation): Promise<Set<string>> {
  const keys = new Set<string>();
  let marker: string | undefined;
  for (;;) {
    const page = await at.client.listObjects({ bucket: at.bucket, prefix: at.prefix, ...(marker ? { marker } : {}) });
    for (const o of page.objects) {
      const name = o.key.slice(at.prefix.length);
      if (name.endsWith('.json') && !name.includes('/')) keys.add(name.slice(0, -'.json'.length));
    }
    if (!page.isTruncated) return keys;
    marker = page.nextMarker ?? page.objects[page.objects.length - 1]?.key;
    if (marker === undefined) return keys;
  }
}
