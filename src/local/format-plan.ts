import type { Plan, ResourceChange, TriggerChange } from './plan';

/**
 * Renders a plan the way `terraform plan` lays it out (a legend of the symbols used, one `# address …`
 * comment and one symbol line per resource, the trigger keys below it, the "Plan:" line), with the
 * triggers written `key: "value"`, keys padded so the values line up. Values are shown as the handler
 * will receive them (un-escaped), JSON-quoted so that quotes and control characters stay visible.
 */
export function formatPlan(plan: Plan): string {
  if (plan.changes.length === 0) {
    return plan.mode === 'destroy'
      ? 'No changes. No objects need to be destroyed.'
      : 'No changes. Your infrastructure matches the configuration.';
  }
  const lines: string[] = [...legend(plan), '', 'The cos-media local runner will perform the following actions:'];
  for (const change of plan.changes) {
    lines.push('', ...formatChange(change));
  }
  const { add, change, destroy } = plan.counts;
  lines.push('', `Plan: ${add} to add, ${change} to change, ${destroy} to destroy.`);
  return lines.join('\n');
}

const SYMBOL = { create: '  +', replace: '-/+', delete: '  -' } as const;

function legend(plan: Plan): string[] {
  const used = new Set(plan.changes.map((c) => c.action));
  const out = ['Resource actions are indicated with the following symbols:'];
  if (used.has('create')) out.push('  + create');
  if (used.has('delete')) out.push('  - destroy');
  if (plan.changes.some((c) => c.action === 'replace' && c.createBeforeDestroy === true)) out.push('+/- create replacement and then destroy');
  if (plan.changes.some((c) => c.action === 'replace' && c.createBeforeDestroy !== true)) out.push('-/+ destroy and then create replacement');
  return out;
}

function formatChange(c: ResourceChange): string[] {
  const out = [`  # ${c.address} ${headline(c)}`];
  const note = provisionerNote(c);
  if (note) out.push(`  # (${note})`);
  const symbol = c.action === 'replace' && c.createBeforeDestroy === true ? '+/-' : SYMBOL[c.action];
  out.push(`${symbol} ${c.address}${c.id === undefined ? '' : ` [id=${c.id}]`}`);
  out.push(...triggerLines(c));
  return out;
}

function headline(c: ResourceChange): string {
  switch (c.reason) {
    case 'new':
      return 'will be created';
    case 'tainted':
      return 'is tainted, so must be replaced';
    case 'triggers-changed':
      return 'must be replaced (triggers force replacement)';
    case 'not-in-configuration':
      return `will be destroyed (because ${c.address} is not in configuration)`;
    case 'destroy-requested':
      return 'will be destroyed';
  }
}

function provisionerNote(c: ResourceChange): string | undefined {
  switch (c.destroyProvisioners) {
    case 'skipped-tainted':
      return 'tainted: its destroy-time provisioners will not run, as in Terraform';
    case 'skipped-not-in-configuration':
      return 'its destroy-time provisioners, if it had any, left the configuration with it and will not run, as in Terraform';
    case 'skipped-deposed':
      return 'create before destroy: the replaced object is dropped without running its destroy-time provisioners, as in Terraform';
    default:
      return undefined;
  }
}

function triggerLines(c: ResourceChange): string[] {
  const width = Math.max(0, ...c.triggerChanges.map((t) => t.key.length + 1));
  const out = c.triggerChanges.map((t) => `      ${symbolOf(t)} ${`${t.key}:`.padEnd(width)} ${valueOf(t)}`);
  if (c.action === 'replace') {
    const nullChange = (c.before === null) !== (c.after === null);
    if (nullChange) out.push(`      ~ (triggers: ${c.before === null ? 'null' : 'map'} -> ${c.after === null ? 'null' : 'map'})`);
    if (c.unchangedKeys > 0) {
      out.push(`        (${c.unchangedKeys} unchanged trigger${c.unchangedKeys === 1 ? '' : 's'} hidden)`);
    }
  }
  return out;
}

function symbolOf(t: TriggerChange): string {
  return t.kind === 'added' ? '+' : t.kind === 'removed' ? '-' : '~';
}

function valueOf(t: TriggerChange): string {
  switch (t.kind) {
    case 'added':
      return JSON.stringify(t.after);
    case 'removed':
      return JSON.stringify(t.before);
    case 'changed':
      return `${JSON.stringify(t.before)} -> ${JSON.stringify(t.after)}`;
  }
}
