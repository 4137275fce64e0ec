/**
 * Durability for a data directory: every acknowledged write survives `kill -9`.
 *
 * Layout: `snapshot.json` (all records of generation g), `journal-<g>.ndjson` (changes since, one JSON line
 * each), `blobs/<id>` (object bodies, one file per stored version), `LOCK` (pid of the owning process).
 *
 * A write is acknowledged only after `flush()` resolves: new bodies are written and fsync'ed (and the blobs
 * directory fsync'ed), then the batch of journal lines is appended and fsync'ed. Concurrent requests share one
 * fsync (group commit), so a batch of 1,000 job submissions costs far fewer than 1,000 fsyncs. Loading is in
 * `recovery.ts`: every record is checked first, a torn last line (a crash mid-append, never acknowledged) is
 * dropped, anything else unreadable stops start-up and changes nothing (or is moved aside with `repair`). Whole-state snapshots are written
 * temp + fsync + rename at start-up and whenever the journal outgrows `compactBytes`; a full rewrite on every
 * write would make a 1,000-job batch quadratic.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadDataDir, repairDataDir, SNAPSHOT_FORMAT as FORMAT } from './recovery';
import { COLLECTION_NAMES, type ChangeRecord, type CollectionName, type ObjectRecord, type StateSnapshot } from './state';

interface Batch {
  lines: string[];
  blobsToWrite: Map<string, Buffer>;
  blobsToDrop: Set<string>;
}

const emptyBatch = (): Batch => ({ lines: [], blobsToWrite: new Map(), blobsToDrop: new Set() });

export interface LoadedState {
  readonly snapshot: StateSnapshot;
  readonly bodies: Map<string, Buffer>;
  /** Things repaired while loading (a torn journal line, a missing body), for the log. */
  readonly warnings: readonly string[];
}

export interface PersistenceOptions {
  /** Rewrite the snapshot once the journal is larger than this many bytes. @default 8 MiB */
  readonly compactBytes?: number;
  /**
   * Repair a directory that cannot be read: keep every readable record and move the rest aside
   * (`recovery.ts`). Without it such a directory stops start-up and is left untouched. @default false
   */
  readonly repair?: boolean;
}

export class Persistence {
  private pending: Batch = emptyBatch();
  private tail: Promise<void> = Promise.resolve();
  private scheduled: Promise<void> | undefined;
  private journal: fs.promises.FileHandle | undefined;
  private journalBytes = 0;
  private closed = false;
  /** Supplies the current state for compaction (set by the store's owner). */
  snapshotSource: (() => StateSnapshot) | undefined;

  private constructor(
    private readonly dir: string,
    private generation: number,
    private readonly compactBytes: number,
  ) {}

  /** Takes the directory's lock, loads its state, and starts a fresh journal generation. */
  static async open(dir: string, options: PersistenceOptions = {}): Promise<{ persistence: Persistence; loaded: LoadedState }> {
    fs.mkdirSync(path.join(dir, 'blobs'), { recursive: true });
    takeLock(dir);
    let recovered: ReturnType<typeof loadDataDir>;
    const repairLines: string[] = [];
    try {
      if (options.repair) repairLines.push(...repairDataDir(dir, new Date().toISOString().replace(/[:.]/g, '-')));
      recovered = loadDataDir(dir);
    } catch (err) {
      releaseLock(dir);
      throw err;
    }
    const { generation, state } = recovered;
    const warnings = [...repairLines, ...recovered.warnings];

    const bodies = new Map<string, Buffer>();
    const objects = state.objects as Map<string, ObjectRecord>;
    for (const [id, record] of [...objects]) {
      try {
        bodies.set(record.blobId, fs.readFileSync(path.join(dir, 'blobs', record.blobId)));
      } catch {
        objects.delete(id);
        warnings.push(`object ${id}: body missing, dropped (its write was never acknowledged)`);
      }
    }
    const snapshot = {} as StateSnapshot;
    for (const name of COLLECTION_NAMES) (snapshot as Record<CollectionName, unknown>)[name] = [...state[name].entries()];

    const persistence = new Persistence(dir, generation, options.compactBytes ?? 8 * 1024 * 1024);
    await persistence.rotate(snapshot);
    removeStrayFiles(dir, persistence.generation, new Set(bodies.keys()));
    return { persistence, loaded: { snapshot, bodies, warnings } };
  }

  record(change: ChangeRecord): void {
    this.pending.lines.push(JSON.stringify(change));
  }

  addBlob(id: string, body: Buffer): void {
    this.pending.blobsToWrite.set(id, body);
  }

  dropBlob(id: string): void {
    if (this.pending.blobsToWrite.delete(id)) return; // never written
    this.pending.blobsToDrop.add(id);
  }

  /** Resolves when every change recorded so far is on disk. */
  flush(): Promise<void> {
    const p = this.pending;
    if (p.lines.length === 0 && p.blobsToWrite.size === 0 && p.blobsToDrop.size === 0) return this.tail;
    if (this.scheduled) return this.scheduled;
    const scheduled = this.tail.then(() => {
      this.scheduled = undefined;
      const batch = this.pending;
      this.pending = emptyBatch();
      return this.write(batch);
    });
    this.scheduled = scheduled;
    this.tail = scheduled.catch(() => undefined);
    return scheduled;
  }

  async close(): Promise<void> {
    await this.flush().catch(() => undefined);
    this.closed = true;
    await this.journal?.close();
    this.journal = undefined;
    releaseLock(this.dir);
  }

  private async write(batch: Batch): Promise<void> {
    if (this.closed || !this.journal) throw new Error('the emulator data directory is closed');
    const blobs = path.join(this.dir, 'blobs');
    if (batch.blobsToWrite.size > 0) {
      await Promise.all([...batch.blobsToWrite].map(([id, body]) => writeDurably(path.join(blobs, id), body)));
      await fsyncDir(blobs);
    }
    if (batch.lines.length > 0) {
      const text = `${batch.lines.join('\n')}\n`;
      await this.journal.appendFile(text, 'utf8');
      await this.journal.datasync();
      this.journalBytes += Buffer.byteLength(text);
    }
    await Promise.all([...batch.blobsToDrop].map((id) => fs.promises.rm(path.join(blobs, id), { force: true })));
    if (this.journalBytes > this.compactBytes && this.snapshotSource) await this.rotate(this.snapshotSource());
  }

  /** Writes the snapshot of the next generation atomically, then switches to that generation's empty journal. */
  private async rotate(snapshot: StateSnapshot): Promise<void> {
    const next = this.generation + 1;
    const file = path.join(this.dir, 'snapshot.json');
    await writeDurably(`${file}.tmp`, Buffer.from(JSON.stringify({ format: FORMAT, generation: next, state: snapshot })));
    await fs.promises.rename(`${file}.tmp`, file);
    await fsyncDir(this.dir);
    const old = this.journal;
    this.journal = await fs.promises.open(path.join(this.dir, `journal-${next}.ndjson`), 'a');
    this.journalBytes = 0;
    await fsyncDir(this.dir);
    await old?.close();
    await fs.promises.rm(path.join(this.dir, `journal-${this.generation}.ndjson`), { force: true });
    this.generation = next;
  }
}

async function writeDurably(file: string, data: Buffer): Promise<void> {
  const handle = await fs.promises.open(file, 'w');
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.promises.open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems refuse fsync on directories; the rename is still atomic there.
  } finally {
    await handle.close();
  }
}

function removeStrayFiles(dir: string, generation: number, liveBlobs: ReadonlySet<string>): void {
  for (const name of fs.readdirSync(dir)) {
    const journal = /^journal-(\d+)\.ndjson$/.exec(name);
    if ((journal && Number(journal[1]) !== generation) || name.endsWith('.tmp')) fs.rmSync(path.join(dir, name), { force: true });
  }
  const blobs = path.join(dir, 'blobs');
  for (const name of fs.readdirSync(blobs)) if (!liveBlobs.has(name)) fs.rmSync(path.join(blobs, name), { force: true });
}

/** One emulator per data directory: a second one would interleave journals. A lock left by a dead process is taken over. */
function takeLock(dir: string): void {
  const file = path.join(dir, 'LOCK');
  try {
    const pid = Number(fs.readFileSync(file, 'utf8'));
    if (pid && pid !== process.pid && isAlive(pid)) {
      throw new Error(`data directory ${dir} is in use by process ${pid} (remove ${file} if that is wrong)`);
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.writeFileSync(file, String(process.pid));
}

function releaseLock(dir: string): void {
  const file = path.join(dir, 'LOCK');
  try {
    if (Number(fs.readFileSync(file, 'utf8')) === process.pid) fs.rmSync(file, { force: true });
  } catch {
    // already gone
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
