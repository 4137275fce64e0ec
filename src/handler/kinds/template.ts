/**
 * `watermark-template` and `video-enhance-template`: the name is the identity. Create finds by name first:
 * an identical template is adopted; a different one is updated in place (same TemplateId) when it is this
 * construct's own (see template-owner.ts) or the construct allows a take-over, and refused otherwise.
 * Template resources are `create_before_destroy`, so a changed template is one create (an update in place)
 * and Terraform drops the replaced object without running its delete. Delete by name, and only while the
 * template still holds the spec being destroyed: a replaced object's delete (should any engine run it, or
 * an apply racing another) never removes the template its replacement updated. Missing is success.
 */
import { TencentApiError, UnknownOutcomeError } from '../../client';
import { canonicalize, type TemplateDetail, type TemplateRequest, type XmlObject } from '../../model';
import { setting, type HandlerContext } from '../context';
import { HandlerFailure } from '../failure';
import { writeResult } from '../results';
import { deleteTemplateOwner, readTemplateOwner, writeTemplateOwner } from '../template-owner';
import { derivedTemplateName } from '../../model';

function request(ctx: HandlerContext): TemplateRequest {
  return ctx.triggers.spec as unknown as TemplateRequest;
}

/** The type container of a template (`Watermark` or `VideoEnhance`), canonical, for comparison. */
function body(tag: string, t: TemplateDetail | TemplateRequest): string {
  const container = (t as unknown as Record<string, unknown>)[tag];
  return JSON.stringify(canonicalize((container ?? {}) as XmlObject));
}

export function sameTemplate(wanted: TemplateRequest, found: TemplateDetail): boolean {
  return found.Tag === wanted.Tag && body(wanted.Tag, wanted) === body(wanted.Tag, found);
}

export async function createTemplate(ctx: HandlerContext): Promise<void> {
  const bucket = setting(ctx, 'bucket');
  const client = ctx.client(setting(ctx, 'region'));
  const wanted = request(ctx);
  const name = wanted.Name;
  const construct = setting(ctx, 'construct');
  const [owner, existing] = await Promise.all([readTemplateOwner(client, bucket, construct), client.findTemplateByName({ bucket, name })]);
  let found = existing;
  let action: string;
  if (found === undefined) {
    try {
      found = await client.createTemplate({ bucket, template: wanted });
      action = 'created';
    } catch (err) {
      if (!(err instanceof UnknownOutcomeError)) throw err;
      // The create may have happened: look for it by name before anything else.
      found = await client.findTemplateByName({ bucket, name });
      if (found === undefined) throw err;
      action = 'created (confirmed after an unknown outcome)';
    }
  } else if (sameTemplate(wanted, found)) {
    action = 'adopted (identical template existed)';
  } else {
    // Ours: the template this construct made or adopted (its owner record), or, with no record (made by an
    // earlier version of this library), a template under the name derived from this construct's path.
    const ours = owner !== undefined ? owner.name === name && owner.templateId === found.TemplateId : name === derivedTemplateName(construct);
    if (!ours && setting(ctx, 'take_over') !== 'true') {
      throw new HandlerFailure(
        `template ${JSON.stringify(name)} exists in ${bucket} (${found.TemplateId}) with a different spec; ` +
          'rename this template or set takeOver: true to update that one',
      );
    }
    found = await client.updateTemplate({ bucket, templateId: found.TemplateId, template: wanted });
    action = ours ? 'updated in place' : 'taken over and updated';
  }
  if (!sameTemplate(wanted, found)) {
    throw new HandlerFailure(`template ${JSON.stringify(name)} in ${bucket} does not hold the spec that was sent (${found.TemplateId})`);
  }
  await writeTemplateOwner(client, bucket, { name, construct, templateId: found.TemplateId, specSha256: ctx.triggers.specSha256 });
  ctx.log(`template ${name}: ${action} [${found.TemplateId}]`);
  if (owner !== undefined && owner.name !== name) await removeRenamed(ctx, bucket, owner.name, owner.templateId);
  writeResult(
    {
      construct: setting(ctx, 'construct'),
      kind: ctx.triggers.kind,
      operation: 'create',
      updatedAt: new Date(ctx.now()).toISOString(),
      bucket,
      templateId: found.TemplateId,
      templateName: name,
    },
    ctx.resultsDir,
  );
}

/** The template this construct had under its old name: the replaced object's delete does not run, so remove it here. */
async function removeRenamed(ctx: HandlerContext, bucket: string, oldName: string, templateId: string): Promise<void> {
  const client = ctx.client(setting(ctx, 'region'));
  const old = await client.findTemplateByName({ bucket, name: oldName });
  if (old === undefined || old.TemplateId !== templateId) return;
  try {
    await client.deleteTemplate({ bucket, templateId });
  } catch (err) {
    if (!(err instanceof TencentApiError && err.code === 'TemplateNotFound')) throw err;
  }
  ctx.log(`template ${oldName}: deleted [${templateId}] (renamed to ${request(ctx).Name})`);
}

export async function deleteTemplate(ctx: HandlerContext): Promise<void> {
  const bucket = setting(ctx, 'bucket');
  const client = ctx.client(setting(ctx, 'region'));
  const wanted = request(ctx);
  const name = wanted.Name;
  const found = await client.findTemplateByName({ bucket, name });
  if (found === undefined) {
    ctx.log(`template ${name}: gone already`);
    await forgetOwner(ctx, bucket, name);
    return;
  }
  if (!sameTemplate(wanted, found)) {
    // Updated by a later apply (this object was replaced), or edited outside this stack: not ours to remove.
    ctx.log(`template ${name}: left in place [${found.TemplateId}]: it holds another spec than the one being destroyed`);
    return;
  }
  try {
    await client.deleteTemplate({ bucket, templateId: found.TemplateId });
  } catch (err) {
    if (!(err instanceof TencentApiError && err.code === 'TemplateNotFound')) throw err;
  }
  await forgetOwner(ctx, bucket, name);
  ctx.log(`template ${name}: deleted [${found.TemplateId}]`);
}

/** Removes the construct's owner record, unless it already names another template (a renamed replacement's). */
async function forgetOwner(ctx: HandlerContext, bucket: string, name: string): Promise<void> {
  const client = ctx.client(setting(ctx, 'region'));
  const construct = setting(ctx, 'construct');
  const owner = await readTemplateOwner(client, bucket, construct);
  if (owner !== undefined && owner.name === name) await deleteTemplateOwner(client, bucket, construct);
}
