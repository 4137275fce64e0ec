import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatElapsed } from '../../src/local/output';
import { runLocalExec } from '../../src/local/provisioner';
import type { LocalExecProvisioner } from '../../src/local/stack-config';
import { memorySink, removeDir, tempDir } from './helpers';

let dir: string;
beforeEach(() => {
  dir = tempDir('cos-media-local-exec-');
});
afterEach(() => {
  removeDir(dir);
});

const provisioner = (p: Partial<LocalExecProvisioner>): LocalExecProvisioner => ({
  when: 'create',
  interpreter: [process.execPath, '-e'],
  command: '',
  environment: {},
  onFailure: 'fail',
  quiet: false,
  ...p,
});

function exec(p: Partial<LocalExecProvisioner>, baseEnv: NodeJS.ProcessEnv = {}) {
  const sink = memorySink();
  const result = runLocalExec({ address: 'null_resource.A', provisioner: provisioner(p), selfTriggers: { b: '2', a: '<1>' }, stackDir: dir, baseEnv, sink });
  return result.then((r) => ({ result: r, lines: sink.lines.map((l) => l.line) }));
}

describe('running a local-exec provisioner', () => {
  it('adds its environment to the inherited one and evaluates ${jsonencode(self.triggers)}', async () => {
    const { result, lines } = await exec(
      {
        command: 'console.log(process.env.INHERITED, process.env.LITERAL, process.env.T)',
        environment: { LITERAL: { kind: 'literal', value: '${not evaluated}' }, T: { kind: 'triggers-json' } },
      },
      { INHERITED: 'from-parent', PATH: process.env.PATH },
    );
    expect(result).toEqual({ ok: true });
    expect(lines).toContain('null_resource.A (local-exec): from-parent ${not evaluated} {"a":"\\u003c1\\u003e","b":"2"}');
  });

  it('runs in the stack directory, or in working_dir relative to it', async () => {
    fs.mkdirSync(path.join(dir, 'sub'));
    const here = await exec({ command: 'console.log(process.cwd())' });
    const sub = await exec({ command: 'console.log(process.cwd())', workingDir: 'sub' });
    expect(here.lines).toContain(`null_resource.A (local-exec): ${fs.realpathSync(dir)}`);
    expect(sub.lines).toContain(`null_resource.A (local-exec): ${fs.realpathSync(path.join(dir, 'sub'))}`);
  });

  it('prints what it executes, unless quiet', async () => {
    const loud = await exec({ command: '0' });
    const quiet = await exec({ command: '0', quiet: true });
    expect(loud.lines.slice(0, 2)).toEqual([
      "null_resource.A: Provisioning with 'local-exec'...",
      `null_resource.A (local-exec): Executing: [${JSON.stringify(process.execPath)} "-e" "0"]`,
    ]);
    expect(quiet.lines[1]).toBe('null_resource.A (local-exec): Executing: Suppressed by quiet=true');
  });

  it('keeps a multi-byte character split across writes whole and prints a last line without newline', async () => {
    const { lines } = await exec({
      command: "const b = Buffer.from('é中\\n'); process.stdout.write(b.subarray(0, 1)); setTimeout(() => { process.stdout.write(b.subarray(1)); process.stdout.write('tail'); }, 20)",
    });
    expect(lines.slice(2)).toEqual(['null_resource.A (local-exec): é中', 'null_resource.A (local-exec): tail']);
  });

  it('fails with the exit status, or the signal', async () => {
    expect((await exec({ command: 'process.exit(7)' })).result).toEqual({ ok: false, reason: 'exit status 7' });
    expect((await exec({ command: "process.kill(process.pid, 'SIGKILL')" })).result).toEqual({ ok: false, reason: 'signal: SIGKILL' });
  });

  it('fails clearly when the interpreter cannot be started', async () => {
    const { result } = await exec({ interpreter: ['cos-media-no-such-program'], command: 'x' }, { PATH: dir });
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/^could not start "cos-media-no-such-program" in .*: spawn cos-media-no-such-program ENOENT$/) });
  });

  it('runs a command through the shell when the interpreter is the default one', async () => {
    const { result, lines } = await exec({ interpreter: ['/bin/sh', '-c'], command: 'echo "$((6 * 7))"' }, { PATH: process.env.PATH });
    expect(result).toEqual({ ok: true });
    expect(lines).toContain('null_resource.A (local-exec): 42');
  });
});

describe('elapsed times', () => {
  it.each([
    [0, '0s'],
    [499, '0s'],
    [1500, '2s'],
    [59_400, '59s'],
    [65_000, '1m5s'],
    [3_600_000, '1h0m0s'],
    [3_723_000, '1h2m3s'],
  ])('prints %d ms as %s, like Go durations rounded to the second', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});
