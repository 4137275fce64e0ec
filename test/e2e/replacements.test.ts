/**
 * The replacement scenarios (replacement-scenarios.ts) through the local runner, with the default
 * null_resource backing: the runner replaces create-before-destroy resources the way Terraform does.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { readState, withResource, writeState } from '../../src/local/state';
import type { ChangeAction } from '../../src/local/plan';
import { REGION, startHarness, type Harness } from './e2e-helpers';
import { MediaBucket, VideoEnhanceTemplate } from '../../src/constructs';
import { queuedJobsKept, removedTemplateDeleted, runHandler, templateUpdatedInPlace, triggersOf, type ScenarioRunner } from './replacement-scenarios';

function runnerOf(h: Harness): ScenarioRunner {
  const statePath = path.join(h.dir, 'state.json');
  return {
    emulator: h.emulator,
    client: h.client,
    region: REGION,
    env: h.env,
    synth: (build) => h.synth(build),
    apply: async (dir) => (await h.apply(dir)).summary.ok,
    destroy: async (dir) => (await h.destroy(dir)).summary.ok,
    async actions(dir) {
      const { plan } = h.plan(dir);
      const word = (a: ChangeAction, cbd: boolean | undefined): string =>
        a === 'replace' ? (cbd ? 'create,delete' : 'delete,create') : a;
      return Object.fromEntries(
        plan.changes.map((c) => [(c.after ?? c.before)?.construct?.split('/').pop() ?? c.address, word(c.action, c.createBeforeDestroy)]),
      );
    },
    async taint(_dir, id) {
      const state = readState(statePath, 'e2e');
      const [address, record] = Object.entries(state.resources).find(([, r]) => r.triggers?.construct?.endsWith(`/${id}`)) ?? [];
      if (!address || !record) throw new Error(`no resource for ${id}`);
      writeState(statePath, withResource(state, address, { ...record, tainted: true }));
    },
  };
}

describe('replacements through the local runner (null_resource backing)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ jobDurationMs: 50 });
  });
  afterEach(async () => h.close());

  it('updates a changed template in place: same TemplateId through two changes and a taint, jobs re-submitted once per change', async () => {
    await templateUpdatedInPlace(runnerOf(h), 'inplace-1250000000');
  });

  it('replaces a batch whose jobs wait in a paused queue without cancelling or re-submitting the inputs it keeps', async () => {
    await queuedJobsKept(runnerOf(h), 'queued-1250000000');
  });

  it('deletes the template of a construct removed from the code, and only that one', async () => {
    await removedTemplateDeleted(runnerOf(h), 'removal-1250000000');
  });

  it('deletes the last template of a bucket no longer in the list, and deletes nothing on the first apply with a list', async () => {
    const [a, b] = ['lists-a-1250000000', 'lists-b-1250000000'];
    for (const bucket of [a, b]) await h.client.putBucket({ bucket });
    await h.client.enableMediaProcessing({ bucket: a });
    // A template of this stack that its list never declared (made before the list existed): left alone.
    const older = await runHandler(h.env, 'create', triggersOf(h.synth((stack) => {
      new VideoEnhanceTemplate(stack, 'older', { bucket: new MediaBucket(stack, 'ma', { bucket: a, region: REGION }), name: 'older', msSharpen: { sharpenLevel: 1 } });
    }), 'older'));
    expect(older.code).toBe(0);
    const build = (withB: boolean) => h.synth((stack) => {
      const ma = new MediaBucket(stack, 'ma', { bucket: a, region: REGION });
      new VideoEnhanceTemplate(stack, 'ta', { bucket: ma, name: 'ta', msSharpen: { sharpenLevel: 2 } });
      if (withB) new VideoEnhanceTemplate(stack, 'tb', { bucket: new MediaBucket(stack, 'mb', { bucket: b, region: REGION }), name: 'tb', msSharpen: { sharpenLevel: 3 } });
    });
    const names = () => h.emulator.state().templates.map((t) => `${t.bucket}:${t.name}`).sort();
    expect((await h.apply(build(true))).summary.ok).toBe(true);
    expect(names()).toEqual([`${a}:older`, `${a}:ta`, `${b}:tb`]);
    expect((await h.apply(build(false))).summary.ok).toBe(true);
    expect(names()).toEqual([`${a}:older`, `${a}:ta`]);
  });

  it('leaves the template of a removed construct alone when another stack took it over', async () => {
    const bucketName = 'takeover-1250000000';
    await h.client.putBucket({ bucket: bucketName });
    const build = (withMine: boolean) => h.synth((stack) => {
      const bucket = new MediaBucket(stack, 'media', { bucket: bucketName, region: REGION });
      new VideoEnhanceTemplate(stack, 'kept', { bucket, name: 'kept', msSharpen: { sharpenLevel: 2 } });
      if (withMine) new VideoEnhanceTemplate(stack, 'mine', { bucket, name: 'shared', msSharpen: { sharpenLevel: 3 } });
    });
    expect((await h.apply(build(true))).summary.ok).toBe(true);
    const shared = () => h.emulator.state().templates.filter((t) => t.bucket === bucketName && t.name === 'shared');
    const [mine] = shared();
    // Another stack takes the template over (same TemplateId, its spec, its own owner record).
    const otherOut = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-taker-'));
    try {
      const app = new App({ outdir: otherOut, stackTraces: false });
      const other = new TerraformStack(app, 'taker');
      const bucket = new MediaBucket(other, 'media', { bucket: bucketName, region: REGION });
      new VideoEnhanceTemplate(other, 'theirs', { bucket, name: 'shared', takeOver: true, msSharpen: { sharpenLevel: 8 } });
      app.synth();
      expect((await runHandler(h.env, 'create', triggersOf(path.join(otherOut, 'stacks', 'taker'), 'theirs'))).code).toBe(0);
    } finally {
      fs.rmSync(otherOut, { recursive: true, force: true });
    }
    expect(shared().map((t) => t.templateId)).toEqual([mine?.templateId]);

    // `mine` removed from the code: its owner record goes, the template (now theirs) stays as they left it.
    expect((await h.apply(build(false))).summary.ok).toBe(true);
    expect(shared().map((t) => [t.templateId, (t.body as { MsSharpen?: { SharpenLevel?: string } }).MsSharpen?.SharpenLevel])).toEqual([[mine?.templateId, '8']]);
    expect(h.emulator.state().objects.filter((o) => o.bucket === bucketName && o.key.startsWith('.cos-media/templates/'))).toHaveLength(2);
  });

  it('two applies racing with different versions of a template: one template, one TemplateId, the spec of one of them', async () => {
    const bucketName = 'race-1250000000';
    await h.client.putBucket({ bucket: bucketName });
    const build = (level: number) => h.synth((stack) => {
      const bucket = new MediaBucket(stack, 'media', { bucket: bucketName, region: REGION });
      new VideoEnhanceTemplate(stack, 'hd', { bucket, name: 'raced', msSharpen: { sharpenLevel: level } });
    });
    expect((await h.apply(build(3))).summary.ok).toBe(true);
    const [first] = h.emulator.state().templates.filter((t) => t.name === 'raced');
    const v6 = triggersOf(build(6), 'hd');
    const v7 = triggersOf(build(7), 'hd');
    // Creates of two versions at once (two pipelines applying two commits, one of them twice).
    const results = await Promise.all([runHandler(h.env, 'create', v6), runHandler(h.env, 'create', v7), runHandler(h.env, 'create', v6)]);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    const raced = h.emulator.state().templates.filter((t) => t.name === 'raced');
    expect(raced.map((t) => t.templateId)).toEqual([first?.templateId]);
    expect(['6', '7']).toContain((raced[0]?.body as { MsSharpen?: { SharpenLevel?: string } }).MsSharpen?.SharpenLevel);
  });

  it('renames a template: the new name is created and the template under the old name deleted, though the old delete never runs', async () => {
    const bucketName = 'rename-1250000000';
    await h.client.putBucket({ bucket: bucketName });
    const build = (name: string, level: number) => h.synth((stack) => {
      const bucket = new MediaBucket(stack, 'media', { bucket: bucketName, region: REGION });
      new VideoEnhanceTemplate(stack, 'hd', { bucket, name, msSharpen: { sharpenLevel: level } });
    });
    const names = () => h.emulator.state().templates.filter((t) => t.bucket === bucketName).map((t) => t.name);
    expect((await h.apply(build('before-rename', 3))).summary.ok).toBe(true);
    // Someone else's template, different spec, same name as the one we rename to: refused, nothing deleted.
    await h.client.createTemplate({ bucket: bucketName, template: { Tag: 'VideoEnhance', Name: 'taken', VideoEnhance: { MsSharpen: { SharpenLevel: '1' } } } as never });
    expect((await h.apply(build('taken', 3))).summary.ok).toBe(false);
    expect(names().sort()).toEqual(['before-rename', 'taken']);
    expect((await h.apply(build('after-rename', 3))).summary.ok).toBe(true);
    expect(names().sort()).toEqual(['after-rename', 'taken']);
  });
});
