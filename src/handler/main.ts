/**
 * The apply-time handler: `node cos-media-handler.js create|delete`, run by Terraform's `local-exec`
 * provisioners. It reads only `COS_MEDIA_TRIGGERS` (the resource's triggers as JSON), the credentials
 * (`TENCENTCLOUD_SECRET_ID`, `TENCENTCLOUD_SECRET_KEY`, `TENCENTCLOUD_SECURITY_TOKEN`) and
 * `COS_MEDIA_ENDPOINT` from the environment. Exit 0 on success; otherwise one line on stderr and exit 1
 * (failed operation) or 2 (bad input). Never prints a secret.
 *
 * This file imports nothing at load: the operations (client, XML codec) are loaded by a dynamic
 * import only for `create` and `delete`, which esbuild keeps lazy in the bundle, so usage and argument
 * errors answer as fast as `node` starts (see `npm run bench`, handler start-up).
 */
import type { HandlerIo } from './run';

export type { HandlerIo } from './run';

const USAGE = 'usage: cos-media-handler create|delete   (input: COS_MEDIA_TRIGGERS, credentials and COS_MEDIA_ENDPOINT from the environment)';

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
  const { runOperation } = await import('./run');
  return runOperation(command, io);
}

/** Runs the handler as a program: arguments, streams and exit code of this process. */
export function main(): void {
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

if (require.main === module) main();
