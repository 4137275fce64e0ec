import { Testing } from 'cdktf';
import { MediaBucket, useBacking, VideoEnhanceTemplate } from '../../src/constructs';
import { decodeResourceTriggers } from '../../src/model';
import { mediaBucket, newStack, synthResources } from './synth-helpers';

describe('CosMediaTemplates (the stack template set)', () => {
  it('lists per bucket the templates the stack declares and comes after each of them', () => {
    const { stack } = newStack('sets');
    const bucket = mediaBucket(stack);
    const other = new MediaBucket(stack, 'other', { bucket: 'other-1250000000', region: 'ap-beijing' });
    new VideoEnhanceTemplate(stack, 'hd', { bucket, msSharpen: { sharpenLevel: 3 } });
    new VideoEnhanceTemplate(stack, 'logo', { bucket: other, msSharpen: { sharpenLevel: 2 } });
    new VideoEnhanceTemplate(stack, 'sd', { bucket, msSharpen: { sharpenLevel: 1 } });
    const resources = synthResources(stack);
    const set = resources['sets/CosMediaTemplates'];
    expect(set).toBeDefined();
    expect(set?.triggers).toMatchObject({
      kind: 'template-set',
      stack: 'sets',
      'buckets.count': '2',
      'bucket.0': 'media-1250000000',
      'bucket.0.region': 'ap-guangzhou',
      'bucket.0.templates': JSON.stringify(['sets/hd', 'sets/sd']),
      'bucket.1': 'other-1250000000',
      'bucket.1.region': 'ap-beijing',
      'bucket.1.templates': JSON.stringify(['sets/logo']),
    });
    expect(decodeResourceTriggers(set?.triggers ?? {}).kind).toBe('template-set');
    const addresses = [...(set?.depends_on ?? [])].sort();
    expect(addresses).toHaveLength(3);
    expect(addresses.map((a) => a.replace(/_[0-9A-F]{8}$/, ''))).toEqual(['null_resource.hd', 'null_resource.logo', 'null_resource.sd']);
    expect(set?.provisioner.map((p) => p['local-exec'].command)).toEqual(['create', 'delete']);
  });

  it('changes its triggers when a template construct is removed, and is absent from a stack without templates', () => {
    const build = (ids: string[]) => {
      const { stack } = newStack('sets');
      const bucket = mediaBucket(stack);
      for (const id of ids) new VideoEnhanceTemplate(stack, id, { bucket, msSharpen: { sharpenLevel: 3 } });
      return synthResources(stack);
    };
    const two = build(['a', 'b'])['sets/CosMediaTemplates'];
    const one = build(['a'])['sets/CosMediaTemplates'];
    expect(one?.triggers['bucket.0.templates']).toBe(JSON.stringify(['sets/a']));
    expect(one?.triggers.spec_sha256).not.toBe(two?.triggers.spec_sha256);
    expect(build([])['sets/CosMediaTemplates']).toBeUndefined();
  });

  it('is a terraform_data with triggers_replace under that backing', () => {
    const { stack } = newStack('sets');
    useBacking(stack, 'terraform_data');
    new VideoEnhanceTemplate(stack, 'hd', { bucket: mediaBucket(stack), msSharpen: { sharpenLevel: 3 } });
    const json = JSON.parse(Testing.synth(stack, true)) as { resource: { terraform_data: Record<string, { triggers_replace: Record<string, string> }> } };
    const set = Object.values(json.resource.terraform_data).find((r) => r.triggers_replace.kind === 'template-set');
    expect(set?.triggers_replace['bucket.0.templates']).toBe(JSON.stringify(['sets/hd']));
  });

  it('fails synth when the list of templates is over the trigger size limit, naming the list', () => {
    const { stack } = newStack('sets');
    const bucket = mediaBucket(stack);
    for (let i = 0; i < 320; i++) new VideoEnhanceTemplate(stack, `t${i}-${'x'.repeat(400)}`, { bucket, name: `t${i}`, msSharpen: { sharpenLevel: 3 } });
    expect(() => Testing.synth(stack, true)).toThrow(/sets\/CosMediaTemplates: `triggers` must encode to at most \d+ bytes.*split the templates over more stacks/);
  });
});
