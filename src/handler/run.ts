/**
 * One handler operation, from the environment to an exit code: decode the triggers, build the context, run
 * the resource kind's create or delete, and turn expected failures into one line. Loaded by main.ts only
 * once the command is known to be `create` or `delete`, so that `--help` and usage errors start without
 * loading the client or the XML codec.
 */
import { CosMediaRequestError, TencentApiError } from '../client';
import { decodeResourceTriggers, SpecValidationError, type ResourceTriggers } from '../model';
import { createContext, type Env, type HandlerContext } from './context';
import { HandlerFailure } from './failure';
import { createMediaBucket, deleteMediaBucket } from './kinds/media-bucket';
import { createJobs, deleteJobs } from './kinds/jobs';
import { createTemplate, deleteTemplate } from './kinds/template';
import { createTemplateSet, deleteTemplateSet } from './kinds/template-set';

type Operation = (ctx: HandlerContext) => Promise<void>;
const OPERATIONS: Record<ResourceTriggers['kind'], { create: Operation; delete: Operation }> = {
  'media-bucket': { create: createMediaBucket, delete: deleteMediaBucket },
  'watermark-template': { create: createTemplate, delete: deleteTemplate },
  'video-enhance-template': { create: createTemplate, delete: deleteTemplate },
  'video-enhance-job': { create: createJobs, delete: deleteJobs },
  'video-enhance-batch': { create: createJobs, delete: deleteJobs },
  'template-set': { create: createTemplateSet, delete: deleteTemplateSet },
};

function readTriggers(env: Env): ResourceTriggers {
  const raw = env.COS_MEDIA_TRIGGERS;
  if (raw === undefined || raw === '') throw new HandlerFailure('COS_MEDIA_TRIGGERS is not set (the handler is run by Terraform)', 2);
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw new HandlerFailure('COS_MEDIA_TRIGGERS is not JSON', 2);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HandlerFailure('COS_MEDIA_TRIGGERS must be a JSON object', 2);
  }
  try {
    return decodeResourceTriggers(parsed as Record<string, unknown>);
  } catch (err) {
    throw new HandlerFailure(`COS_MEDIA_TRIGGERS: ${(err as Error).message}`, 2);
  }
}

/** One line for an expected failure: what failed, the Tencent code and request id. */
export function failureLine(err: unknown): string | undefined {
  if (err instanceof HandlerFailure) return err.message;
  if (err instanceof TencentApiError || err instanceof CosMediaRequestError || err instanceof SpecValidationError) {
    return err.message.replace(/\n\s*/g, ' ');
  }
  if (err instanceof Error && /TENCENTCLOUD_SECRET/.test(err.message)) return err.message;
  return undefined;
}

export interface HandlerIo {
  readonly env: Env;
  out(line: string): void;
  err(line: string): void;
}

/** Runs `create` or `delete` for the resource in `COS_MEDIA_TRIGGERS`; resolves to the exit code. */
export async function runOperation(command: 'create' | 'delete', io: HandlerIo): Promise<number> {
  let ctx: HandlerContext | undefined;
  try {
    const triggers = readTriggers(io.env);
    ctx = createContext(command, triggers, io.env, io.out);
    await OPERATIONS[triggers.kind][command](ctx);
    return 0;
  } catch (err) {
    const line = failureLine(err);
    if (line === undefined) {
      io.err(`cos-media-handler: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return 1;
    }
    io.err(`cos-media-handler: ${command} ${ctx?.triggers.settings.construct ?? ''}: ${line}`.replace(/ {2}/g, ' '));
    return err instanceof HandlerFailure ? err.exitCode : 1;
  } finally {
    await ctx?.close();
  }
}
