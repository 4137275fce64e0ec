import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { acquireStateLock, lockFileFor, StateLockedError } from '../../src/local/state-lock';
import {
  defaultStatePath, emptyState, randomResourceId, readState, StateFileError, StatePathError, withResource, writeState,
  type LocalState,
} from '../../src/local/state';
import { removeDir, tempDir } from './helpers';

let dir: string;
beforeEach(() => {
  dir = tempDir('cos-media-local-state-');
});
afterEach(() => {
  removeDir(dir);
});

const sample = (): LocalState =>
  withResource({ ...emptyState('demo'), lineage: 'l-1' }, 'null_resource.A', {
    id: '42',
    triggers: { kind: 'job' },
    tainted: false,
    dependencies: [],
  });

describe('the state file', () => {
  it('is empty, without a lineage, when the file does not exist', () => {
    expect(readState(path.join(dir, 'none.json'), 'demo')).toEqual({
      format: 'cos-media-local-state',
      version: 1,
      stack: 'demo',
      lineage: '',
      serial: 0,
      resources: {},
    });
  });

  it('reads back what was written, and leaves no temporary file', () => {
    const file = path.join(dir, 'state.json');
    writeState(file, sample());
    expect(readState(file, 'demo')).toEqual(sample());
    expect(fs.readdirSync(dir)).toEqual(['state.json']);
    expect(sample().serial).toBe(1);
  });

  it('replaces the file by renaming a complete new one over it, never rewriting it in place', () => {
    const file = path.join(dir, 'state.json');
    writeState(file, sample());
    const before = fs.readFileSync(file, 'utf8');
    const heldOpen = fs.openSync(file, 'r');
    try {
      writeState(file, withResource(sample(), 'null_resource.B', { id: '7', triggers: null, tainted: true, dependencies: [] }));
      // The descriptor still reads the whole old file: the new one is another file, renamed over the name.
      expect(fs.readFileSync(heldOpen, 'utf8')).toBe(before);
    } finally {
      fs.closeSync(heldOpen);
    }
    expect(Object.keys(readState(file, 'demo').resources)).toEqual(['null_resource.A', 'null_resource.B']);
  });

  it('fails on a file that is not JSON or not our format, and leaves it untouched', () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, '{"version": 4, "terraform_version": "1.9.0"}');
    expect(() => readState(file, 'demo')).toThrow(StateFileError);
    expect(() => readState(file, 'demo')).toThrow(/is not a cos-media local state: "format" must be "cos-media-local-state", got undefined; it was left untouched/);
    fs.writeFileSync(file, '{"format": "cos-media-local-state", "ver');
    expect(() => readState(file, 'demo')).toThrow(/is not valid JSON/);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"format": "cos-media-local-state", "ver');
  });

  it('fails on a resource record that lacks a field', () => {
    const file = path.join(dir, 'state.json');
    const broken = { ...sample(), resources: { 'null_resource.A': { id: '1', triggers: {} } } };
    fs.writeFileSync(file, JSON.stringify(broken));
    expect(() => readState(file, 'demo')).toThrow('resource "null_resource.A" must have id, triggers, tainted and dependencies');
  });

  it("fails on another stack's state", () => {
    const file = path.join(dir, 'state.json');
    writeState(file, sample());
    expect(() => readState(file, 'other')).toThrow(`state file ${file} belongs to stack "demo", not "other"; pass the right --state FILE`);
  });

  it('gives null_resource-like ids: random non-negative 63-bit decimals', () => {
    const ids = new Set(Array.from({ length: 50 }, () => randomResourceId()));
    expect(ids.size).toBe(50);
    for (const id of ids) {
      expect(id).toMatch(/^\d+$/);
      expect(BigInt(id) < 2n ** 63n).toBe(true);
    }
  });
});

describe('where the state lives by default', () => {
  const stack = (backend: { type: string; path?: string } | undefined) => ({ dir: path.join(dir, 'cdktf.out', 'stacks', 'demo'), stackName: 'demo', backend });

  it('is beside the local backend state file, outside cdktf.out', () => {
    expect(defaultStatePath(stack({ type: 'local', path: path.join(dir, 'terraform.demo.tfstate') }))).toBe(
      path.join(dir, 'cos-media-local.demo.tfstate.json'),
    );
  });

  it('is the stack directory when there is no backend, as Terraform keeps terraform.tfstate there', () => {
    expect(defaultStatePath(stack(undefined))).toBe(path.join(dir, 'cdktf.out', 'stacks', 'demo', 'cos-media-local.demo.tfstate.json'));
  });

  it('fails for other backends and for a backend directory that does not exist here', () => {
    expect(() => defaultStatePath(stack({ type: 's3' }))).toThrow(StatePathError);
    expect(() => defaultStatePath(stack({ type: 's3' }))).toThrow('uses the "s3" backend, which the local runner cannot use; pass --state FILE');
    expect(() => defaultStatePath(stack({ type: 'local', path: '/nonexistent-cos-media/x/terraform.demo.tfstate' }))).toThrow(
      /keeps its Terraform state in \/nonexistent-cos-media\/x \(its local backend path\), which does not exist here .*pass --state FILE/,
    );
  });
});

describe('the state lock', () => {
  it('lets one runner at a time hold the state and names the holder to the next', () => {
    const file = path.join(dir, 'state.json');
    const lock = acquireStateLock(file, 'apply');
    try {
      expect(() => acquireStateLock(file, 'destroy')).toThrow(StateLockedError);
      expect(() => acquireStateLock(file, 'destroy')).toThrow(
        new RegExp(`is locked \\(apply by process ${process.pid} on .* since .*\\)\\. If no runner is using it any more, delete ${lockFileFor(file)}`),
      );
    } finally {
      lock.release();
    }
    const again = acquireStateLock(file, 'destroy');
    again.release();
    expect(fs.existsSync(lockFileFor(file))).toBe(false);
  });

  it('takes over the lock of a runner on this host that is no longer running', () => {
    const file = path.join(dir, 'state.json');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const stale = { pid: Number(dead.stdout), host: os.hostname(), operation: 'apply', created: '2026-01-01T00:00:00.000Z' };
    fs.writeFileSync(lockFileFor(file), JSON.stringify(stale));

    const lock = acquireStateLock(file, 'apply');
    try {
      expect(lock.tookOver).toEqual(stale);
      expect(JSON.parse(fs.readFileSync(lockFileFor(file), 'utf8')).pid).toBe(process.pid);
    } finally {
      lock.release();
    }
  });

  it('fails on the lock of a runner on another host, whose liveness it cannot check', () => {
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(lockFileFor(file), JSON.stringify({ pid: 1, host: 'elsewhere', operation: 'apply', created: 'x' }));
    expect(() => acquireStateLock(file, 'apply')).toThrow(/locked \(apply by process 1 on elsewhere since x\)/);
  });
});
