/**
 * Reading a data directory back at start-up, and repairing one that cannot be read.
 *
 * Every record is checked (`records.ts`) before it is applied. A torn last journal line (a crash in the middle
 * of an append, so no newline after it and not valid JSON) was never acknowledged and is dropped with a
 * warning. Anything else that cannot be read stops start-up with one line naming the file, the line and what
 * is wrong, and nothing in the directory is changed, so a person can look at it. `repairDataDir` (the
 * emulator's `--repair`) keeps every readable record, moves the original files and every unreadable record
 * into `aside-<time>/`, and writes a snapshot of what was kept.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { changeProblem, recordProblem } from './records';
import { applyChange, COLLECTION_NAMES, type ChangeRecord, type CollectionName, type ObjectRecord } from './state';

export const SNAPSHOT_FORMAT = 'cos-media-emulator/1';

export type MutableState = { [C in CollectionName]: Map<string, unknown> };

/** A data directory that cannot be read as it is. The message is one line: file, line, problem, what to do. */
export class DataDirError extends Error {
  constructor(file: string, line: number, problem: string) {
    super(
      `${file}: line ${line}: ${problem}. Nothing in the data directory was changed: inspect it, or start the emulator ` +
        'with --repair to keep every readable record and move the rest aside.',
    );
    this.name = 'DataDirError';
  }
}

export interface Recovered {
  readonly generation: number;
  readonly state: MutableState;
  readonly warnings: string[];
}

const emptyState = (): MutableState => {
  const state = {} as MutableState;
  for (const name of COLLECTION_NAMES) state[name] = new Map();
  return state;
};

/** One problem found while reading: where, and the raw text when it is a journal line. */
interface Rejected {
  readonly file: string;
  readonly line: number;
  readonly problem: string;
  readonly text?: string;
}

/** Reads snapshot and journal; `onBad` decides what an unreadable part does (throw, or be collected). */
function read(dir: string, onBad: (r: Rejected) => void): Recovered {
  const warnings: string[] = [];
  const state = emptyState();
  const snapshotFile = path.join(dir, 'snapshot.json');
  let generation = 0;
  let text: string | undefined;
  try {
    text = fs.readFileSync(snapshotFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') onBad({ file: snapshotFile, line: 1, problem: `cannot be read (${(err as Error).message})` });
  }
  if (text !== undefined) generation = readSnapshot(snapshotFile, text, state, onBad) ?? highestJournal(dir);
  replayJournal(path.join(dir, `journal-${generation}.ndjson`), state, warnings, onBad);
  return { generation, state, warnings };
}

/** Loads the snapshot's records into `state`; returns its generation, or `undefined` when the file is unreadable. */
function readSnapshot(file: string, text: string, state: MutableState, onBad: (r: Rejected) => void): number | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    onBad({ file, line: 1, problem: `is not valid JSON (${(err as Error).message}; ${text.length} bytes, truncated?)` });
    const g = /"generation"\s*:\s*(\d+)/.exec(text.slice(0, 200));
    return g ? Number(g[1]) : undefined;
  }
  const snap = parsed as { format?: unknown; generation?: unknown; state?: unknown };
  if (typeof snap !== 'object' || snap === null || snap.format !== SNAPSHOT_FORMAT || typeof snap.generation !== 'number' || !Number.isInteger(snap.generation)) {
    onBad({ file, line: 1, problem: `is not an emulator snapshot (${SNAPSHOT_FORMAT} with an integer generation)` });
    return undefined;
  }
  const collections = (typeof snap.state === 'object' && snap.state !== null ? snap.state : {}) as Record<string, unknown>;
  for (const name of Object.keys(collections)) {
    if (!(COLLECTION_NAMES as readonly string[]).includes(name)) onBad({ file, line: 1, problem: `state.${name}: unknown collection` });
  }
  for (const name of COLLECTION_NAMES) {
    const entries = collections[name] ?? [];
    if (!Array.isArray(entries)) {
      onBad({ file, line: 1, problem: `state.${name} is not a list of [key, record] pairs` });
      continue;
    }
    entries.forEach((entry: unknown, i) => {
      const [k, v] = Array.isArray(entry) && entry.length === 2 ? (entry as [unknown, unknown]) : [undefined, undefined];
      const problem = Array.isArray(entry) && entry.length === 2 ? recordProblem(name, k, v) : 'not a [key, record] pair';
      if (problem !== undefined) onBad({ file, line: 1, problem: `state.${name}[${i}]: ${problem}`, text: JSON.stringify(entry) });
      else state[name].set(k as string, v);
    });
  }
  return snap.generation;
}

function replayJournal(file: string, state: MutableState, warnings: string[], onBad: (r: Rejected) => void): void {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') onBad({ file, line: 1, problem: `cannot be read (${(err as Error).message})` });
    return;
  }
  const lines = text.split('\n');
  // The part after the last newline, if any, was being appended when the process died.
  const lastIsOpen = !text.endsWith('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === '' && (i === lines.length - 1 || !lastIsOpen)) continue;
    let change: unknown;
    try {
      change = JSON.parse(line);
    } catch (err) {
      if (lastIsOpen && i === lines.length - 1) {
        warnings.push(`${file}: line ${i + 1} is torn (the process died while writing it; it was never acknowledged): dropped`);
        return;
      }
      onBad({ file, line: i + 1, problem: `is not valid JSON (${(err as Error).message})`, text: line });
      continue;
    }
    const problem = changeProblem(change);
    if (problem !== undefined) {
      onBad({ file, line: i + 1, problem, text: line });
      continue;
    }
    applyChange(state, change as ChangeRecord);
  }
}

function highestJournal(dir: string): number {
  let best = 0;
  for (const name of fs.readdirSync(dir)) {
    const m = /^journal-(\d+)\.ndjson$/.exec(name);
    if (m) best = Math.max(best, Number(m[1]));
  }
  return best;
}

/** Reads a data directory; throws `DataDirError` at the first part that cannot be read, changing nothing. */
export function loadDataDir(dir: string): Recovered {
  return read(dir, (r) => {
    throw new DataDirError(r.file, r.line, r.problem);
  });
}

/**
 * Makes an unreadable data directory readable again: keeps every record that can be read, moves the original
 * snapshot and journals, a list of what was left out (`rejected.ndjson`) and object bodies nothing refers to
 * any more into `aside-<stamp>/`, and writes a snapshot of what was kept. Returns lines for the log; does
 * nothing (and says so) when the directory reads cleanly.
 */
export function repairDataDir(dir: string, stamp: string): string[] {
  try {
    loadDataDir(dir);
    return [`repair: ${dir} reads cleanly; nothing to repair`];
  } catch (err) {
    if (!(err instanceof DataDirError)) throw err;
  }
  const rejected: Rejected[] = [];
  const { generation, state, warnings } = read(dir, (r) => rejected.push(r));
  const aside = path.join(dir, `aside-${stamp}`);
  fs.mkdirSync(path.join(aside, 'blobs'), { recursive: true });

  const blobs = path.join(dir, 'blobs');
  fs.mkdirSync(blobs, { recursive: true });
  const objects = state.objects as Map<string, ObjectRecord>;
  for (const [id, record] of [...objects]) {
    if (!fs.existsSync(path.join(blobs, record.blobId))) {
      objects.delete(id);
      rejected.push({ file: path.join(blobs, record.blobId), line: 0, problem: `the body of object ${JSON.stringify(id)} is missing`, text: JSON.stringify(record) });
    }
  }
  const live = new Set([...objects.values()].map((o) => o.blobId));
  for (const name of fs.readdirSync(blobs)) if (!live.has(name)) fs.renameSync(path.join(blobs, name), path.join(aside, 'blobs', name));

  fs.writeFileSync(path.join(aside, 'rejected.ndjson'), rejected.map((r) => `${JSON.stringify(r)}\n`).join(''));
  for (const name of fs.readdirSync(dir)) {
    if (name === 'snapshot.json' || /^journal-\d+\.ndjson$/.test(name)) fs.renameSync(path.join(dir, name), path.join(aside, name));
  }
  const snapshot: Record<string, [string, unknown][]> = {};
  for (const name of COLLECTION_NAMES) snapshot[name] = [...state[name].entries()];
  const file = path.join(dir, 'snapshot.json');
  const fd = fs.openSync(`${file}.tmp`, 'w');
  try {
    fs.writeFileSync(fd, JSON.stringify({ format: SNAPSHOT_FORMAT, generation: generation + 1, state: snapshot }));
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(`${file}.tmp`, file);

  const kept = COLLECTION_NAMES.reduce((n, name) => n + state[name].size, 0);
  return [
    ...warnings.map((w) => `repair: ${w}`),
    ...rejected.map((r) => `repair: moved aside: ${r.file}${r.line > 0 ? `: line ${r.line}` : ''}: ${r.problem}`),
    `repair: kept ${kept} records; the original files and ${rejected.length} unreadable part(s) are in ${aside}`,
  ];
}
