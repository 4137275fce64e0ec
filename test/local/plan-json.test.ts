import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { MediaBucket, VideoEnhanceBatch, VideoEnhanceJob, VideoEnhanceTemplate } from '../../src/constructs';
import { planChanges } from '../../src/local/plan';
import { planToJson, type JsonPlan, type JsonResourceChange } from '../../src/local/plan-json';
import { loadStack, type StackConfig } from '../../src/local/stack-config';
import { emptyState, withResource, type LocalState } from '../../src/local/state';
import { removeDir, tempDir } from './helpers';

/**
 * `planToJson`: the runner's plan in Terraform's JSON plan format. Its field-by-field agreement with real
 * Terraform is proven by test/terraform/differential.test.ts on terraform_data stacks (the only backing real
 * Terraform can initialise here); this file proves that the null_resource layout plans the same, the
 * attribute names (and what each type's schema holds) aside.
 */

let root: string;
beforeAll(() => {
  root = tempDir('cos-media-plan-json-');
});
afterAll(() => removeDir(root));

type Backing = 'null_resource' | 'terraform_data';

/** The same constructs synthesized with one backing, then changed: sharpen 5 -> 7, a batch input added, `gone` removed, `flaky` and `added` added. */
function synth(backing: Backing, version: 'old' | 'new'): StackConfig {
  const outdir = path.join(root, backing, version);
  fs.mkdirSync(outdir, { recursive: true });
  const app = new App({ outdir, stackTraces: false, context: { 'cdktf-cos-media:backing': backing } });
  const stack = new TerraformStack(app, 'layout');
  new LocalBackend(stack, { path: path.join(root, backing, 'terraform.layout.tfstate') });
  const bucket = new MediaBucket(stack, 'media', { bucket: 'layout-1250000000', region: 'ap-guangzhou' });
  const hd = new VideoEnhanceTemplate(stack, 'hd', { bucket, name: 'layout-hd', msSharpen: { sharpenLevel: version === 'old' ? 5 : 7 } });
  new VideoEnhanceBatch(stack, 'batch', {
    bucket,
    inputs: version === 'old' ? ['raw/a.mp4'] : ['raw/a.mp4', 'raw/b.mp4'],
    enhance: { msSharpen: { sharpenLevel: 3 } },
    output: { object: 'out/${InputName}.${ext}' },
  });
  new VideoEnhanceJob(stack, 'single', { bucket, input: 'raw/s.mp4', template: hd, output: { object: 'out/s.${ext}' } });
  if (version === 'old') new VideoEnhanceJob(stack, 'gone', { bucket, input: 'raw/g.mp4', template: hd, output: { object: 'out/g.${ext}' } });
  else {
    new VideoEnhanceJob(stack, 'flaky', { bucket, input: 'raw/f.mp4', template: hd, output: { object: 'out/f.${ext}' } });
    new VideoEnhanceJob(stack, 'added', { bucket, input: 'raw/n.mp4', template: hd, output: { object: 'out/n.${ext}' } });
  }
  app.synth();
  return loadStack(path.join(outdir, 'stacks', 'layout'));
}

/** The state after the old stack was applied and `flaky` was created and tainted (its create failed). */
function appliedState(old: StackConfig, current: StackConfig): LocalState {
  let state = { ...emptyState('layout'), lineage: 'lineage-1' };
  old.resources.forEach((r, i) => {
    state = withResource(state, r.address, { id: `id-${i}`, triggers: r.triggers, tainted: false, dependencies: r.dependsOn });
  });
  const flaky = current.resources.find((r) => r.triggers?.construct === 'layout/flaky');
  if (!flaky) throw new Error('no flaky');
  return withResource(state, flaky.address, { id: 'id-flaky', triggers: flaky.triggers, tainted: true, dependencies: flaky.dependsOn });
}

function planJson(backing: Backing): JsonPlan {
  const old = synth(backing, 'old');
  const current = synth(backing, 'new');
  const state = appliedState(old, current);
  return planToJson(current, state, planChanges(current, state), { now: new Date('2026-01-02T03:04:05.678Z') });
}

/** A terraform_data entry with terraform_data's names and its extra input/output made null_resource's. */
function asNullResource(rc: JsonResourceChange): JsonResourceChange {
  const rename = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'input' || k === 'output') continue;
      out[k === 'triggers_replace' ? 'triggers' : k] = x;
    }
    return out;
  };
  const c = rc.change;
  return {
    ...rc,
    address: rc.address.replace(/^terraform_data\./, 'null_resource.'),
    type: 'null_resource',
    provider_name: 'registry.terraform.io/hashicorp/null',
    change: {
      ...c,
      before: rename(c.before) as JsonResourceChange['change']['before'],
      after: rename(c.after) as JsonResourceChange['change']['after'],
      after_unknown: rename(c.after_unknown) as Record<string, unknown>,
      before_sensitive: rename(c.before_sensitive) as Record<string, unknown> | false,
      after_sensitive: rename(c.after_sensitive) as Record<string, unknown> | false,
      ...(c.replace_paths ? { replace_paths: c.replace_paths.map((p) => p.map((s) => (s === 'triggers_replace' ? 'triggers' : s))) } : {}),
    },
  };
}

describe('the local runner\'s plan as Terraform JSON', () => {
  let data: JsonPlan;
  let nul: JsonPlan;
  beforeAll(() => {
    data = planJson('terraform_data');
    nul = planJson('null_resource');
  });
  const byConstruct = (plan: JsonPlan) =>
    Object.fromEntries(
      (plan.resource_changes ?? []).map((rc) => {
        const map = (rc.change.after ?? rc.change.before) as Record<string, Record<string, string> | null>;
        return [(map.triggers_replace ?? map.triggers)?.construct, [rc.change.actions.join(','), rc.action_reason ?? '']];
      }),
    );

  it('covers every kind of change: create, no-op, replace on changed triggers, replace of a tainted object (create before destroy, as the constructs ask), delete', () => {
    expect(byConstruct(data)).toEqual({
      'layout/media': ['no-op', ''],
      'layout/hd': ['create,delete', 'replace_because_cannot_update'],
      'layout/batch': ['create,delete', 'replace_because_cannot_update'],
      'layout/single': ['create,delete', 'replace_because_cannot_update'],
      'layout/gone': ['delete', 'delete_because_no_resource_config'],
      'layout/flaky': ['create,delete', 'replace_because_tainted'],
      'layout/added': ['create', ''],
      // The stack's template list: the same templates are declared, so it stays.
      'layout/CosMediaTemplates': ['no-op', ''],
    });
  });

  it('plans the null_resource layout (triggers) exactly as the terraform_data layout (triggers_replace), attribute names aside', () => {
    expect(nul.resource_changes?.map((rc) => rc.type)).toEqual(Array(8).fill('null_resource'));
    expect(nul.resource_changes).toEqual(data.resource_changes?.map(asNullResource));
    expect({ ...nul, resource_changes: [] }).toEqual({ ...data, resource_changes: [] });
  });

  it('writes each type\'s value as Terraform shows it: terraform_data with input and output, null_resource with id and triggers only', () => {
    const keys = (plan: JsonPlan, action: string) => {
      const rc = plan.resource_changes?.find((r) => r.change.actions.join(',') === action);
      return [Object.keys(rc?.change.before ?? {}), Object.keys(rc?.change.after ?? {}), rc?.change.after_unknown];
    };
    expect(keys(data, 'create,delete')).toEqual([['id', 'input', 'output', 'triggers_replace'], ['input', 'output', 'triggers_replace'], { id: true, triggers_replace: {} }]);
    expect(keys(nul, 'create,delete')).toEqual([['id', 'triggers'], ['triggers'], { id: true, triggers: {} }]);
    expect(keys(nul, 'no-op')).toEqual([['id', 'triggers'], ['id', 'triggers'], {}]);
    const replaced = nul.resource_changes?.find((r) => r.action_reason === 'replace_because_cannot_update');
    expect(replaced?.change.replace_paths).toEqual([['triggers']]);
    expect(nul.resource_changes?.find((r) => r.action_reason === 'replace_because_tainted')?.change.replace_paths).toBeUndefined();
    expect(nul.resource_changes?.[0]?.provider_name).toBe('registry.terraform.io/hashicorp/null');
    expect(data.resource_changes?.[0]?.provider_name).toBe('terraform.io/builtin/terraform');
  });

  it('says it was made by the local runner, from which state, in format 1.2, with a Terraform-style timestamp', () => {
    expect(data).toMatchObject({
      format_version: '1.2',
      terraform_version: 'cos-media-local',
      cos_media_local_runner: { stack: 'layout', state_lineage: 'lineage-1', state_serial: 7 },
      timestamp: '2026-01-02T03:04:05Z',
      applyable: true,
      complete: true,
      errored: false,
    });
  });

  it('lists no-op entries only and is not applyable when nothing changes; omits resource_changes for an empty stack', () => {
    const current = synth('null_resource', 'new');
    let state = { ...emptyState('layout'), lineage: 'l' };
    for (const r of current.resources) state = withResource(state, r.address, { id: '1', triggers: r.triggers, tainted: false, dependencies: [] });
    const same = planToJson(current, state, planChanges(current, state));
    expect(same.applyable).toBe(false);
    expect(same.resource_changes?.map((rc) => rc.change.actions)).toEqual(Array(current.resources.length).fill(['no-op']));

    const empty = { ...current, resources: [] };
    const none = planToJson(empty, emptyState('layout'), planChanges(empty, emptyState('layout')));
    expect(none.resource_changes).toBeUndefined();
    expect(none.applyable).toBe(false);
  });

  it('fails on a destroy plan, which --out does not write', () => {
    const current = synth('terraform_data', 'new');
    expect(() => planToJson(current, emptyState('layout'), planChanges(current, emptyState('layout'), { mode: 'destroy' }))).toThrow(
      'only an apply plan can be written as a Terraform JSON plan',
    );
  });
});
