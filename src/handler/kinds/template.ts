/**
 * `watermark-template` and `video-enhance-template`: the name is the identity. Create finds by name first:
 * an identical template is adopted, a different one is taken over only when the construct allows it.
 * Delete by name; a missing template is success.
 */
import { TencentApiError, UnknownOutcomeError } from '../../client';
import { canonicalize, type TemplateDetail, type TemplateRequest, type XmlObject } from '../../model';
import { setting, type HandlerContext } from '../context';
import { HandlerFailure } from '../failure';
import { writeResult } from '../results';

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
  let found = await client.findTemplateByName({ bucket, name });
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
  } else if (setting(ctx, 'take_over') === 'true') {
    found = await client.updateTemplate({ bucket, templateId: found.TemplateId, template: wanted });
    action = 'taken over and updated';
  } else {
    throw new HandlerFailure(
      `template ${JSON.stringify(name)} exists in ${bucket} (${found.TemplateId}) with a different spec; ` +
        'rename this template or set takeOver: true to update that one',
    );
  }
  if (!sameTemplate(wanted, found)) {
    throw new HandlerFailure(`template ${JSON.stringify(name)} in ${bucket} does not hold the spec that was sent (${found.TemplateId})`);
  }
  ctx.log(`template ${name}: ${action} [${found.TemplateId}]`);
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

export async function deleteTemplate(ctx: HandlerContext): Promise<void> {
  const bucket = setting(ctx, 'bucket');
  const client = ctx.client(setting(ctx, 'region'));
  const name = request(ctx).Name;
  const found = await client.findTemplateByName({ bucket, name });
  if (found === undefined) {
    ctx.log(`template ${name}: gone already`);
    return;
  }
  try {
    await client.deleteTemplate({ bucket, templateId: found.TemplateId });
  } catch (err) {
    if (!(err instanceof TencentApiError && err.code === 'TemplateNotFound')) throw err;
  }
  ctx.log(`template ${name}: deleted [${found.TemplateId}]`);
}
