/**
 * The replacement scenarios (replacement-scenarios.ts) through the local runner, with the default
 * null_resource backing: the runner replaces create-before-destroy resources the way Terraform does.
 */
import * as path from 'node:path';
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
