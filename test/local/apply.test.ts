import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyPlan, buildSteps } from '../../src/local/apply';
import { formatPlan } from '../../src/local/format-plan';
import { planChanges } from '../../src/local/plan';
import { loadStack, parseStack, type StackConfig } from '../../src/local/stack-config';
import { applyStack, destroyAll, planStack } from '../../src/local/stack-runs';
import { emptyState, readState, type LocalState } from '../../src/local/state';
import {
  HANDLER_ASSET, clearLog, makeStack, memorySink, readLog, removeDir, setFailure, stackDocument, starts, tempDir,
  type Fixture, type FixtureResource,
} from './helpers';

let root: string;
beforeEach(() => {
  root = tempDir();
});
afterEach(() => {
  removeDir(root);
});

const t = (name: string, extra: Record<string, string> = {}): Record<string, string> => ({ name, kind: 'job', ...extra });

/** A -> B -> C (C depends on B, B on A), written to the file in the reverse order. */
const chain = (a = {}, c = {}): Record<string, FixtureResource> => ({
  C: { triggers: t('C', c), dependsOn: ['null_resource.B'] },
  B: { triggers: t('B'), dependsOn: ['null_resource.A'] },
  A: { triggers: t('A', a) },
});

async function apply(f: Fixture, options: { parallelism?: number; sink?: ReturnType<typeof memorySink> } = {}) {
  const sink = options.sink ?? memorySink();
  const result = await applyStack(loadStack(f.dir), { sink, env: f.env, parallelism: options.parallelism });
  return { ...result, sink };
}

async function destroy(f: Fixture, parallelism?: number) {
  const sink = memorySink();
  const result = await destroyAll(loadStack(f.dir), { sink, env: f.env, parallelism });
  return { ...result, sink };
}

describe('applying a stack', () => {
  it('creates resources in dependency order and records each in the state', async () => {
    const f = makeStack(root, chain());
    const { summary, sink } = await apply(f);

    expect(summary.ok).toBe(true);
    expect(starts(f.log)).toEqual(['create A', 'create B', 'create C']);
    const state = readState(f.defaultStatePath, 'demo');
    expect(Object.keys(state.resources).sort()).toEqual(['null_resource.A', 'null_resource.B', 'null_resource.C']);
    expect(state.resources['null_resource.C']).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      tainted: false,
      triggers: t('C'),
      dependencies: ['null_resource.A', 'null_resource.B'],
    });
    expect(sink.text()).toContain('null_resource.A: Creating...');
    expect(sink.text()).toMatch(/null_resource\.A: Creation complete after \d+s \[id=\d+\]/);
    expect(sink.text()).toContain('Apply complete! Resources: 3 added, 0 changed, 0 destroyed.');
  });

  it('runs the provisioner as Terraform does: interpreter + command, in the stack directory, with the environment', async () => {
    const f = makeStack(root, { A: { triggers: t('A') } });
    const { sink } = await apply(f);

    const [entry] = readLog(f.log);
    const script = fs.realpathSync(path.join(f.dir, HANDLER_ASSET));
    expect(entry).toMatchObject({ cwd: fs.realpathSync(f.dir), argv: [script, 'create'], mode: 'test', triggers: t('A') });
    expect(sink.text()).toContain(`null_resource.A (local-exec): Executing: ["node" "${HANDLER_ASSET}" "create"]`);
  });

  it('runs nothing when re-applied without changes', async () => {
    const f = makeStack(root, chain());
    await apply(f);
    const serial = readState(f.defaultStatePath, 'demo').serial;
    clearLog(f.log);

    const { plan, summary, sink } = await apply(f);

    expect(plan.changes).toEqual([]);
    expect(sink.text()).toContain('No changes. Your infrastructure matches the configuration.');
    expect(summary).toMatchObject({ ok: true, added: 0, destroyed: 0 });
    expect(readLog(f.log)).toEqual([]);
    expect(readState(f.defaultStatePath, 'demo').serial).toBe(serial);
  });

  it('replaces only the resource whose trigger changed, shows that key, and gives its destroy provisioner the old triggers', async () => {
    const f = makeStack(root, chain({ x: '1' }));
    await apply(f);
    clearLog(f.log);
    f.write(chain({ x: '2' }));

    const { plan, summary } = await apply(f);

    expect(plan.changes.map((c) => [c.action, c.address])).toEqual([['replace', 'null_resource.A']]);
    expect(plan.changes[0]?.triggerChanges).toEqual([{ key: 'x', kind: 'changed', before: '1', after: '2' }]);
    expect(formatPlan(plan)).toContain('      ~ x: "1" -> "2"');
    expect(formatPlan(plan)).toContain('Plan: 1 to add, 0 to change, 1 to destroy.');
    expect(summary).toMatchObject({ ok: true, added: 1, destroyed: 1 });
    const log = readLog(f.log).filter((e) => e.event === 'start');
    expect(log.map((e) => `${e.command} ${e.name} x=${e.triggers?.x}`)).toEqual(['delete A x=1', 'create A x=2']);
  });

  it('replaces a resource and its dependents by destroying the dependents first and creating them last', async () => {
    const f = makeStack(root, chain());
    await apply(f);
    clearLog(f.log);
    f.write(chain({ v: '2' }, { v: '2' }));

    await apply(f);

    // B does not change; C still goes before A on the way down and after it on the way up.
    expect(starts(f.log)).toEqual(['delete C', 'delete A', 'create A', 'create C']);
  });

  it('replaces create_before_destroy resources as Terraform 1.11.4 does: create first, the replaced object dropped without its destroy provisioner', async () => {
    // C says create_before_destroy; B and A, which C depends on, are forced to it (as Terraform forces them).
    const withCbd = (a = {}, c = {}): Record<string, FixtureResource> => {
      const r = chain(a, c);
      return { ...r, C: { ...r.C, extra: { lifecycle: { create_before_destroy: true } } } };
    };
    const f = makeStack(root, withCbd());
    await apply(f);
    const first = readState(f.defaultStatePath, 'demo');
    clearLog(f.log);
    f.write(withCbd({ v: '2' }, { v: '2' }));

    const { plan, summary, sink } = await apply(f);

    expect(plan.changes.map((c) => [c.action, c.address, c.createBeforeDestroy, c.destroyProvisioners])).toEqual([
      ['replace', 'null_resource.A', true, 'skipped-deposed'],
      ['replace', 'null_resource.C', true, 'skipped-deposed'],
    ]);
    expect(formatPlan(plan)).toContain('+/- null_resource.A');
    expect(formatPlan(plan)).toContain('+/- create replacement and then destroy');
    expect(summary).toMatchObject({ ok: true, added: 2, destroyed: 2 });
    expect(starts(f.log)).toEqual(['create A', 'create C']);
    expect(sink.text()).toContain(`null_resource.A (deposed object): Destroying... [id=${first.resources['null_resource.A']?.id}]`);
    // self.id: each create gets the id its object is recorded with; the destroy gets the state's.
    const second = readState(f.defaultStatePath, 'demo');
    const created = readLog(f.log).filter((e) => e.event === 'start');
    expect(created.map((e) => e.resourceId)).toEqual([second.resources['null_resource.A']?.id, second.resources['null_resource.C']?.id]);
    expect(second.resources['null_resource.A']?.id).not.toBe(first.resources['null_resource.A']?.id);

    clearLog(f.log);
    f.write(withCbd({ v: '3' }, { v: '2' }));
    await apply(f);
    expect(starts(f.log)).toEqual(['create A']);

    clearLog(f.log);
    await destroy(f);
    const third = readState(f.defaultStatePath, 'demo');
    expect(third.resources).toEqual({});
    const deletes = readLog(f.log).filter((e) => e.event === 'start');
    expect(deletes.map((e) => `${e.command} ${e.name}`)).toEqual(['delete C', 'delete B', 'delete A']);
    expect(deletes.every((e) => typeof e.resourceId === 'string' && e.resourceId !== '')).toBe(true);
  });

  it('fails a create: taints the resource, skips its dependents, goes on with independent resources', async () => {
    const f = makeStack(root, { A: { triggers: t('A') }, B: { triggers: t('B'), dependsOn: ['null_resource.A'] }, C: { triggers: t('C') } });
    setFailure(f, 'A', 'create', true);

    const { summary, sink } = await apply(f, { parallelism: 1 });

    expect(summary).toMatchObject({ ok: false, added: 1, tainted: ['null_resource.A'], notRun: ['create null_resource.B'] });
    expect(summary.errors).toEqual([
      { address: 'null_resource.A', step: 'create', message: expect.stringContaining("Error running command \"create\": exit status 3") },
    ]);
    expect(starts(f.log)).toEqual(['create A', 'create C']);
    const state = readState(f.defaultStatePath, 'demo');
    expect(state.resources['null_resource.A']?.tainted).toBe(true);
    expect(state.resources['null_resource.B']).toBeUndefined();
    expect(sink.lines).toContainEqual({ line: 'null_resource.A (local-exec): failing create as asked', level: 'info' });
    expect(sink.lines.filter((l) => l.level === 'error').map((l) => l.line).join('\n')).toContain('with null_resource.A (create)');
  });

  it('replaces a tainted resource on the next apply without running its destroy provisioner', async () => {
    const f = makeStack(root, { A: { triggers: t('A') }, B: { triggers: t('B'), dependsOn: ['null_resource.A'] } });
    setFailure(f, 'A', 'create', true);
    await apply(f);
    setFailure(f, 'A', 'create', false);
    clearLog(f.log);

    const { plan, summary } = await apply(f);

    expect(plan.changes.map((c) => [c.action, c.reason, c.address])).toEqual([
      ['replace', 'tainted', 'null_resource.A'],
      ['create', 'new', 'null_resource.B'],
    ]);
    expect(formatPlan(plan)).toContain('# null_resource.A is tainted, so must be replaced');
    expect(formatPlan(plan)).toContain('(2 unchanged triggers hidden)');
    expect(summary.ok).toBe(true);
    expect(starts(f.log)).toEqual(['create A', 'create B']);
    expect(readState(f.defaultStatePath, 'demo').resources['null_resource.A']?.tainted).toBe(false);
  });

  it('fails a destroy: keeps the resource in the state and runs the destroy provisioner again next time', async () => {
    const f = makeStack(root, { A: { triggers: t('A', { v: '1' }) } });
    await apply(f);
    const before = readState(f.defaultStatePath, 'demo').resources['null_resource.A'];
    setFailure(f, 'A', 'delete', true);
    f.write({ A: { triggers: t('A', { v: '2' }) } });

    const failed = await apply(f);

    expect(failed.summary).toMatchObject({ ok: false, added: 0, destroyed: 0, notRun: ['create null_resource.A'] });
    expect(failed.summary.errors[0]).toMatchObject({ address: 'null_resource.A', step: 'destroy' });
    expect(readState(f.defaultStatePath, 'demo').resources['null_resource.A']).toEqual(before);

    setFailure(f, 'A', 'delete', false);
    clearLog(f.log);
    const retried = await apply(f);
    expect(retried.summary.ok).toBe(true);
    expect(readLog(f.log).filter((e) => e.event === 'start').map((e) => `${e.command} v=${e.triggers?.v}`)).toEqual([
      'delete v=1',
      'create v=2',
    ]);
  });

  it('destroys a resource removed from the configuration without provisioners, and warns', async () => {
    const f = makeStack(root, { A: { triggers: t('A') }, B: { triggers: t('B') } });
    await apply(f);
    clearLog(f.log);
    f.write({ A: { triggers: t('A') } });

    const { plan, summary, sink } = await apply(f);

    expect(plan.changes).toMatchObject([{ address: 'null_resource.B', action: 'delete', reason: 'not-in-configuration' }]);
    expect(formatPlan(plan)).toContain('# null_resource.B will be destroyed (because null_resource.B is not in configuration)');
    expect(summary).toMatchObject({ ok: true, destroyed: 1 });
    expect(readLog(f.log)).toEqual([]);
    expect(sink.lines.filter((l) => l.level === 'warning').map((l) => l.line)).toEqual([
      expect.stringContaining('null_resource.B is no longer in the configuration, so its destroy-time provisioners'),
    ]);
    expect(readState(f.defaultStatePath, 'demo').resources['null_resource.B']).toBeUndefined();
  });

  it('gives the handler the un-escaped strings and the exact jsonencode Terraform would', async () => {
    const f = makeStack(root, {
      A: {
        triggers: {
          name: 'A',
          'Output.Object': 'out/$${InputName}.$${ext}',
          text: '100%%{x} $$$${a} costs $5 at 50%',
          'key$${k}': '<b>&amp;</b>',
        },
      },
    });
    const { plan } = await apply(f);

    const [entry] = readLog(f.log);
    expect(entry?.triggers).toEqual({
      name: 'A',
      'Output.Object': 'out/${InputName}.${ext}',
      text: '100%{x} $$${a} costs $5 at 50%',
      'key${k}': '<b>&amp;</b>',
    });
    expect(entry?.raw).toBe(
      '{"Output.Object":"out/${InputName}.${ext}","key${k}":"\\u003cb\\u003e\\u0026amp;\\u003c/b\\u003e",' +
        '"name":"A","text":"100%{x} $$${a} costs $5 at 50%"}',
    );
    expect(formatPlan(plan)).toContain('+ Output.Object: "out/${InputName}.${ext}"');
  });

  it('prints every line of the provisioner output with the resource prefix', async () => {
    const f = makeStack(root, { A: { triggers: t('A', { echo: 'one\ntwo\r\nthree', stderr: 'on stderr\n' }) } });
    const { sink } = await apply(f);

    const lines = sink.lines.map((l) => l.line);
    for (const text of ['one', 'two', 'three', 'on stderr']) expect(lines).toContain(`null_resource.A (local-exec): ${text}`);
  });

  it('saves the state after every step', async () => {
    const f = makeStack(root, {});
    f.write({
      A: { triggers: t('A') },
      B: { triggers: t('B', { snapshot_state: f.defaultStatePath }), dependsOn: ['null_resource.A'] },
    });
    await apply(f);

    const snapshot = readLog(f.log).find((e) => e.name === 'B' && e.event === 'start')?.snapshot;
    const seen = JSON.parse(snapshot ?? 'null') as { resources: Record<string, { tainted: boolean }> };
    expect(Object.keys(seen.resources)).toEqual(['null_resource.A']);
    expect(seen.resources['null_resource.A']?.tainted).toBe(false);
  });

  it('keeps going with on_failure = "continue" and does not taint', async () => {
    const f = makeStack(root, { A: { triggers: t('A'), provisionerExtra: { on_failure: 'continue' } } });
    setFailure(f, 'A', 'create', true);
    const { summary, sink } = await apply(f);

    expect(summary).toMatchObject({ ok: true, added: 1, tainted: [] });
    expect(readState(f.defaultStatePath, 'demo').resources['null_resource.A']?.tainted).toBe(false);
    expect(sink.lines.filter((l) => l.level === 'warning').map((l) => l.line).join('\n')).toContain('on_failure = "continue"');
  });

  it('stops starting steps when interrupted, finishes the running one and saves it', async () => {
    const f = makeStack(root, { A: { triggers: t('A') }, B: { triggers: t('B'), dependsOn: ['null_resource.A'] } });
    const controller = new AbortController();
    const sink = memorySink();
    const interrupting: typeof sink = Object.assign((line: string, level: 'info' | 'warning' | 'error') => {
      sink(line, level);
      if (line.startsWith('null_resource.A: Provisioning')) controller.abort();
    }, { lines: sink.lines, text: sink.text });

    const config = loadStack(f.dir);
    const { summary } = await applyStack(config, { sink: interrupting, env: f.env, signal: controller.signal });

    expect(summary).toMatchObject({ ok: false, interrupted: true, added: 1, notRun: ['create null_resource.B'] });
    expect(Object.keys(readState(f.defaultStatePath, 'demo').resources)).toEqual(['null_resource.A']);
    expect(sink.text()).toContain('Interrupt received');
  });

  it('prints "Still creating..." while a provisioner runs', async () => {
    const f = makeStack(root, {});
    const go = path.join(root, 'go');
    f.write({ A: { triggers: t('A', { wait_for_file: go }) } });
    const sink = memorySink();
    // The provisioner finishes only once the runner has printed a progress line.
    const releasing: typeof sink = Object.assign((line: string, level: 'info' | 'warning' | 'error') => {
      sink(line, level);
      if (line.startsWith('null_resource.A: Still creating...')) fs.writeFileSync(go, '');
    }, { lines: sink.lines, text: sink.text });

    const { summary } = await applyStack(loadStack(f.dir), { sink: releasing, env: f.env, progressIntervalMs: 20 });

    expect(summary.ok).toBe(true);
    expect(sink.text()).toMatch(/null_resource\.A: Still creating\.\.\. \[\d+s elapsed\]/);
  });

  it('fails to apply a plan made from an older state', async () => {
    const f = makeStack(root, { A: { triggers: t('A') } });
    const config = loadStack(f.dir);
    const { plan, statePath } = planStack(config);
    await applyStack(config, { sink: memorySink(), env: f.env });

    await expect(applyPlan(config, plan, { statePath, sink: memorySink(), env: f.env })).rejects.toThrow(
      /changed since the plan was made \(serial 0 -> 1\); plan again/,
    );
  });
});

describe('parallelism', () => {
  it('runs independent resources at the same time and waits for their dependents', async () => {
    // A waits until B has started and B until A has: they can only finish if they run together.
    const f = makeStack(root, {
      A: { triggers: t('A', { wait_for: 'B' }) },
      B: { triggers: t('B', { wait_for: 'A' }) },
      C: { triggers: t('C'), dependsOn: ['null_resource.A', 'null_resource.B'] },
    });
    const { summary } = await apply(f, { parallelism: 2 });

    expect(summary.ok).toBe(true);
    const events = readLog(f.log).map((e) => `${e.event} ${e.name}`);
    const cStart = events.indexOf('start C');
    expect(cStart).toBeGreaterThan(events.indexOf('end A'));
    expect(cStart).toBeGreaterThan(events.indexOf('end B'));
  });

  it('runs one step at a time with parallelism 1', async () => {
    const f = makeStack(root, { A: { triggers: t('A') }, B: { triggers: t('B') }, C: { triggers: t('C') } });
    await apply(f, { parallelism: 1 });

    expect(readLog(f.log).map((e) => `${e.event} ${e.name}`)).toEqual(['start A', 'end A', 'start B', 'end B', 'start C', 'end C']);
  });
});

describe('destroying a stack', () => {
  it('destroys everything in reverse dependency order with the current configuration and the state triggers', async () => {
    const f = makeStack(root, { ...chain({ v: 'old' }), D: { triggers: t('D') } });
    await apply(f);
    clearLog(f.log);
    // The configuration changes (triggers and the provisioners' environment): destroy uses the state's
    // triggers as self.triggers and the configuration's provisioners.
    const current = { environment: { COS_MEDIA_TRIGGERS: '${jsonencode(self.triggers)}', HANDLER_MODE: 'current' } };
    f.write({
      C: { triggers: t('C'), dependsOn: ['null_resource.B'], provisionerExtra: current },
      B: { triggers: t('B'), dependsOn: ['null_resource.A'], provisionerExtra: current },
      A: { triggers: t('A', { v: 'new' }), provisionerExtra: current },
      D: { triggers: t('D'), provisionerExtra: current },
    });

    const { plan, summary, sink } = await destroy(f, 1);

    expect(plan.counts).toEqual({ add: 0, change: 0, destroy: 4 });
    expect(summary).toMatchObject({ ok: true, destroyed: 4 });
    expect(starts(f.log)).toEqual(['delete C', 'delete B', 'delete A', 'delete D']);
    const a = readLog(f.log).find((e) => e.name === 'A');
    expect(a).toMatchObject({ mode: 'current', triggers: t('A', { v: 'old' }) });
    expect(readState(f.defaultStatePath, 'demo').resources).toEqual({});
    expect(sink.text()).toContain('Destroy complete! Resources: 4 destroyed.');
  });

  it('says there is nothing to destroy on an empty state', async () => {
    const f = makeStack(root, chain());
    const { plan, summary, sink } = await destroy(f);
    expect(plan.changes).toEqual([]);
    expect(summary.ok).toBe(true);
    expect(sink.text()).toContain('No changes. No objects need to be destroyed.');
  });
});

describe('ordering the steps of a plan', () => {
  const configOf = (resources: Record<string, FixtureResource>) => parseStack(stackDocument('demo', resources, '/p/s'), '/p/d');
  const stateOf = (resources: Record<string, { triggers: Record<string, string>; dependencies: string[] }>): LocalState => ({
    ...emptyState('demo'),
    resources: Object.fromEntries(
      Object.entries(resources).map(([n, r]) => [`null_resource.${n}`, { id: n, tainted: false, ...r }]),
    ),
  });
  const order = (config: StackConfig, state: LocalState) =>
    buildSteps(config, planChanges(config, state), state).map((s) => `${s.key} after [${s.after.join(', ')}]`);

  it('destroys a removed dependency after its old dependents and creates them after it is gone', () => {
    const config = configOf({ B: { triggers: { v: '2' } } });
    const state = stateOf({ B: { triggers: { v: '1' }, dependencies: ['null_resource.D'] }, D: { triggers: {}, dependencies: [] } });
    expect(order(config, state)).toEqual([
      'destroy null_resource.B after []',
      'destroy null_resource.D after [destroy null_resource.B]',
      'create null_resource.B after [destroy null_resource.B, destroy null_resource.D]',
    ]);
  });

  it('turns a create_before_destroy pair around: create first, the deposed destroy after it and after its dependents', () => {
    // J (create_before_destroy) depends on T; both change. T is forced to create_before_destroy by J.
    const config = configOf({
      T: { triggers: { v: '2' } },
      J: { triggers: { v: '2' }, dependsOn: ['null_resource.T'], extra: { lifecycle: { create_before_destroy: true } } },
    });
    const state = stateOf({ T: { triggers: { v: '1' }, dependencies: [] }, J: { triggers: { v: '1' }, dependencies: ['null_resource.T'] } });
    expect(order(config, state)).toEqual([
      'destroy null_resource.J after [create null_resource.J]',
      'destroy null_resource.T after [create null_resource.T, destroy null_resource.J]',
      'create null_resource.T after []',
      'create null_resource.J after [create null_resource.T]',
    ]);
  });

  it('orders destroys by the state alone when the state and the configuration disagree into a cycle', () => {
    // Y used to depend on X; now X depends on Y, and both change.
    const config = configOf({ X: { triggers: { v: '2' }, dependsOn: ['null_resource.Y'] }, Y: { triggers: { v: '2' } } });
    const state = stateOf({ X: { triggers: { v: '1' }, dependencies: [] }, Y: { triggers: { v: '1' }, dependencies: ['null_resource.X'] } });
    expect(order(config, state)).toEqual([
      'destroy null_resource.X after [destroy null_resource.Y]',
      'destroy null_resource.Y after []',
      'create null_resource.X after [destroy null_resource.X, create null_resource.Y]',
      'create null_resource.Y after [destroy null_resource.Y, destroy null_resource.X]',
    ]);
  });
});
