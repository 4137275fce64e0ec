/**
 * Reading a data directory back: every record is checked before it is applied or written to a new snapshot;
 * a torn last line is dropped; anything else unreadable stops start-up with one line (file, line, problem) and
 * changes nothing; `repair` keeps every readable record and moves the rest aside.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RunningEmulator } from '../../src/emulator';
import { cosHost, send, startTestEmulator } from './helpers';
import { spawnEmulator } from './process';

/** Every file under `dir` with its content, to show that a refused start-up changed nothing. */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, 'base64');
    }
  };
  walk(dir);
  return out;
}

describe('recovery of a data directory', () => {
  let dir: string;
  let emulator: RunningEmulator | undefined;
  let journal: string;
  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-recovery-'));
    // A bucket and three objects: journal lines 1 (bucket), 2, 3, 4 (objects).
    emulator = await startTestEmulator({ dataDir: dir });
    await send(emulator.url, { method: 'PUT', host: cosHost(), path: '/' });
    for (const k of ['a', 'b', 'c']) expect((await send(emulator.url, { method: 'PUT', host: cosHost(), path: `/${k}.txt`, body: k })).status).toBe(200);
    await emulator.stop();
    emulator = undefined;
    journal = path.join(dir, fs.readdirSync(dir).find((f) => f.startsWith('journal-'))!);
    expect(fs.readFileSync(journal, 'utf8').trimEnd().split('\n')).toHaveLength(4);
  });
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Puts `line` in the journal after line `after` (1-based). */
  function insertLine(after: number, line: string): void {
    const lines = fs.readFileSync(journal, 'utf8').trimEnd().split('\n');
    lines.splice(after, 0, line);
    fs.writeFileSync(journal, `${lines.join('\n')}\n`);
  }

  const keys = (e: RunningEmulator): string[] => e.state().objects.map((o) => o.key).sort();

  it.each([
    ['a well-formed record with a null value', '{"c":"jobs","k":"x","v":null}', /the jobs record "x" is null, not an object/],
    ['a job record missing its fields', '{"c":"jobs","k":"x","v":{"jobId":"x"}}', /the jobs record "x": field "seq" is missing/],
    ['a null line', 'null', /a journal entry must be an object, got null/],
    ['a number line', '123', /a journal entry must be an object, got 123/],
    ['an unknown collection', '{"c":"nope","k":"x","v":{}}', /unknown collection "nope"/],
    ['a garbage line in the middle', '{"c":"objects",#garbage', /is not valid JSON/],
  ])('fails to start on %s, naming the file and line, and changes nothing', async (_label, line, problem) => {
    insertLine(2, line);
    const before = contents(dir);
    const start = startTestEmulator({ dataDir: dir });
    await expect(start).rejects.toThrow(problem);
    await expect(start).rejects.toThrow(`${journal}: line 3: `);
    await expect(start).rejects.toThrow(/--repair/);
    expect(contents(dir)).toEqual(before);
  });

  it('fails to start on a truncated snapshot, naming the file, and changes nothing', async () => {
    emulator = await startTestEmulator({ dataDir: dir }); // folds the journal into the snapshot
    await emulator.stop();
    emulator = undefined;
    const snapshot = path.join(dir, 'snapshot.json');
    const text = fs.readFileSync(snapshot, 'utf8');
    fs.writeFileSync(snapshot, text.slice(0, Math.floor(text.length / 2)));
    const before = contents(dir);
    await expect(startTestEmulator({ dataDir: dir })).rejects.toThrow(new RegExp(`^${escape(snapshot)}: line 1: is not valid JSON .*truncated\\?\\)`));
    expect(contents(dir)).toEqual(before);
  });

  it('fails to start on a snapshot record that is not valid', async () => {
    emulator = await startTestEmulator({ dataDir: dir });
    await emulator.stop();
    emulator = undefined;
    const snapshot = path.join(dir, 'snapshot.json');
    const parsed = JSON.parse(fs.readFileSync(snapshot, 'utf8')) as { state: { jobs: unknown[] } };
    parsed.state.jobs.push(['x', null]);
    fs.writeFileSync(snapshot, JSON.stringify(parsed));
    await expect(startTestEmulator({ dataDir: dir })).rejects.toThrow(`${snapshot}: line 1: state.jobs[0]: the jobs record "x" is null`);
  });

  it('drops a torn last line (no newline, not JSON) with a warning and keeps every line before it', async () => {
    fs.appendFileSync(journal, '{"c":"objects","k":"media-1250000000/d.txt","v":{"buck');
    const warnings: string[] = [];
    emulator = await startTestEmulator({ dataDir: dir, warn: (m) => warnings.push(m) });
    expect(keys(emulator)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(warnings).toEqual([expect.stringMatching(/line 5 is torn/)]);
  });

  it('repairs: keeps the acknowledged lines after a garbage line, moves the originals and the bad line aside', async () => {
    insertLine(2, '{"c":"objects",#garbage');
    insertLine(4, '{"c":"jobs","k":"x","v":null}');
    const original = fs.readFileSync(journal, 'utf8');
    const warnings: string[] = [];
    emulator = await startTestEmulator({ dataDir: dir, repair: true, warn: (m) => warnings.push(m) });
    expect(keys(emulator)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect((await send(emulator.url, { method: 'GET', host: cosHost(), path: '/c.txt' })).text).toBe('c');
    expect(emulator.state().jobs).toEqual([]);
    const aside = fs.readdirSync(dir).filter((f) => f.startsWith('aside-'));
    expect(aside).toHaveLength(1);
    const asideDir = path.join(dir, aside[0]!);
    expect(fs.readFileSync(path.join(asideDir, path.basename(journal)), 'utf8')).toBe(original);
    const rejected = fs.readFileSync(path.join(asideDir, 'rejected.ndjson'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { line: number; text: string });
    expect(rejected.map((r) => [r.line, r.text])).toEqual([[3, '{"c":"objects",#garbage'], [5, '{"c":"jobs","k":"x","v":null}']]);
    expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(/repair: kept 4 records; .* 2 unreadable part\(s\)/)]));
    await emulator.stop();
    // The repaired directory now opens without --repair and without warnings.
    const again: string[] = [];
    emulator = await startTestEmulator({ dataDir: dir, warn: (m) => again.push(m) });
    expect(keys(emulator)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(again).toEqual([]);
  });

  it('repairs a truncated snapshot: keeps the journal written since it, moves the snapshot aside', async () => {
    const snapshot = path.join(dir, 'snapshot.json');
    const text = fs.readFileSync(snapshot, 'utf8'); // generation 1, empty; the objects are in journal-1
    fs.writeFileSync(snapshot, text.slice(0, text.length - 3));
    emulator = await startTestEmulator({ dataDir: dir, repair: true, warn: () => undefined });
    expect(keys(emulator)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    const asideDir = path.join(dir, fs.readdirSync(dir).find((f) => f.startsWith('aside-'))!);
    expect(fs.readFileSync(path.join(asideDir, 'snapshot.json'), 'utf8')).toBe(text.slice(0, text.length - 3));
  });

  it('leaves a readable directory alone when asked to repair it', async () => {
    const warnings: string[] = [];
    emulator = await startTestEmulator({ dataDir: dir, repair: true, warn: (m) => warnings.push(m) });
    expect(keys(emulator)).toEqual(['a.txt', 'b.txt', 'c.txt']);
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('aside-'))).toEqual([]);
    expect(warnings).toEqual([expect.stringContaining('nothing to repair')]);
  });

  it('as a process: refuses to start on an invalid job record with one line and exit 1, and never prints "listening"', async () => {
    insertLine(2, '{"c":"jobs","k":"x","v":null}');
    const run = spawnEmulator(['--port', '0', '--data-dir', dir]);
    await expect(run).rejects.toThrow(/emulator exited \(1\) before listening/);
    const message = await run.then(() => '', (e: Error) => e.message);
    const printed = message.slice(message.indexOf('\n') + 1).trimEnd();
    expect(printed.split('\n')).toEqual([expect.stringMatching(new RegExp(`^cos-media emulator: cannot start: ${escape(journal)}: line 3: the jobs record "x" is null`))]);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
