/**
 * The apply-time handler: `node cos-media-handler.js create|delete`, run by Terraform's `local-exec`
 * provisioners. It reads only `COS_MEDIA_TRIGGERS` (the resource's triggers as JSON), the credentials
 * (`TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`, `TENCENTCLOUD_SECURITY_TOKEN`) and
 * `COS_MEDIA_ENDPOINT` from the environment. Exit 0 on success; otherwise one line on stderr and exit 1
 * (failed operation) or 2 (bad input). Never prints a secret.
 */
import { CosMediaRequestError, TencentApiError } from '../client';
import { decodeResourceTriggers, SpecValidationError, type ResourceTriggers } from '../model';
import { createContext, type Env, type HandlerContext } from './context';
import { HandlerFailure } from './failure';
import { createMediaBucket, deleteMediaBucket } from './kinds/media-bucket';
import { createJobs, deleteJobs } from './kinds/jobs';
import { createTemplate, deleteTemplate } from './kinds/template';

const USAGE = 'usage: cos-media-handler create|delete   (input: COS_MEDIA_TRIGGERS, credentials and COS_MEDIA_ENDPOINT from the environment)';

type Operation = (ctx: HandlerContext) => Promise<void>;
const OPERATIONS: Record<ResourceTriggers['kind'], { create: Operation; delete: Operation }> = {
  'media-bucket': { create: createMediaBucket, delete: deleteMediaBucket },
  'watermark-template': { create: createTemplate, delete: deleteTemplate },
  'video-enhance-template': { create: createTemplate, delete: deleteTemplate },
  'video-enhance-job': { create: createJobs, delete: deleteJobs },
  'video-enhance-batch': { create: createJobs, delete: deleteJobs },
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

export async function runHandler(argv: readonly string[], io: HandlerIo): Promise<number> {
  const [command, ...extra] = argv;
  if (command === '--help' || command === '-h' || command === undefined) {
    io.out(USAGE);
    return command === undefined ? 2 : 0;
  }
  if ((command !== 'create' && command !== 'delete') || extra.length > 0) {
    io.err(`cos-media-handler: unknown command ${JSON.stringify(argv.join(' '))}; ${USAGE}`);
    return 2;
  }
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

if (require.main === module) {
  runHandler(process.argv.slice(2), {
    env: process.env,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`cos-media-handler: ${String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
