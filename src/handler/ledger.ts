/**
 * The job ledger: what the handler submitted, kept as small JSON objects in the output bucket under the
 * ledger prefix (default `.cos-media/ledger/`).
 *
 * Before a `POST /jobs` the handler records an intent (`state: "submitting"`, the time it is sent); after the
 * answer it records the JobId. A run that died in between leaves the intent, and the next run looks for the
 * job it may have created before sending anything. Records are never deleted, so a re-created resource with
 * the same spec finds its jobs instead of paying for new ones.
 *
 * Records are written in groups: one object holds the records of up to `LEDGER_GROUP_SIZE` inputs
 * (`<prefix>groups/<scope>/<time>-<n>-<random>.json`, where `scope` identifies the job settings without the
 * input), written once with every intent of the group before its first POST and once more with the JobIds
 * after its last answer. So a batch costs about one ledger write per 25 jobs instead of two per job. Objects
 * of earlier versions (`<prefix><key>.json`, one record each) are still read.
 *
 * A group of one input (every single `VideoEnhanceJob`) lives in a directory of its key's first 32 hex digits
 * (`groups/<scope>/k/<hex>/<time>-<n>-<random>.json`): many job resources with the same settings share one
 * scope, and a reader of a few keys lists only their directories. The scope itself is listed with `/` as the
 * delimiter, so its answer holds the groups of many inputs (batches) and `k/` once, not every one-input group
 * of the scope: reading the ledger costs the same for the 200th job resource of a stack as for the first
 * (listing them all made every resource's listing grow with the stack, and N resources cost N²/2 entries).
 * A reader of many keys (a batch) lists `k/` once. One-input groups of the previous layout
 * (`groups/<scope>/<time>-<n>-<random>-k<hex>.json`) are still read, and skipped by name for other keys;
 * names without a hint are always read, so objects of earlier versions stay visible. Earlier versions, which
 * list the scope without a delimiter, read objects of this layout like any other.
 */
import { randomBytes } from 'node:crypto';
import { TencentApiError, type CosMediaClient } from '../client';
import { mapPool } from './pool';

export interface LedgerRecord {
  readonly version: 1;
  readonly key: string;
  readonly input: string;
  /** `submitting`: a POST was (maybe) sent; `submitted`: `jobId` is the job. */
  readonly state: 'submitting' | 'submitted';
  readonly jobId?: string;
  /** When the latest POST was sent (ISO), or shortly before. */
  readonly sentAt: string;
  /** POSTs sent for this key so far. */
  readonly attempts: number;
  /** Jobs of earlier attempts that ended `Failed` or `Cancel`: never adopted again. */
  readonly previousJobIds: readonly string[];
}

/** What a group object holds. */
interface LedgerGroupObject {
  readonly format: 'cdktf-cos-media-ledger-group';
  readonly version: 2;
  readonly records: readonly LedgerRecord[];
}

/** Inputs per group object. */
export const LEDGER_GROUP_SIZE = 50;

export interface LedgerLocation {
  readonly client: CosMediaClient;
  readonly bucket: string;
  readonly prefix: string;
  /** Identifies the job settings (without the input) whose records live together; hex. */
  readonly scope: string;
}

/** Where an earlier version kept the record of one key. */
export function legacyRecordKey(at: LedgerLocation, key: string): string {
  return `${at.prefix}${key}.json`;
}

function groupsPrefix(at: LedgerLocation): string {
  return `${at.prefix}groups/${at.scope}/`;
}

/** Hex digits of the key a one-input group's directory (or, in the previous layout, name) carries. */
const KEY_HINT_LENGTH = 32;
/** A one-input group of the previous layout, directly in the scope. */
const KEY_HINT = /-k([0-9a-f]{32})\.json$/;
/** Where one-input groups live: `<groups of the scope>k/<hint>/`. */
const SOLE_KEY_DIR = 'k/';
/** A reader of at most this many keys lists their directories; of more, all of `k/` at once. */
export const PER_KEY_LISTINGS_MAX = 4;

/** The hint of `key` for a one-input group's name, or undefined for keys that are not hex (tests use short ones). */
function keyHint(key: string): string | undefined {
  return /^[0-9a-f]+$/.test(key) && key.length >= KEY_HINT_LENGTH ? key.slice(0, KEY_HINT_LENGTH) : undefined;
}

/** Whether a group object may hold a record of one of the keys whose hints are `wanted`: false only for a one-input group of another key. */
function mayHold(objectKey: string, wanted: ReadonlySet<string>): boolean {
  const m = KEY_HINT.exec(objectKey);
  return m === null || wanted.has(m[1] as string);
}

function parseJson(text: string, objectKey: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`ledger object ${objectKey} is not JSON; remove it only if no job was submitted for it`);
  }
}

function checkRecord(value: unknown, objectKey: string): LedgerRecord {
  const r = value as Partial<LedgerRecord> | null;
  if (r === null || typeof r !== 'object' || r.version !== 1 || typeof r.key !== 'string' || (r.state !== 'submitting' && r.state !== 'submitted')) {
    throw new Error(`ledger object ${objectKey} is not a cdktf-cos-media ledger record`);
  }
  return { ...r, previousJobIds: r.previousJobIds ?? [], attempts: r.attempts ?? 1 } as LedgerRecord;
}

function parseGroup(text: string, objectKey: string): LedgerRecord[] {
  const g = parseJson(text, objectKey) as Partial<LedgerGroupObject> | null;
  if (g === null || typeof g !== 'object' || g.format !== 'cdktf-cos-media-ledger-group' || g.version !== 2 || !Array.isArray(g.records)) {
    throw new Error(`ledger object ${objectKey} is not a cdktf-cos-media ledger group`);
  }
  return g.records.map((r) => checkRecord(r, objectKey));
}

/** Which of two records of one key is the later word: the later send, then more attempts, then a JobId. */
function later(a: LedgerRecord, b: LedgerRecord): LedgerRecord {
  if (a.sentAt !== b.sentAt) return a.sentAt > b.sentAt ? a : b;
  if (a.attempts !== b.attempts) return a.attempts > b.attempts ? a : b;
  return b.state === 'submitted' && a.state !== 'submitted' ? b : a;
}

interface Listing {
  readonly objects: string[];
  /** With a delimiter: the prefixes the objects past it were rolled up into. */
  readonly commonPrefixes: string[];
}

/** Every object key under `prefix`, all pages (with `delimiter`: only those before it, and the common prefixes). */
async function listAll(at: LedgerLocation, prefix: string, delimiter?: string): Promise<Listing> {
  const objects: string[] = [];
  const commonPrefixes: string[] = [];
  let marker: string | undefined;
  for (;;) {
    const page = await at.client.listObjects({ bucket: at.bucket, prefix, ...(delimiter ? { delimiter } : {}), ...(marker ? { marker } : {}) });
    objects.push(...page.objects.map((o) => o.key));
    commonPrefixes.push(...page.commonPrefixes);
    if (!page.isTruncated) return { objects, commonPrefixes };
    // The next page starts after the last key or common prefix of this one, whichever sorts later.
    const last = [page.objects[page.objects.length - 1]?.key, page.commonPrefixes[page.commonPrefixes.length - 1]].filter((k) => k !== undefined).sort();
    marker = page.nextMarker ?? last[last.length - 1];
    if (marker === undefined) return { objects, commonPrefixes };
  }
}

async function getText(at: LedgerLocation, objectKey: string): Promise<string | undefined> {
  try {
    return (await at.client.getObject({ bucket: at.bucket, key: objectKey })).body.toString('utf8');
  } catch (err) {
    if (err instanceof TencentApiError && (err.code === 'NoSuchKey' || err.statusCode === 404)) return undefined;
    throw err;
  }
}

/** The one-input groups of the keys whose hints are `hints`: their directories, or all of `k/` for many. */
async function listSoleKeyGroups(at: LedgerLocation, hints: ReadonlySet<string>, call: <T>(fn: () => Promise<T>) => Promise<T>): Promise<string[]> {
  const dir = `${groupsPrefix(at)}${SOLE_KEY_DIR}`;
  if (hints.size <= PER_KEY_LISTINGS_MAX) {
    const lists = await Promise.all([...hints].map((h) => call(() => listAll(at, `${dir}${h}/`))));
    return lists.flatMap((l) => l.objects);
  }
  return (await call(() => listAll(at, dir))).objects.filter((k) => hints.has(k.slice(dir.length, dir.length + KEY_HINT_LENGTH)));
}

/**
 * The latest record of each of `keys` that has one: one listing of the scope's group objects, of the
 * one-input groups of `keys` when the scope has any (see the file's comment), and of the prefix itself for
 * records of earlier versions; then one GET per object found. `soleKeys`: the keys that may have one-input
 * groups of the current layout (default: all of `keys`; the job runner leaves out the legacy keys, whose
 * records only earlier versions wrote). `call` wraps every request (the job runner's retry-on-SlowDown).
 */
export async function readLedger(
  at: LedgerLocation,
  keys: ReadonlySet<string>,
  concurrency: number,
  call: <T>(fn: () => Promise<T>) => Promise<T> = (fn) => fn(),
  soleKeys: ReadonlySet<string> = keys,
): Promise<Map<string, LedgerRecord>> {
  const [scope, legacy] = await Promise.all([
    call(() => listAll(at, groupsPrefix(at), '/')),
    call(async () => (await listAll(at, at.prefix, '/')).objects),
  ]);
  const soleKeyDirs = scope.commonPrefixes.includes(`${groupsPrefix(at)}${SOLE_KEY_DIR}`)
    ? await listSoleKeyGroups(at, new Set([...soleKeys].flatMap((k) => keyHint(k) ?? [])), call)
    : [];
  const groups = scope.objects;
  // Built only when some group of the previous layout is named for one key (a batch's 100,000 keys would make 100,000 hints).
  const hints = groups.some((k) => KEY_HINT.test(k)) ? new Set([...keys].flatMap((k) => keyHint(k) ?? [])) : new Set<string>();
  const groupsWanted = [...groups.filter((k) => mayHold(k, hints)), ...soleKeyDirs];
  const legacyWanted = legacy.filter((k) => {
    const name = k.slice(at.prefix.length);
    return name.endsWith('.json') && keys.has(name.slice(0, -'.json'.length));
  });
  const found = new Map<string, LedgerRecord>();
  const add = (r: LedgerRecord): void => {
    if (!keys.has(r.key)) return;
    const known = found.get(r.key);
    found.set(r.key, known ? later(known, r) : r);
  };
  await mapPool([...groupsWanted.map((k) => [k, true] as const), ...legacyWanted.map((k) => [k, false] as const)], concurrency, async ([objectKey, isGroup]) => {
    const text = await call(() => getText(at, objectKey));
    if (text === undefined) return;
    if (isGroup) parseGroup(text, objectKey).forEach(add);
    else add(checkRecord(parseJson(text, objectKey), objectKey));
  });
  return found;
}

/**
 * One group object being written: records are set in memory, and `flush()` resolves once a write that
 * began after the call has stored them. Writes of one group never overlap and each stores every record
 * set so far, so a later write can never be overtaken by an earlier one.
 */
export class LedgerGroupWriter {
  readonly objectKey: string;
  readonly #at: LedgerLocation;
  readonly #records = new Map<string, LedgerRecord>();
  #wanted = 0;
  #stored = 0;
  #writing: Promise<void> | undefined;
  readonly #put: (body: string) => Promise<void>;
  /** The one key this group may hold, when its name says so. */
  readonly #soleKey: string | undefined;

  /**
   * `soleKey`: the group will only ever hold this key's record; it then lives in the directory of the key's
   * hint, so readers of other keys never list it (see the file's comment).
   */
  constructor(at: LedgerLocation, name: string, put?: (body: string) => Promise<void>, soleKey?: string) {
    this.#at = at;
    const hint = soleKey === undefined ? undefined : keyHint(soleKey);
    this.#soleKey = hint === undefined ? undefined : soleKey;
    this.objectKey = hint === undefined ? `${groupsPrefix(at)}${name}.json` : `${groupsPrefix(at)}${SOLE_KEY_DIR}${hint}/${name}.json`;
    this.#put =
      put ??
      (async (body) => {
        await at.client.putObject({ bucket: at.bucket, key: this.objectKey, body, contentType: 'application/json' });
      });
  }

  /** A name unique to this run and group, sorting by time: `20260101T120000123Z-0007-1a2b3c4d`. */
  static groupName(now: number, index: number): string {
    const stamp = new Date(now).toISOString().replace(/[-:.]/g, '');
    return `${stamp}-${String(index).padStart(4, '0')}-${randomBytes(4).toString('hex')}`;
  }

  get location(): LedgerLocation {
    return this.#at;
  }

  set(record: LedgerRecord): void {
    if (this.#soleKey !== undefined && record.key !== this.#soleKey) {
      throw new Error(`ledger group ${this.objectKey} is named for one key; it cannot hold a record of ${record.key}`);
    }
    this.#records.set(record.key, record);
  }

  /** Stores every record set so far (at most one write in flight; waiting callers share the next one). */
  async flush(): Promise<void> {
    const want = ++this.#wanted;
    while (this.#stored < want) {
      if (this.#writing === undefined) {
        const upTo = this.#wanted;
        const body = JSON.stringify({ format: 'cdktf-cos-media-ledger-group', version: 2, records: [...this.#records.values()] } satisfies LedgerGroupObject);
        this.#writing = this.#put(body).then(
          () => {
            this.#stored = Math.max(this.#stored, upTo);
            this.#writing = undefined;
          },
          (err: unknown) => {
            this.#writing = undefined;
            throw err;
          },
        );
      }
      await this.#writing;
    }
  }
}
