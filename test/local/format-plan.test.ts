import { formatPlan } from '../../src/local/format-plan';
import { planChanges } from '../../src/local/plan';
import { parseStack } from '../../src/local/stack-config';
import { emptyState, type LocalState } from '../../src/local/state';
import { stackDocument } from './helpers';

const config = parseStack(
  stackDocument(
    'demo',
    {
      Bucket: { triggers: { kind: 'bucket', 'Output.Object': 'out/$${InputName}.$${ext}' } },
      Job: { triggers: { kind: 'job', 'Operation.VideoEnhance.MsSharpen.SharpenLevel': '6', spec_sha256: 'bbb', text: 'say "hi"' } },
      Tmpl: { triggers: { kind: 'template', name: 't1' } },
    },
    '/p/terraform.demo.tfstate',
  ),
  '/p/cdktf.out/stacks/demo',
);

const state: LocalState = {
  ...emptyState('demo'),
  lineage: 'x',
  serial: 9,
  resources: {
    'null_resource.Job': {
      id: '111',
      triggers: { kind: 'job', 'Operation.VideoEnhance.MsSharpen.SharpenLevel': '5', spec_sha256: 'aaa', userData: 'u', text: 'say "hi"' },
      tainted: false,
      dependencies: [],
    },
    'null_resource.Tmpl': { id: '222', triggers: { kind: 'template', name: 't1' }, tainted: true, dependencies: [] },
    'null_resource.Old': { id: '333', triggers: { kind: 'job' }, tainted: false, dependencies: [] },
  },
};

describe('formatting a plan', () => {
  it('lays out creates, replaces and destroys like terraform plan, values aligned', () => {
    expect(formatPlan(planChanges(config, state))).toBe(
      [
        'Resource actions are indicated with the following symbols:',
        '  + create',
        '  - destroy',
        '-/+ destroy and then create replacement',
        '',
        'The cos-media local runner will perform the following actions:',
        '',
        '  # null_resource.Bucket will be created',
        '  + null_resource.Bucket',
        '      + Output.Object: "out/${InputName}.${ext}"',
        '      + kind:          "bucket"',
        '',
        '  # null_resource.Job must be replaced (triggers force replacement)',
        '-/+ null_resource.Job [id=111]',
        '      ~ Operation.VideoEnhance.MsSharpen.SharpenLevel: "5" -> "6"',
        '      ~ spec_sha256:                                   "aaa" -> "bbb"',
        '      - userData:                                      "u"',
        '        (2 unchanged triggers hidden)',
        '',
        '  # null_resource.Old will be destroyed (because null_resource.Old is not in configuration)',
        '  # (its destroy-time provisioners, if it had any, left the configuration with it and will not run, as in Terraform)',
        '  - null_resource.Old [id=333]',
        '      - kind: "job"',
        '',
        '  # null_resource.Tmpl is tainted, so must be replaced',
        '  # (tainted: its destroy-time provisioners will not run, as in Terraform)',
        '-/+ null_resource.Tmpl [id=222]',
        '        (2 unchanged triggers hidden)',
        '',
        'Plan: 3 to add, 0 to change, 3 to destroy.',
      ].join('\n'),
    );
  });

  it('shows only the symbols it uses, and quotes values so quotes and newlines stay visible', () => {
    const one = parseStack(stackDocument('demo', { A: { triggers: { t: 'a "b"\nc' } } }, '/p/s'), '/p/d');
    const text = formatPlan(planChanges(one, emptyState('demo')));
    expect(text.split('\n').slice(0, 3)).toEqual([
      'Resource actions are indicated with the following symbols:',
      '  + create',
      '',
    ]);
    expect(text).toContain('      + t: "a \\"b\\"\\nc"');
    expect(text.endsWith('Plan: 1 to add, 0 to change, 0 to destroy.')).toBe(true);
  });

  it('says so when there is nothing to do', () => {
    expect(formatPlan(planChanges(config, { ...emptyState('demo'), resources: {} }, { mode: 'destroy' }))).toBe(
      'No changes. No objects need to be destroyed.',
    );
  });
});
