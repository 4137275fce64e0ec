/**
 * The emulator's one store: every bucket, object, media bucket, queue, template and job, in memory, with
 * each change handed to the persistence layer (when there is a data directory) as an upsert or a delete.
 *
 * Records are plain JSON values and are replaced, never edited in place, so a record in the journal is
 * always a whole, consistent value. Rules (what may change, which errors) live in `domain/`; this file only
 * holds data.
 */
import type { XmlObject } from '../model';
import type { Persistence } from './persistence';

export interface BucketRecord {
  readonly name: string;
  readonly region: string;
  readonly createdAt: number;
  /** Cloud Infinite bound to the bucket (`PUT /` on the pic host). */
  readonly ciBound: boolean;
}

export interface ObjectRecord {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  /** Hex MD5 of the body, without quotes. */
  readonly etag: string;
  /** Decimal CRC-64/ECMA-182 of the body (`x-cos-hash-crc64ecma`). */
  readonly crc64: string;
  readonly contentType: string;
  readonly lastModified: number;
  /** Stored response headers: `x-cos-meta-*`, `cache-control`, `content-disposition`, `content-encoding`, `expires`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Where the body is kept (memory map key; file name under `blobs/` with a data directory). */
  readonly blobId: string;
}

export interface MediaBucketRecord {
  readonly bucket: string;
  readonly region: string;
  readonly createdAt: number;
}

export interface NotifyConfigRecord {
  readonly State: 'On' | 'Off';
  readonly Url?: string;
  readonly Type?: string;
  readonly Event?: string;
  readonly ResultFormat?: string;
  readonly MqMode?: string;
  readonly MqRegion?: string;
  readonly MqName?: string;
}

export interface QueueRecord {
  readonly queueId: string;
  readonly bucket: string;
  readonly name: string;
  readonly state: 'Active' | 'Paused';
  readonly notifyConfig: NotifyConfigRecord;
  readonly maxSize: number;
  readonly maxConcurrent: number;
  readonly category: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Jobs submitted without `QueueId` go here (a queue added through the control API); else to the first queue. */
  readonly takesJobsWithoutQueueId?: boolean;
}

export interface TemplateRecord {
  readonly templateId: string;
  readonly bucket: string;
  readonly name: string;
  readonly tag: 'Watermark' | 'VideoEnhance';
  /** The type-specific container as sent (`Watermark` or `VideoEnhance`). */
  readonly body: XmlObject;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type JobState = 'Submitted' | 'Running' | 'Success' | 'Failed' | 'Pause' | 'Cancel';

export interface JobCallback {
  readonly url?: string;
  readonly format: 'XML' | 'JSON';
  readonly type: string;
  /** `CallBack` was the literal `no`: the queue's callback is suppressed too. */
  readonly suppressed: boolean;
}

export interface JobRecord {
  readonly jobId: string;
  /** Submission order, for stable sorting and `nextToken`. */
  readonly seq: number;
  readonly bucket: string;
  readonly region: string;
  readonly tag: 'VideoEnhance';
  readonly state: JobState;
  readonly code: string;
  readonly message: string;
  readonly queueId: string;
  readonly inputObject: string;
  /** The request's `Operation` (echoed back), plus `TemplateName` when a template is used. */
  readonly operation: XmlObject;
  /**
   * The VideoEnhance template's parameters as they were at submission: a template updated later does not
   * change a job already submitted (the safe reading; whether the service copies them is unconfirmed).
   */
  readonly templateParams?: XmlObject;
  readonly jobLevel: number;
  readonly callback: JobCallback;
  /** Fixed at submission, so a restart does not change when a job ends. */
  readonly durationMs: number;
  readonly createdAt: number;
  readonly startedAt?: number;
  readonly endedAt?: number;
  /** Filled on success. */
  readonly mediaResult?: XmlObject;
  readonly mediaInfo?: XmlObject;
}

/** An input marked (through the control API) to make the jobs that read it fail. */
export interface CorruptInputRecord {
  readonly bucket: string;
  readonly key: string;
  readonly code: string;
  readonly message: string;
}

/** Counters and settings that must survive a restart. */
export interface MetaRecord {
  readonly value: number;
}

export interface Collections {
  buckets: BucketRecord;
  objects: ObjectRecord;
  mediaBuckets: MediaBucketRecord;
  queues: QueueRecord;
  templates: TemplateRecord;
  jobs: JobRecord;
  corruptInputs: CorruptInputRecord;
  meta: MetaRecord;
}

export type CollectionName = keyof Collections;

export const COLLECTION_NAMES: readonly CollectionName[] = [
  'buckets',
  'objects',
  'mediaBuckets',
  'queues',
  'templates',
  'jobs',
  'corruptInputs',
  'meta',
];

/** One change, as journaled: an upsert (`v`) or a delete (`d`) of key `k` in collection `c`, or a reset. */
export type ChangeRecord =
  | { readonly c: CollectionName; readonly k: string; readonly v: Collections[CollectionName] }
  | { readonly c: CollectionName; readonly k: string; readonly d: 1 }
  | { readonly reset: 1 };

/** Everything but object bodies, as written to a snapshot. */
export type StateSnapshot = { [C in CollectionName]: [string, Collections[C]][] };

/** The key of an object in the `objects` and `corruptInputs` collections. */
export const objectId = (bucket: string, key: string): string => `${bucket}/${key}`;

/** The states of a job that has not ended. */
const PENDING_STATES: ReadonlySet<string> = new Set(['Submitted', 'Pause', 'Running']);

/** An object and its key as UTF-8 bytes (the order COS lists keys in). */
export interface SortedObject {
  readonly record: ObjectRecord;
  readonly bytes: Buffer;
}

export class Store {
  private readonly maps: { [C in CollectionName]: Map<string, Collections[C]> } = {
    buckets: new Map(),
    objects: new Map(),
    mediaBuckets: new Map(),
    queues: new Map(),
    templates: new Map(),
    jobs: new Map(),
    corruptInputs: new Map(),
    meta: new Map(),
  };
  private readonly bodies = new Map<string, Buffer>();
  /**
   * Each bucket's objects sorted by key, built on the first listing after a change to any object: a listing
   * used to sort the whole bucket (allocating two Buffers per comparison) on every page, which made listing a
   * bucket of 100,000 objects page by page take minutes.
   */
  private sortedObjects = new Map<string, readonly SortedObject[]>();
  /**
   * Jobs not yet ended (`Submitted`, `Pause`, `Running`), by id: the scheduler and the queue-size check look at
   * these on every request, and walking every job ever submitted made a batch of 100,000 quadratic.
   */
  private readonly pending = new Map<string, JobRecord>();

  constructor(private readonly persistence?: Persistence) {}

  get<C extends CollectionName>(c: C, key: string): Collections[C] | undefined {
    return this.maps[c].get(key) as Collections[C] | undefined;
  }

  /** Every record of a collection, in insertion order. */
  all<C extends CollectionName>(c: C): Collections[C][] {
    return [...(this.maps[c].values() as IterableIterator<Collections[C]>)];
  }

  count(c: CollectionName): number {
    return this.maps[c].size;
  }

  put<C extends CollectionName>(c: C, key: string, value: Collections[C]): void {
    if (c === 'objects') this.sortedObjects.clear();
    if (c === 'jobs') this.trackPending(key, value as JobRecord);
    (this.maps[c] as Map<string, Collections[C]>).set(key, value);
    this.persistence?.record({ c, k: key, v: value });
  }

  remove(c: CollectionName, key: string): void {
    if (!this.maps[c].delete(key)) return;
    if (c === 'objects') this.sortedObjects.clear();
    if (c === 'jobs') this.pending.delete(key);
    this.persistence?.record({ c, k: key, d: 1 });
  }

  /** Stores (or replaces) an object together with its body; the old body is dropped once the change is durable. */
  putObject(record: ObjectRecord, body: Buffer): void {
    const id = objectId(record.bucket, record.key);
    const previous = this.get('objects', id);
    this.bodies.set(record.blobId, body);
    this.persistence?.addBlob(record.blobId, body);
    this.put('objects', id, record);
    if (previous) this.dropBody(previous.blobId);
  }

  removeObject(bucket: string, key: string): boolean {
    const id = objectId(bucket, key);
    const previous = this.get('objects', id);
    if (!previous) return false;
    this.remove('objects', id);
    this.dropBody(previous.blobId);
    return true;
  }

  body(record: ObjectRecord): Buffer {
    return this.bodies.get(record.blobId) ?? Buffer.alloc(0);
  }

  private dropBody(blobId: string): void {
    this.bodies.delete(blobId);
    this.persistence?.dropBlob(blobId);
  }

  /** Jobs that have not ended (`Submitted`, `Pause`, `Running`), in no particular order. */
  pendingJobs(): IterableIterator<JobRecord> {
    return this.pending.values();
  }

  private trackPending(id: string, job: JobRecord): void {
    if (PENDING_STATES.has(job.state)) this.pending.set(id, job);
    else this.pending.delete(id);
  }

  /** Objects of one bucket, sorted by key (byte order of UTF-8, as COS lists them). */
  objectsOf(bucket: string): ObjectRecord[] {
    return this.sortedObjectsOf(bucket).map((o) => o.record);
  }

  /** Objects of one bucket with their keys' UTF-8 bytes, sorted by those bytes (cached until an object changes). */
  sortedObjectsOf(bucket: string): readonly SortedObject[] {
    const cached = this.sortedObjects.get(bucket);
    if (cached) return cached;
    const prefix = `${bucket}/`;
    const out: SortedObject[] = [];
    for (const [id, record] of this.maps.objects) if (id.startsWith(prefix)) out.push({ record, bytes: Buffer.from(record.key) });
    out.sort((a, b) => Buffer.compare(a.bytes, b.bytes));
    this.sortedObjects.set(bucket, out);
    return out;
  }

  /** Forgets everything (and journals that it did). */
  reset(): void {
    for (const name of COLLECTION_NAMES) this.maps[name].clear();
    this.sortedObjects.clear();
    this.pending.clear();
    for (const id of this.bodies.keys()) this.persistence?.dropBlob(id);
    this.bodies.clear();
    this.persistence?.record({ reset: 1 });
  }

  /** Resolves once every change made so far is durable (at once without a data directory). */
  flush(): Promise<void> {
    return this.persistence ? this.persistence.flush() : Promise.resolve();
  }

  snapshot(): StateSnapshot {
    const out = {} as { [C in CollectionName]: [string, Collections[C]][] };
    for (const name of COLLECTION_NAMES) {
      (out as Record<CollectionName, unknown>)[name] = [...this.maps[name].entries()];
    }
    return out;
  }

  /** Loads a snapshot and bodies read back from disk; journals nothing. */
  load(snapshot: StateSnapshot, bodies: ReadonlyMap<string, Buffer>): void {
    for (const name of COLLECTION_NAMES) {
      const map = this.maps[name] as Map<string, unknown>;
      map.clear();
      for (const [k, v] of snapshot[name] ?? []) map.set(k, v);
    }
    this.sortedObjects.clear();
    this.pending.clear();
    for (const [id, job] of this.maps.jobs) this.trackPending(id, job);
    this.bodies.clear();
    for (const [id, body] of bodies) this.bodies.set(id, body);
  }

  /** Next value of a persisted counter (job sequence numbers). */
  nextCounter(name: string): number {
    const value = (this.get('meta', name)?.value ?? 0) + 1;
    this.put('meta', name, { value });
    return value;
  }
}

/** Applies one journaled change to a snapshot (used when replaying the journal). */
export function applyChange(state: { [C in CollectionName]: Map<string, unknown> }, change: ChangeRecord): void {
  if ('reset' in change) {
    for (const name of COLLECTION_NAMES) state[name].clear();
    return;
  }
  if (!COLLECTION_NAMES.includes(change.c)) return;
  if ('d' in change) state[change.c].delete(change.k);
  else state[change.c].set(change.k, change.v);
}
