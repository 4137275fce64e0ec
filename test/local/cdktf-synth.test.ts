import * as fs from 'node:fs';
import * as path from 'node:path';
import { NullProvider } from '@cdktf/provider-null/lib/provider';
import { Resource as NullResource } from '@cdktf/provider-null/lib/resource';
import { App, AssetType, LocalBackend, TerraformAsset, TerraformStack } from 'cdktf';
import { loadStack } from '../../src/local/stack-config';
import { applyStack, destroyAll, planStack } from '../../src/local/stack-runs';
import { memorySink, readLog, removeDir, starts, tempDir } from './helpers';

/**
 * The runner against what cdktf 0.21 itself writes (the fixtures elsewhere are hand-written in its shape):
 * a stack of null_resources with local-exec provisioners running a file asset, synthesized by App.synth().
 * Only tests may import cdktf; src/local must not.
 */

let root: string;
beforeEach(() => {
  root = tempDir('cos-media-local-synth-');
});
afterEach(() => {
  removeDir(root);
});

function synth(outputKey: string): string {
  const app = new App({ outdir: path.join(root, 'cdktf.out'), skipValidation: true });
  const stack = new TerraformStack(app, 'media');
  new LocalBackend(stack, { path: path.join(root, 'terraform.media.tfstate') });
  new NullProvider(stack, 'null');
  const handler = new TerraformAsset(stack, 'handler', { path: path.join(__dirname, 'fixtures', 'test-provisioner.js'), type: AssetType.FILE });
  const provisioners = (when?: 'destroy') => ({
    type: 'local-exec' as const,
    interpreter: ['node', handler.path],
    command: when === 'destroy' ? 'delete' : 'create',
    environment: { COS_MEDIA_TRIGGERS: '${jsonencode(self.triggers)}' },
    ...(when ? { when } : {}),
  });
  const bucket = new NullResource(stack, 'bucket', {
    triggers: { name: 'bucket', kind: 'bucket' },
    provisioners: [provisioners(), provisioners('destroy')],
  });
  new NullResource(stack, 'job', {
    // A user string holding Terraform's template syntax, escaped as the constructs escape it.
    triggers: { name: 'job', kind: 'job', 'Output.Object': outputKey.replace(/\$\{/g, '$$${') },
    provisioners: [provisioners(), provisioners('destroy')],
    dependsOn: [bucket],
  });
  app.synth();
  return path.join(root, 'cdktf.out', 'stacks', 'media');
}

describe('a stack synthesized by cdktf', () => {
  it('loads, applies in dependency order, survives a re-synth, and destroys', async () => {
    const dir = synth('out/${InputName}.mp4');
    const config = loadStack(dir);
    expect(config.stackName).toBe('media');
    expect(config.resources.map((r) => [r.address, r.dependsOn])).toEqual([
      ['null_resource.bucket', []],
      ['null_resource.job', ['null_resource.bucket']],
    ]);

    const env = { ...process.env, TEST_LOG: path.join(root, 'log') };
    const applied = await applyStack(config, { sink: memorySink(), env });
    expect(applied.summary.ok).toBe(true);
    expect(applied.statePath).toBe(path.join(root, 'cos-media-local.media.tfstate.json'));
    expect(starts(env.TEST_LOG)).toEqual(['create bucket', 'create job']);
    expect(readLog(env.TEST_LOG).find((e) => e.name === 'job')?.triggers?.['Output.Object']).toBe('out/${InputName}.mp4');

    // cdktf rewrites the stack directory (and its assets) in place; the state is outside it.
    expect(planStack(loadStack(synth('out/${InputName}.mp4'))).plan.changes).toEqual([]);
    const changed = planStack(loadStack(synth('out/${InputName}.mov'))).plan;
    expect(changed.changes.map((c) => [c.action, c.address, c.triggerChanges])).toEqual([
      ['replace', 'null_resource.job', [{ key: 'Output.Object', kind: 'changed', before: 'out/${InputName}.mp4', after: 'out/${InputName}.mov' }]],
    ]);

    const destroyed = await destroyAll(loadStack(dir), { sink: memorySink(), env });
    expect(destroyed.summary.ok).toBe(true);
    expect(starts(env.TEST_LOG).slice(2)).toEqual(['delete job', 'delete bucket']);
    expect(fs.existsSync(path.join(dir, 'cdk.tf.json'))).toBe(true);
  });
});
