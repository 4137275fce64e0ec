import { planChanges } from '../../src/local/plan';
import { parseStack } from '../../src/local/stack-config';
import { emptyState, type LocalState, type ResourceState } from '../../src/local/state';
import { stackDocument, type FixtureResource } from './helpers';

const config = (resources: Record<string, FixtureResource>) =>
  parseStack(stackDocument('demo', resources, '/p/terraform.demo.tfstate'), '/p/cdktf.out/stacks/demo');

const state = (resources: Record<string, Partial<ResourceState>>): LocalState => ({
  ...emptyState('demo'),
  lineage: 'lineage-1',
  serial: 3,
  resources: Object.fromEntries(
    Object.entries(resources).map(([name, r]) => [
      `null_resource.${name}`,
      { id: `id-${name}`, triggers: {}, tainted: false, dependencies: [], ...r },
    ]),
  ),
});

describe('planning', () => {
  it('creates what is only in the configuration, showing every trigger as added', () => {
    const plan = planChanges(config({ B: { triggers: { k: 'v', a: '1' } }, A: {} }), state({}));
    expect(plan.changes).toEqual([
      { address: 'null_resource.A', action: 'create', reason: 'new', after: null, triggerChanges: [], unchangedKeys: 0 },
      {
        address: 'null_resource.B',
        action: 'create',
        reason: 'new',
        after: { k: 'v', a: '1' },
        triggerChanges: [
          { key: 'a', kind: 'added', after: '1' },
          { key: 'k', kind: 'added', after: 'v' },
        ],
        unchangedKeys: 0,
      },
    ]);
    expect(plan.counts).toEqual({ add: 2, change: 0, destroy: 0 });
    expect(plan).toMatchObject({ mode: 'apply', stack: 'demo', stateLineage: 'lineage-1', stateSerial: 3 });
  });

  it('replaces a resource whose triggers differ in any way, listing only the keys that differ', () => {
    const plan = planChanges(
      config({ A: { triggers: { same: 's', changed: 'new', added: 'a' } } }),
      state({ A: { triggers: { same: 's', changed: 'old', removed: 'r' } } }),
    );
    expect(plan.changes).toEqual([
      {
        address: 'null_resource.A',
        action: 'replace',
        reason: 'triggers-changed',
        id: 'id-A',
        before: { same: 's', changed: 'old', removed: 'r' },
        after: { same: 's', changed: 'new', added: 'a' },
        triggerChanges: [
          { key: 'added', kind: 'added', after: 'a' },
          { key: 'changed', kind: 'changed', before: 'old', after: 'new' },
          { key: 'removed', kind: 'removed', before: 'r' },
        ],
        unchangedKeys: 1,
        destroyProvisioners: 'run',
      },
    ]);
    expect(plan.counts).toEqual({ add: 1, change: 0, destroy: 1 });
  });

  it('replaces a resource whose triggers go from none to an empty map', () => {
    const plan = planChanges(config({ A: { triggers: {} } }), state({ A: { triggers: null } }));
    expect(plan.changes.map((c) => [c.action, c.reason])).toEqual([['replace', 'triggers-changed']]);
  });

  it('does nothing for a resource whose triggers are equal, whatever their order', () => {
    const plan = planChanges(config({ A: { triggers: { a: '1', b: '2' } } }), state({ A: { triggers: { b: '2', a: '1' } } }));
    expect(plan.changes).toEqual([]);
    expect(plan.counts).toEqual({ add: 0, change: 0, destroy: 0 });
  });

  it('replaces a tainted resource and skips its destroy provisioners', () => {
    const plan = planChanges(config({ A: { triggers: { k: 'v' } }, B: { triggers: {}, destroy: false } }), state({
      A: { triggers: { k: 'v' }, tainted: true },
      B: { triggers: {}, tainted: true },
    }));
    expect(plan.changes).toMatchObject([
      { address: 'null_resource.A', action: 'replace', reason: 'tainted', triggerChanges: [], unchangedKeys: 1, destroyProvisioners: 'skipped-tainted' },
      { address: 'null_resource.B', action: 'replace', reason: 'tainted', destroyProvisioners: 'none' },
    ]);
  });

  it('deletes what is only in the state, without its (gone) destroy provisioners', () => {
    const plan = planChanges(config({}), state({ Old: { triggers: { k: 'v' } } }));
    expect(plan.changes).toEqual([
      {
        address: 'null_resource.Old',
        action: 'delete',
        reason: 'not-in-configuration',
        id: 'id-Old',
        before: { k: 'v' },
        triggerChanges: [{ key: 'k', kind: 'removed', before: 'v' }],
        unchangedKeys: 0,
        destroyProvisioners: 'skipped-not-in-configuration',
      },
    ]);
    expect(plan.counts).toEqual({ add: 0, change: 0, destroy: 1 });
  });

  it('in destroy mode deletes everything in the state with the configuration’s provisioners, and creates nothing', () => {
    const plan = planChanges(
      config({ A: {}, B: { destroy: false }, C: {}, New: {} }),
      state({ A: {}, B: {}, C: { tainted: true }, Gone: {} }),
      { mode: 'destroy' },
    );
    expect(plan.changes.map((c) => [c.address, c.action, c.reason, c.destroyProvisioners])).toEqual([
      ['null_resource.A', 'delete', 'destroy-requested', 'run'],
      ['null_resource.B', 'delete', 'destroy-requested', 'none'],
      ['null_resource.C', 'delete', 'destroy-requested', 'skipped-tainted'],
      ['null_resource.Gone', 'delete', 'not-in-configuration', 'skipped-not-in-configuration'],
    ]);
    expect(plan.counts).toEqual({ add: 0, change: 0, destroy: 4 });
  });
});
