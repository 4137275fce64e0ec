import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { handlerPidsUnder } from '../../chaos/handler-pids';

/** A stand-in handler: a node process running a file named cos-media-handler.js, in `cwd`. */
function fakeHandler(file: string, cwd: string): ChildProcess {
  return spawn(process.execPath, [file, 'create'], { cwd, stdio: 'ignore' });
}

describe('handlerPidsUnder', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-chaos-pids-'));
    for (const d of ['run/stack', 'run/st', 'other', 'run/bin']) fs.mkdirSync(path.join(dir, d), { recursive: true });
    fs.writeFileSync(path.join(dir, 'cos-media-handler.js'), 'setTimeout(() => {}, 60000);');
    fs.writeFileSync(path.join(dir, 'run', 'bin', 'other-tool.js'), 'setTimeout(() => {}, 60000);');
  });
  afterAll(() => {
    for (const c of children) c.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finds the handlers working under the directory, and only those', async () => {
    const mine = fakeHandler(path.join(dir, 'cos-media-handler.js'), path.join(dir, 'run', 'stack'));
    const elsewhere = fakeHandler(path.join(dir, 'cos-media-handler.js'), path.join(dir, 'other'));
    const notAHandler = spawn(process.execPath, [path.join(dir, 'run', 'bin', 'other-tool.js')], { cwd: path.join(dir, 'run', 'stack'), stdio: 'ignore' });
    children.push(mine, elsewhere, notAHandler);
    await new Promise((r) => setTimeout(r, 200));
    expect(handlerPidsUnder(path.join(dir, 'run'))).toEqual([mine.pid]);
    expect(handlerPidsUnder(path.join(dir, 'other'))).toEqual([elsewhere.pid]);
    // A directory whose name merely starts like the run's is not under it.
    expect(handlerPidsUnder(path.join(dir, 'run', 'st'))).toEqual([]);
  });
});
