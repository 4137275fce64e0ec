import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadStack } from '../../src/local/stack-config';
import { applyStack, planStack } from '../../src/local/stack-runs';
import { makeStack, memorySink, readLog, removeDir, tempDir, type Fixture, type LogEntry } from './helpers';

let root: string;
beforeEach(() => {
  root = tempDir('cos-media-local-where-');
});
afterEach(() => {
  removeDir(root);
});

const resources = {
  Bucket: { triggers: { name: 'Bucket', 'Output.Object': 'out/$${InputName}.$${ext}' } },
  Job: { triggers: { name: 'Job', kind: 'job' }, dependsOn: ['null_resource.Bucket'] },
};

const apply = (f: Fixture, dir = f.dir, statePath?: string, env = f.env) => applyStack(loadStack(dir), { sink: memorySink(), env, statePath });

/** A provisioner run, independent of where the stack directory is. */
const portable = (e: LogEntry, dir: string) => ({
  event: e.event,
  command: e.command,
  name: e.name,
  raw: e.raw,
  mode: e.mode,
  script: path.relative(fs.realpathSync(dir), e.argv[0] as string),
  cwdIsStackDir: e.cwd === fs.realpathSync(dir),
});

describe('where the state lives', () => {
  it('outside cdktf.out: wiping and re-synthesizing cdktf.out changes nothing', async () => {
    const f = makeStack(root, resources);
    await apply(f);
    fs.rmSync(path.join(root, 'cdktf.out'), { recursive: true });
    const again = makeStack(root, resources);

    const { plan } = planStack(loadStack(again.dir));
    expect(plan.changes).toEqual([]);
  });

  it('a stack directory copied elsewhere applies the same way, in its new place', async () => {
    const f = makeStack(path.join(root, 'first'), resources);
    const copy = path.join(root, 'second', 'job-artifact', 'demo');
    fs.cpSync(f.dir, copy, { recursive: true });

    await apply(f, f.dir, path.join(root, 'first.json'));
    const copyLog = path.join(root, 'copy.log');
    const { summary } = await apply(f, copy, path.join(root, 'second.json'), { ...process.env, TEST_LOG: copyLog });

    expect(summary.ok).toBe(true);
    const original = readLog(f.log).map((e) => portable(e, f.dir));
    const copied = readLog(copyLog).map((e) => portable(e, copy));
    expect(copied).toEqual(original);
    expect(copied.every((e) => e.cwdIsStackDir)).toBe(true);
    expect(copied.map((e) => `${e.event} ${e.command} ${e.name}`)).toEqual(['start create Bucket', 'end create Bucket', 'start create Job', 'end create Job']);
  });

  it('a copy uses the same default state as the original, as Terraform does with cdktf’s absolute backend path', async () => {
    const f = makeStack(root, resources);
    await apply(f);
    const copy = path.join(root, 'copied', 'demo');
    fs.cpSync(f.dir, copy, { recursive: true });

    const planned = planStack(loadStack(copy));
    expect(planned.statePath).toBe(f.defaultStatePath);
    expect(planned.plan.changes).toEqual([]);
  });
});
