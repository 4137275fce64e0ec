import { App, TerraformStack, Testing } from 'cdktf';
import { NullProvider } from '@cdktf/provider-null/lib/provider';
import {
  MediaBucket,
  NULL_PROVIDER_VERSION,
  useBacking,
  VideoEnhanceBatch,
  VideoEnhanceJob,
  VideoEnhanceTemplate,
  Watermark,
  WatermarkTemplate,
} from '../../src/constructs';
import { thrownBy } from './synth-helpers';

type Doc = {
  terraform?: { required_providers?: Record<string, { source?: string; version?: string }> };
  provider?: Record<string, unknown>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
};

/** A stack with every construct kind, in an app with the given context. */
function synthAll(context: Record<string, unknown>, before?: (stack: TerraformStack) => void): Doc {
  const app = new App({ outdir: Testing.app().outdir, context, stackTraces: false });
  const stack = new TerraformStack(app, 'demo');
  before?.(stack);
  const bucket = new MediaBucket(stack, 'media', { bucket: 'media-1250000000', region: 'ap-guangzhou' });
  const hd = new VideoEnhanceTemplate(stack, 'hd', { bucket, msSharpen: { sharpenLevel: 5 } });
  const mark = new WatermarkTemplate(stack, 'mark', { bucket, watermark: Watermark.text({ text: 'caption', pos: 'TopLeft' }) });
  new VideoEnhanceJob(stack, 'job', { bucket, input: 'in/a.mp4', template: hd, watermarks: [mark], output: { object: 'out/${InputName}.${ext}' } });
  new VideoEnhanceBatch(stack, 'batch', { bucket, inputs: ['in/b.mp4', 'in/c.mp4'], template: hd, output: { object: 'out/b/${InputName}.${ext}' } });
  return JSON.parse(Testing.synth(stack, true)) as Doc;
}

describe('the backing resource', () => {
  it('is a null_resource by default, with the null provider allowed in a range, not one exact version', () => {
    const doc = synthAll({});
    expect(Object.keys(doc.resource)).toEqual(['null_resource']);
    // Five constructs and the stack's template list.
    expect(Object.keys(doc.resource.null_resource ?? {})).toHaveLength(6);
    expect(doc.terraform?.required_providers?.null).toEqual({ source: 'null', version: NULL_PROVIDER_VERSION });
    expect(NULL_PROVIDER_VERSION).toBe('~> 3.2');
    expect(doc.provider).toEqual({ null: [{}] });
  });

  it('keeps the null provider a user declared, with the user’s version constraint', () => {
    const doc = synthAll({}, (stack) => {
      new NullProvider(stack, 'mine', { alias: 'mine' });
      stack.addOverride('terraform.required_providers.null.version', '3.2.1');
    });
    expect(doc.terraform?.required_providers?.null?.version).toBe('3.2.1');
    expect(doc.provider).toEqual({ null: [{ alias: 'mine' }] });
  });

  it('is a terraform_data with the same trigger map in triggers_replace, and no provider at all, when the context chooses it', () => {
    const byNull = synthAll({});
    const byData = synthAll({ 'cdktf-cos-media:backing': 'terraform_data' });
    expect(Object.keys(byData.resource)).toEqual(['terraform_data']);
    expect(byData.provider).toBeUndefined();
    expect(byData.terraform).toBeUndefined();
    for (const [name, nullBody] of Object.entries(byNull.resource.null_resource ?? {})) {
      const dataBody = byData.resource.terraform_data?.[name] as Record<string, unknown>;
      expect(dataBody.triggers_replace).toEqual(nullBody.triggers);
      expect(dataBody.triggers).toBeUndefined();
      // Dependencies point at the terraform_data addresses.
      expect(dataBody.depends_on).toEqual(
        (nullBody.depends_on as string[] | undefined)?.map((d) => d.replace('null_resource.', 'terraform_data.')),
      );
      const environments = (dataBody.provisioner as { 'local-exec': { environment: Record<string, string> } }[]).map(
        (p) => p['local-exec'].environment.COS_MEDIA_TRIGGERS,
      );
      expect(environments).toEqual(['${jsonencode(self.triggers_replace)}', '${jsonencode(self.triggers_replace)}']);
    }
    // User strings stay escaped for Terraform on this backing too.
    const job = Object.values(byData.resource.terraform_data ?? {}).find(
      (r) => (r.triggers_replace as Record<string, string>).construct === 'demo/job',
    );
    expect((job?.triggers_replace as Record<string, string>)['Operation.Output.Object']).toBe('out/$${InputName}.$${ext}');
  });

  it('can be chosen in code with useBacking, for one stack of an app', () => {
    const app = Testing.app();
    const chosen = new TerraformStack(app, 'chosen');
    useBacking(chosen, 'terraform_data');
    new MediaBucket(chosen, 'media', { bucket: 'media-1250000000', region: 'ap-guangzhou' });
    const other = new TerraformStack(app, 'other');
    new MediaBucket(other, 'media', { bucket: 'other-1250000000', region: 'ap-guangzhou' });
    expect(Object.keys((JSON.parse(Testing.synth(chosen)) as Doc).resource)).toEqual(['terraform_data']);
    expect(Object.keys((JSON.parse(Testing.synth(other)) as Doc).resource)).toEqual(['null_resource']);
  });

  it('is the same for every construct of a stack: a context set on an inner scope does not split the stack', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'demo');
    new MediaBucket(stack, 'media', { bucket: 'media-1250000000', region: 'ap-guangzhou' });
    const inner = new (require('constructs').Construct)(stack, 'inner');
    inner.node.setContext('cdktf-cos-media:backing', 'terraform_data');
    new MediaBucket(inner, 'media', { bucket: 'media2-1250000000', region: 'ap-guangzhou' });
    expect(Object.keys((JSON.parse(Testing.synth(stack)) as Doc).resource)).toEqual(['null_resource']);
  });

  it('fails on an unknown backing, naming the context key, the allowed values and the value given', () => {
    const app = Testing.app({ context: { 'cdktf-cos-media:backing': 'terraform-data' } } as never);
    const stack = new TerraformStack(app, 'demo');
    expect(thrownBy(() => new MediaBucket(stack, 'media', { bucket: 'media-1250000000', region: 'ap-guangzhou' }))).toBe(
      'demo: 1 invalid value:\n' +
        '  - `context "cdktf-cos-media:backing"` must be one of "null_resource", "terraform_data", got "terraform-data"',
    );
    expect(thrownBy(() => useBacking(new TerraformStack(Testing.app(), 'x'), 'nul' as never))).toContain('got "nul"');
  });
});

describe('an app without @cdktf/provider-null', () => {
  it('fails the first null_resource construct with one message saying what to install or which backing to choose', () => {
    jest.isolateModules(() => {
      jest.doMock('@cdktf/provider-null/lib/provider', () => {
        throw Object.assign(new Error("Cannot find module '@cdktf/provider-null/lib/provider'"), { code: 'MODULE_NOT_FOUND' });
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const isolated = require('../../src/constructs') as typeof import('../../src/constructs');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const cdktf = require('cdktf') as typeof import('cdktf');
      const stack = new cdktf.TerraformStack(cdktf.Testing.app(), 'demo');
      expect(thrownBy(() => new isolated.MediaBucket(stack, 'media', { bucket: 'media-1250000000', region: 'ap-guangzhou' }))).toBe(
        'demo/media: the "null_resource" backing needs the package @cdktf/provider-null, which is not installed. ' +
          'Install it (npm install @cdktf/provider-null), or choose the provider-free backing: ' +
          '"context": { "cdktf-cos-media:backing": "terraform_data" } in cdktf.json (read by `cdktf synth` and `cdktf deploy`), ' +
          "or useBacking(stack, 'terraform_data') in code.",
      );
      // The provider-free backing needs nothing of it.
      const other = new cdktf.TerraformStack(cdktf.Testing.app(), 'other');
      isolated.useBacking(other, 'terraform_data');
      expect(() => new isolated.MediaBucket(other, 'media', { bucket: 'media-1250000000', region: 'ap-guangzhou' })).not.toThrow();
    });
  });
});
