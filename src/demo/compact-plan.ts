/**
 * A short plan for people: one line per resource that changes, with the trigger keys that changed and what
 * a change costs (jobs re-submitted). The full Terraform-style plan is `cos-media plan <stackDir>`.
 */
import type { Plan, ResourceChange } from '../local';

const SYMBOL: Record<ResourceChange['action'], string> = { create: '+', replace: '-/+', delete: '-' };
/** Keys that follow from others and say nothing new to a reader. */
const DERIVED = new Set(['spec_sha256']);

function nameOf(change: ResourceChange): { name: string; kind: string } {
  const t = change.after ?? change.before ?? {};
  const construct = t.construct ?? change.address;
  return { name: construct.split('/').slice(1).join('/') || construct, kind: t.kind ?? 'resource' };
}

function why(change: ResourceChange): string {
  if (change.action === 'create') return '';
  if (change.reason === 'tainted') return 'tainted by a failed apply';
  if (change.action === 'delete') return 'no longer in the configuration';
  const parts = change.triggerChanges
    .filter((c) => !DERIVED.has(c.key))
    .map((c) => {
      const template = /^(template|watermark_template\.\d+)\.spec_sha256$/.exec(c.key);
      if (template) {
        const nameKey = `${template[1]}.name`;
        return `template ${change.after?.[nameKey] ?? change.before?.[nameKey] ?? '?'} changed`;
      }
      if (c.kind === 'added') return `${c.key} added ${JSON.stringify(c.after)}`;
      if (c.kind === 'removed') return `${c.key} removed`;
      return `${c.key}: ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`;
    });
  return parts.join('; ');
}

function jobCount(change: ResourceChange): number {
  const t = change.after;
  if (!t) return 0;
  if (t.kind === 'video-enhance-job') return 1;
  if (t.kind === 'video-enhance-batch') return Number(t['inputs.count'] ?? 0);
  return 0;
}

export function formatCompactPlan(plan: Plan): string[] {
  if (plan.changes.length === 0) return ['Plan: no changes. Everything is in place; no job will be submitted.'];
  const rows = plan.changes.map((c) => {
    const { name, kind } = nameOf(c);
    return { symbol: SYMBOL[c.action], name, kind, why: why(c), jobs: c.action === 'delete' ? 0 : jobCount(c) };
  });
  const w = Math.max(...rows.map((r) => r.name.length));
  const k = Math.max(...rows.map((r) => r.kind.length));
  const lines = rows.map((r) => {
    const jobs = r.jobs > 0 ? `  [${r.jobs} job${r.jobs === 1 ? '' : 's'} to submit unless already done]` : '';
    return `  ${r.symbol.padStart(3)} ${r.name.padEnd(w)}  ${r.kind.padEnd(k)}${r.why ? `  ${r.why}` : ''}${jobs}`.trimEnd();
  });
  const { add, change, destroy } = plan.counts;
  lines.push(`Plan: ${add} to add, ${change} to change, ${destroy} to destroy.`);
  return lines;
}
