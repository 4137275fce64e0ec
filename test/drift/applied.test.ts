/**
 * Which state `cos-media drift` compares against: Terraform's (null_resource `triggers` as a map,
 * terraform_data `triggers_replace` as Terraform stores a dynamic value) or the local runner's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readApplied } from '../../src/drift/applied';
import { emptyState, withResource, writeState } from '../../src/local/state';
import { makeStack, removeDir, tempDir } from '../local/helpers';

let root: string;
beforeEach(() => {
  root = tempDir('cos-media-drift-');
});
afterEach(() => removeDir(root));

const triggers = (name: string) => ({ kind: 'media-bucket', name });

describe('reading what was applied', () => {
  it("reads Terraform's state: both backings, tainted instances, other resource types ignored", () => {
    const f = makeStack(root, { A: { triggers: triggers('A') } });
    const doc = {
      version: 4,
      resources: [
        { mode: 'managed', type: 'null_resource', name: 'A', instances: [{ attributes: { id: '123', triggers: triggers('A') } }] },
        {
          mode: 'managed',
          type: 'terraform_data',
          name: 'B',
          instances: [{ status: 'tainted', attributes: { id: 'u-1', triggers_replace: { value: triggers('B'), type: ['object', { kind: 'string', name: 'string' }] } } }],
        },
        { mode: 'managed', type: 'random_id', name: 'C', instances: [{ attributes: { id: 'x' } }] },
        { mode: 'data', type: 'null_resource', name: 'D', instances: [{ attributes: { id: 'y', triggers: triggers('D') } }] },
      ],
    };
    fs.writeFileSync(path.join(root, 'terraform.demo.tfstate'), JSON.stringify(doc));
    const applied = readApplied(f.dir);
    expect(applied.stateKind).toBe('terraform');
    expect(applied.statePath).toBe(path.join(root, 'terraform.demo.tfstate'));
    expect(applied.resources).toEqual([
      { address: 'null_resource.A', id: '123', triggers: triggers('A'), tainted: false },
      { address: 'terraform_data.B', id: 'u-1', triggers: triggers('B'), tainted: true },
    ]);
  });

  it("falls back to the local runner's state, and --state reads either kind", () => {
    const f = makeStack(root, { A: { triggers: triggers('A') } });
    writeState(f.defaultStatePath, withResource({ ...emptyState('demo'), lineage: 'l' }, 'null_resource.A', { id: '9', triggers: triggers('A'), tainted: false, dependencies: [] }));
    expect(readApplied(f.dir)).toMatchObject({ stateKind: 'local runner', resources: [{ address: 'null_resource.A', id: '9' }] });
    expect(readApplied(f.dir, f.defaultStatePath).stateKind).toBe('local runner');
  });

  it('fails with a clear message when there is no state, or the file is no state', () => {
    const f = makeStack(root, { A: { triggers: triggers('A') } });
    expect(() => readApplied(f.dir)).toThrow(/no state found for stack "demo" \(looked for .*terraform\.demo\.tfstate and .*cos-media-local\.demo\.tfstate\.json\): apply it first, or pass --state FILE/);
    const bogus = path.join(root, 'bogus.json');
    fs.writeFileSync(bogus, '{"hello": 1}');
    expect(() => readApplied(f.dir, bogus)).toThrow(`${bogus} is neither a Terraform state (version 4) nor a cos-media local runner state`);
    expect(() => readApplied(f.dir, path.join(root, 'missing.json'))).toThrow('does not exist');
  });
});
