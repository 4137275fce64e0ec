import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { loadStack } from '../../src/local/stack-config';
import { applyStack } from '../../src/local/stack-runs';
import { readState } from '../../src/local/state';
import { lockFileFor } from '../../src/local/state-lock';
import { hangingPid, makeStack, memorySink, removeDir, setHang, starts, tempDir } from './helpers';

/**
 * A runner killed with SIGKILL in the middle of an apply, as pipelines get killed: the real CLI, bundled
 * from the sources into one file and run as its own process.
 */

let root: string;
let runner: string;
const children: ChildProcess[] = [];
const orphans: number[] = [];

beforeAll(() => {
  root = tempDir('cos-media-local-kill-');
  runner = path.join(root, 'runner.js');
  buildSync({
    stdin: {
      contents:
        "const { runLocalCommand } = require('./src/local/cli');\n" +
        'runLocalCommand(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n',
      resolveDir: path.join(__dirname, '..', '..'),
      sourcefile: 'runner.ts',
      loader: 'ts',
    },
    outfile: runner,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
});

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  for (const pid of orphans) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  removeDir(root);
});

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('a runner killed mid-apply', () => {
  it('leaves the state of the steps that completed, and the next apply finishes the job', async () => {
    const f = makeStack(path.join(root, 'project'), {}, 'demo');
    f.write({
      A: { triggers: { name: 'A' } },
      B: { triggers: { name: 'B' }, dependsOn: ['null_resource.A'] },
    });
    setHang(f, 'B', 'create', true);

    const child = spawn(process.execPath, [runner, 'apply', f.dir], { env: f.env, stdio: 'ignore' });
    children.push(child);
    const provisionerPid = await hangingPid(f, 'B');
    orphans.push(provisionerPid);
    const done = exited(child);
    child.kill('SIGKILL');
    expect(await done).toEqual({ code: null, signal: 'SIGKILL' });

    // What a killed Terraform leaves: the completed create recorded, the one in flight not.
    const left = readState(f.defaultStatePath, 'demo');
    expect(Object.keys(left.resources)).toEqual(['null_resource.A']);
    expect(left.resources['null_resource.A']?.tainted).toBe(false);
    expect(fs.readdirSync(f.root).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(fs.existsSync(lockFileFor(f.defaultStatePath))).toBe(true);

    setHang(f, 'B', 'create', false);
    const sink = memorySink();
    const { plan, summary } = await applyStack(loadStack(f.dir), { sink, env: f.env });

    expect(plan.changes.map((c) => `${c.action} ${c.address}`)).toEqual(['create null_resource.B']);
    expect(summary.ok).toBe(true);
    expect(sink.lines.find((l) => l.level === 'warning')?.line).toMatch(/^Warning: took over the lock of process \d+ \(apply since .*\), which is no longer running$/);
    expect(starts(f.log)).toEqual(['create A', 'create B', 'create B']);
    expect(Object.keys(readState(f.defaultStatePath, 'demo').resources).sort()).toEqual(['null_resource.A', 'null_resource.B']);
  });
});
