import { DataNullDataSource } from '@cdktf/provider-null/lib/data-null-data-source';
import { DataResource, DefaultTokenResolver, StringConcat, TerraformHclModule, TerraformStack, Testing, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import { MediaBucket, VideoEnhanceJob, VideoEnhanceTemplate } from '../../src/constructs';
import { elementAddress } from '../../src/constructs/dependencies';
import { mediaBucket, newStack, synthResources, thrownBy } from './synth-helpers';

const OUTPUT = { object: 'out/x.mp4' };

describe('dependencies the user declares', () => {
  it('turns node.addDependency on a cdktf resource, after the constructor, into depends_on', () => {
    const { stack } = newStack();
    const bucket = mediaBucket(stack);
    const job = new VideoEnhanceJob(stack, 'job', { bucket, input: 'a.mp4', enhance: { msSharpen: { sharpenLevel: 3 } }, output: OUTPUT });
    const upload = new DataResource(stack, 'upload', { input: { v: 'x' } });
    job.node.addDependency(upload);
    expect(synthResources(stack)['demo/job']?.depends_on).toEqual(['null_resource.media_54CBABFC', 'terraform_data.upload']);
  });

  it('takes a dependsOn prop of our constructs, modules and constructs holding resources, without repeating one', () => {
    const { stack } = newStack();
    const bucket = mediaBucket(stack);
    const group = new Construct(stack, 'uploads');
    new DataResource(group, 'one', { input: { v: '1' } });
    new DataResource(group, 'two', { input: { v: '2' } });
    const mod = new TerraformHclModule(stack, 'cdn', { source: 'registry.example/cdn/cos' });
    const other = new MediaBucket(stack, 'other', { bucket: 'other-1250000000', region: 'ap-guangzhou', dependsOn: [mod] });
    new VideoEnhanceTemplate(stack, 'hd', { bucket, msSharpen: { sharpenLevel: 5 }, dependsOn: [other, group, bucket] });
    const res = synthResources(stack);
    expect(res['demo/hd']?.depends_on).toEqual([
      'null_resource.media_54CBABFC',
      'null_resource.other_7F016EE3',
      'terraform_data.uploads_one_210053CD',
      'terraform_data.uploads_two_C551B082',
    ]);
    expect(res['demo/other']?.depends_on).toEqual(['module.cdn']);
  });

  it('makes a dependency on something in another stack a dependency between the stacks', () => {
    const { app, stack } = newStack();
    const shared = new TerraformStack(app, 'shared');
    const upload = new DataResource(shared, 'upload', { input: { v: 'x' } });
    const bucket = mediaBucket(stack);
    bucket.node.addDependency(upload);
    app.synth();
    expect(stack.dependencies).toContain(shared);
    expect(synthResources(stack)['demo/media']?.depends_on).toBeUndefined();
  });

  it('lets any cdktf resource depend on our constructs, and reaches the backing resource without a provider import', () => {
    const { stack } = newStack();
    const bucket = mediaBucket(stack);
    const job = new VideoEnhanceJob(stack, 'job', { bucket, input: 'a.mp4', enhance: { msSharpen: { sharpenLevel: 3 } }, output: OUTPUT });
    new DataResource(stack, 'notify', { input: { v: 'done' }, dependsOn: [job, bucket] });
    job.resource.addOverride('lifecycle.ignore_changes', ['triggers']);
    const json = JSON.parse(Testing.synth(stack)) as {
      resource: { terraform_data: Record<string, { depends_on?: string[] }>; null_resource: Record<string, { lifecycle?: unknown }> };
    };
    expect(json.resource.terraform_data.notify?.depends_on).toEqual(['null_resource.job_D0AF7320', 'null_resource.media_54CBABFC']);
    expect(json.resource.null_resource.job_D0AF7320?.lifecycle).toEqual({ create_before_destroy: true, ignore_changes: ['triggers'] });
  });

  it('fails at synth on a dependency cycle, naming the constructs around it', () => {
    const { stack } = newStack();
    const bucket = mediaBucket(stack);
    const hd = new VideoEnhanceTemplate(stack, 'hd', { bucket, msSharpen: { sharpenLevel: 5 } });
    const job = new VideoEnhanceJob(stack, 'job', { bucket, input: 'a.mp4', template: hd, output: OUTPUT });
    bucket.node.addDependency(job);
    const msg = thrownBy(() => Testing.synth(stack, true));
    expect(msg).toContain('dependency cycle: demo/media → demo/job → demo/media');
    expect(msg).toContain('dependency cycle: ');
  });

  it('reports a cycle through a module and through a data source, naming the constructs around it', () => {
    const { stack } = newStack();
    const bucket = mediaBucket(stack);
    const job = new VideoEnhanceJob(stack, 'job', { bucket, input: 'a.mp4', enhance: { msSharpen: { sharpenLevel: 3 } }, output: OUTPUT });
    new TerraformHclModule(stack, 'cdn', { source: 'registry.example/cdn/cos', dependsOn: [job] });
    job.node.addDependency(stack.node.findChild('cdn'));
    const lookup = new DataNullDataSource(stack, 'lookup', { inputs: { a: 'b' }, dependsOn: [bucket] });
    bucket.node.addDependency(lookup);
    const msg = thrownBy(() => Testing.synth(stack, true));
    expect(msg).toContain('dependency cycle: demo/job → demo/cdn → demo/job');
    expect(msg).toContain('dependency cycle: demo/media → demo/lookup → demo/media');
  });

  it('finds each element by the address its fqn resolves to (resources, ours, data sources, modules, renamed ones)', () => {
    const { stack } = newStack();
    const bucket = mediaBucket(stack);
    const renamed = new DataResource(stack, 'renamed', { input: { v: 'x' } });
    renamed.overrideLogicalId('other_name');
    const elements = [
      bucket.resource,
      new DataResource(new Construct(stack, 'group'), 'inner', { input: { v: 'x' } }),
      renamed,
      new DataNullDataSource(stack, 'lookup', { inputs: { a: 'b' } }),
      new TerraformHclModule(stack, 'cdn', { source: 'registry.example/cdn/cos' }),
    ];
    const resolver = new DefaultTokenResolver(new StringConcat());
    const addresses = elements.map((e) => [elementAddress(e), Tokenization.resolve(e.fqn, { scope: stack, resolver })]);
    for (const [ours, theirs] of addresses) expect(`\${${ours}}`).toBe(theirs);
    expect(addresses.map(([a]) => a)).toEqual([
      'null_resource.media_54CBABFC',
      'terraform_data.group_inner_B32DFAA9',
      'terraform_data.other_name',
      'data.null_data_source.lookup',
      'module.cdn',
    ]);
  });
});
