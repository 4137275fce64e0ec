/**
 * Templates, buckets and resources that are not ours. What the handler does on each step is in
 * src/handler/kinds/template.ts (create finds by name and adopts, delete by name) and media-bucket.ts
 * (delete only with `delete_on_destroy`, refused by COS when the bucket is not empty).
 */
import { code, type Inline } from './markdown';
import { actionReasonText, keyChangeLines, withReason, type ReportItem } from './report-model';
import { diffTriggers, keyClass, valueOf, type OtherChange, type OurChange } from './resource-view';


function reasonField(reason: Inline[] | undefined): { reason?: Inline[] } {
  return reason ? { reason } : {};
}

/**
 * `setStays`: whether the plan keeps the stack's template set (src/handler/kinds/template-set.ts), which deletes
 * the template of a construct removed from the code; Terraform does not run a removed resource's delete step.
 */
export function templateItem(c: OurChange, setStays = false): ReportItem {
  const name = valueOf(c, 'Name') ?? c.label;
  const tag = valueOf(c, 'Tag') ?? '?';
  const bucket = valueOf(c, 'bucket') ?? '?';
  const subject: Inline[] = [code(name), ` (${tag} template in `, code(bucket), ')'];
  const reason = actionReasonText(c.change.actionReason);
  switch (c.action.kind) {
    case 'create':
      return { verb: 'created', subject, ...reasonField(reason), details: [] };
    case 'delete':
      if (c.change.actionReason === 'delete_because_no_resource_config') {
        if (setStays) return { verb: 'deleted', subject, reason: ["removed from the code: the stack's template list deletes it"], details: [] };
        return {
          verb: 'left in place',
          subject,
          reason: [
            'removed from the code, and this stack keeps no template list (no template left, or synthesized by an earlier version): ',
            'Terraform does not run its delete step, so the template stays',
          ],
          details: [],
        };
      }
      return { verb: 'deleted', subject, ...reasonField(reason), details: [] };
    case 'forget':
      return { verb: 'forgotten', subject, reason: ['it leaves the state without its delete step: the template stays'], details: [] };
    case 'update':
      return { verb: 'updated in place', subject, reason: ['no handler runs on an in-place update'], details: [] };
    case 'replace': {
      const changes = diffTriggers(c).filter((k) => keyClass(k.key) !== 'derived');
      const renamed = changes.some((k) => k.key === 'Name');
      const details = keyChangeLines(changes);
      if (c.action.createFirst) {
        // Templates are create_before_destroy: the new create updates the template under its name in place
        // (same TemplateId) and the replaced object's delete does not run (see src/handler/kinds/template.ts).
        if (renamed) {
          return { verb: 'renamed', subject, reason: ['created under the new name; the template under the old name is deleted'], details };
        }
        if (changes.length === 0 && !c.triggersUnknown) {
          return { verb: 're-applied', subject, reason: reason ?? ['replaced with the same triggers: the template is checked and kept'], details };
        }
        return {
          verb: 'updated in place',
          subject,
          reason: ['same TemplateId; jobs already submitted keep the parameters they were submitted with'],
          details,
        };
      }
      if (changes.length === 0 && !c.triggersUnknown) return { verb: 're-created', subject, reason: reason ?? ['replaced with the same triggers'], details };
      return { verb: renamed ? 'renamed' : 'changed', subject, ...reasonField(reason), details };
    }
    default:
      return { verb: c.change.actions.join(', '), subject, details: [] };
  }
}

/** A bucket item, and the bucket it deletes (if any). */
export function bucketItem(c: OurChange): { item: ReportItem; deletes?: string } {
  const bucket = valueOf(c, 'bucket') ?? '?';
  const subject: Inline[] = [code(bucket), ' (', code(valueOf(c, 'region') ?? '?'), ')'];
  const reason = actionReasonText(c.change.actionReason);
  const existing = valueOf(c, 'mode') === 'existing';
  const oldDeletes = c.before?.delete_on_destroy === 'true';
  switch (c.action.kind) {
    case 'create':
      return existing
        ? { item: { verb: 'referenced', subject, reason: ['an existing bucket: checked, media processing enabled, never deleted'], details: [] } }
        : { item: { verb: 'created', subject, reason: ['created (or adopted when it is yours already), media processing enabled'], details: [] } };
    case 'delete':
      if (oldDeletes) {
        return {
          item: {
            verb: 'deleted',
            subject,
            reason: [...(reason ? [...reason, '; '] : []), 'delete_on_destroy is true, so the bucket itself is deleted (COS refuses it if it is not empty)'],
            details: [],
          },
          deletes: bucket,
        };
      }
      return {
        item: {
          verb: 'removed from the stack',
          subject,
          reason: withReason([existing ? 'an existing bucket is never deleted' : 'the bucket is kept: delete_on_destroy is false'], reason),
          details: [],
        },
      };
    case 'forget':
      return { item: { verb: 'forgotten', subject, reason: ['it leaves the state without its delete step: the bucket stays'], details: [] } };
    case 'update':
      return { item: { verb: 'updated in place', subject, reason: ['no handler runs on an in-place update'], details: [] } };
    case 'replace': {
      const changes = diffTriggers(c).filter((k) => keyClass(k.key) !== 'derived');
      const details = keyChangeLines(changes);
      const deletes = oldDeletes && !c.action.forgetOld ? (c.before?.bucket ?? bucket) : undefined;
      if (deletes !== undefined) {
        details.push([
          { strong: 'the replacement deletes bucket' },
          ' ',
          code(deletes),
          ` ${c.action.createFirst ? 'after' : 'before'} the new create (the old triggers say delete_on_destroy; COS refuses it if not empty)`,
        ]);
      }
      return { item: { verb: 'replaced', subject, ...reasonField(reason), details }, ...(deletes !== undefined ? { deletes } : {}) };
    }
    default:
      return { item: { verb: c.change.actions.join(', '), subject, details: [] } };
  }
}

const OTHER_VERBS: Readonly<Record<string, string>> = {
  create: 'create',
  delete: 'delete',
  update: 'update in place',
  read: 'read',
  forget: 'forget',
};

export function otherItem(o: OtherChange): ReportItem {
  const c = o.change;
  let verb: string;
  if (o.action.kind === 'replace') verb = o.action.createFirst ? 'replace (create first)' : o.action.forgetOld ? 'replace (forget old)' : 'replace';
  else verb = OTHER_VERBS[o.action.kind] ?? `actions ${c.actions.join(', ')}`;
  const subject: Inline[] = [code(c.address), ...(c.mode === 'data' ? [' (data source)'] : [])];
  const reason = actionReasonText(c.actionReason);
  const parts: Inline[] = [...(reason ?? []), ...(o.note ? [...(reason ? ['; '] : []), ...o.note] : [])];
  return { verb, subject, ...(parts.length > 0 ? { reason: parts } : {}), details: [] };
}

/** The stack's template set has a line of its own only when it leaves the stack (each removed template has its own). */
export function templateSetItem(c: OurChange): ReportItem | undefined {
  if (c.action.kind !== 'delete' && c.action.kind !== 'forget') return undefined;
  const stack = c.before?.stack ?? '?';
  return { verb: 'removed from the stack', subject: ['the template list of stack ', code(stack)], reason: ['this step deletes no template'], details: [] };
}
