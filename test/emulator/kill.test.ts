/**
 * `kill -9` mid-run: the emulator runs as its own process with a data directory while several clients write
 * objects and submit jobs; it is killed with SIGKILL while requests are in flight, restarted on the same
 * directory, and every write that had been answered must be there. Jobs that were running resume.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ciHost, cosHost, jobXml, send, setUpMediaBucket, SECRET_ID, SECRET_KEY, xmlHeaders, xmlOf } from './helpers';
import { spawnEmulator, type EmulatorProcess } from './process';

const ENV = { TENCENTCLOUD_SECRET_ID: SECRET_ID, TENCENTCLOUD_SECRET_KEY: SECRET_KEY, TENCENTCLOUD_SECURITY_TOKEN: '' };

interface StateJob {
  jobId: string;
  state: string;
  inputObject: string;
}

const state = async (url: string): Promise<{ jobs: StateJob[]; objects: { key: string; etag: string }[] }> =>
  (await (await fetch(`${url}/_emulator/state`)).json()) as { jobs: StateJob[]; objects: { key: string; etag: string }[] };

describe('an emulator process killed with SIGKILL', () => {
  let dir: string;
  const children: EmulatorProcess[] = [];
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-kill-'));
  });
  afterAll(() => {
    for (const c of children) if (c.child.exitCode === null && c.child.signalCode === null) c.child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loses nothing it acknowledged and resumes its jobs after a restart on the same data directory', async () => {
    // Jobs last ten minutes of emulator time, so at the kill some run, many wait, a few have ended (after the
    // clock jump below).
    const args = ['--port', '0', '--data-dir', dir, '--job-duration-ms', '600000'];
    const first = await spawnEmulator(args, ENV);
    children.push(first);
    await setUpMediaBucket(first.url);

    const objects = new Map<string, string>();
    const jobs = new Map<string, string>();
    let stop = false;
    let jumped = false;
    const worker = async (w: number): Promise<void> => {
      for (let i = 0; !stop; i++) {
        const key = `in/${w}-${i}.mp4`;
        const body = `payload ${w} ${i}`;
        try {
          const put = await send(first.url, { method: 'PUT', host: cosHost(), path: `/${key}`, body });
          if (put.status !== 200) throw new Error(put.text);
          objects.set(key, body);
          const res = await send(first.url, {
            method: 'POST', host: ciHost(), path: '/jobs', headers: xmlHeaders, body: jobXml({ input: key, output: 'out/${jobid}.mp4' }),
          });
          if (res.status !== 200) throw new Error(res.text);
          jobs.set((xmlOf(res).JobsDetail as { JobId: string }[])[0]!.JobId, key);
        } catch {
          return; // the process is gone: this request was never acknowledged
        }
        if (jobs.size >= 30 && !jumped) {
          jumped = true;
          // Ten jobs end (and write their outputs), the next ten start.
          await fetch(`${first.url}/_emulator/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 600_000 }) }).catch(() => undefined);
        }
        if (jobs.size >= 80) stop = true;
      }
    };
    const workers = Array.from({ length: 6 }, (_, w) => worker(w));
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        if (jobs.size >= 60) {
          clearInterval(check);
          resolve();
        }
      }, 5);
    });
    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    stop = true;
    await Promise.all(workers);
    const acknowledgedJobs = new Map(jobs);
    const acknowledgedObjects = new Map(objects);

    const second = await spawnEmulator(args, ENV);
    children.push(second);
    const after = await state(second.url);
    const keptJobs = new Map(after.jobs.map((j) => [j.jobId, j]));
    expect([...acknowledgedJobs.keys()].filter((id) => !keptJobs.has(id))).toEqual([]);
    for (const [id, input] of acknowledgedJobs) expect(keptJobs.get(id)!.inputObject).toBe(input);
    for (const [key, body] of acknowledgedObjects) {
      const got = await send(second.url, { method: 'GET', host: cosHost(), path: `/${key}` });
      expect([key, got.status, got.text]).toEqual([key, 200, body]);
    }
    const ended = after.jobs.filter((j) => j.state === 'Success');
    expect(ended.length).toBeGreaterThanOrEqual(10);
    for (const j of ended) expect(after.objects.some((o) => o.key === `out/${j.jobId}.mp4`)).toBe(true);
    expect(after.jobs.filter((j) => j.state === 'Running')).toHaveLength(10);

    // Time passes: every job, including those running when the process died, runs to its end.
    await fetch(`${second.url}/_emulator/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 600_000 * 20 }) });
    const finished = await state(second.url);
    expect(finished.jobs.filter((j) => j.state !== 'Success')).toEqual([]);
    for (const id of acknowledgedJobs.keys()) expect(finished.objects.some((o) => o.key === `out/${id}.mp4`)).toBe(true);

    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(second.output()).toContain('cos-media emulator stopped');
  });
});
