/**
 * `cos-media emulator [--port N] [--host H] [--data-dir D [--repair]] [--job-duration-ms N] [--rate-limit N]`: runs the
 * emulator until SIGINT or SIGTERM. Prints its URL on the first line (`cos-media emulator listening on <url>`),
 * so scripts can read it; credentials come from TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY (optionally
 * TENCENTCLOUD_SECURITY_TOKEN) or the emulator defaults. The secret key is never printed.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_SECRET_ID, startEmulator } from './index';

/** The port `cos-media emulator` listens on without `--port`. */
export const DEFAULT_CLI_PORT = 9595;

const USAGE = `usage: cos-media emulator [--port N] [--host H] [--data-dir D [--repair]] [--job-duration-ms N] [--rate-limit N]

  --port N             port to listen on (default ${DEFAULT_CLI_PORT}; 0 = any free port)
  --host H             address to bind (default 127.0.0.1)
  --data-dir D         persist state in D (survives restarts and kill -9); default: memory only
  --repair             if D cannot be read, keep every readable record and move the rest to D/aside-<time>/
                       (without it, start-up stops naming the file and line, and changes nothing)
  --job-duration-ms N  how long a job runs (default 1000)
  --rate-limit N       requests per second per bucket before SlowDown (default: unlimited)

Credentials: TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY, else ${DEFAULT_SECRET_ID} / cos-media-emulator-secret.
With TENCENTCLOUD_SECURITY_TOKEN set, requests must carry that token.
`;

export interface EmulatorCommandIo {
  readonly out?: (text: string) => void;
  readonly err?: (text: string) => void;
  /** Stops the emulator when aborted (besides SIGINT / SIGTERM). */
  readonly signal?: AbortSignal;
}

export async function runEmulatorCommand(args: readonly string[], io: EmulatorCommandIo = {}): Promise<number> {
  const out = io.out ?? ((t: string) => void process.stdout.write(t));
  const err = io.err ?? ((t: string) => void process.stderr.write(t));
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        repair: { type: 'boolean' },
        'job-duration-ms': { type: 'string' },
        'rate-limit': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    err(`cos-media emulator: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const problems: string[] = [];
  const int = (name: string, min: number, max: number): number | undefined => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    if (typeof raw !== 'string' || !/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`--${name} must be an integer in [${min}, ${max}], got ${JSON.stringify(raw)}`);
      return undefined;
    }
    return Number(raw);
  };
  const port = int('port', 0, 65535) ?? DEFAULT_CLI_PORT;
  const jobDurationMs = int('job-duration-ms', 0, 86_400_000);
  const rateLimit = int('rate-limit', 1, 1_000_000);
  if (values.repair && values['data-dir'] === undefined) problems.push('--repair needs --data-dir');
  if (problems.length > 0) {
    err(`cos-media emulator: ${problems.join('; ')}\n`);
    return 2;
  }

  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  try {
    emulator = await startEmulator({
      port,
      host: values.host as string | undefined,
      dataDir: values['data-dir'] as string | undefined,
      repair: values.repair === true,
      jobDurationMs,
      rateLimit,
      sessionToken: process.env.TENCENTCLOUD_SECURITY_TOKEN || undefined,
      warn: (m) => err(`cos-media emulator: ${m}\n`),
    });
  } catch (e) {
    err(`cos-media emulator: cannot start: ${(e as Error).message}\n`);
    return 1;
  }
  out(`cos-media emulator listening on ${emulator.url}\n`);
  out(`  secret id: ${emulator.secretId}${values['data-dir'] ? `; data dir: ${String(values['data-dir'])}` : '; memory only'}\n`);
  out(`  control API: ${emulator.url}/_emulator/state (stop with Ctrl-C)\n`);

  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      io.signal?.removeEventListener('abort', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener('abort', stop);
  });
  await emulator.stop();
  out('cos-media emulator stopped\n');
  return 0;
}
