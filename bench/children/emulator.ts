/**
 * The emulator in its own process (so it does not share a core with the client being measured), with a
 * request log for the benchmarks: every request's operation, status, whether it was a `SlowDown`, and when
 * it arrived and was answered. Driven by the parent over the IPC channel (see lib/emulator-process.ts).
 *
 * Arguments: a JSON object of `startEmulator`-like options (`secretId`, `secretKey`, `jobDurationMs`,
 * `queueMaxConcurrent`, `rateLimit`).
 */
import type { AddressInfo } from 'node:net';
import { EmulatorCore } from '../../src/emulator/core';
import { decode, parseQuery, resolveTarget } from '../../src/emulator/hosts';
import { matchRoute } from '../../src/emulator/routes';
import { createServer } from '../../src/emulator/server';
import { storeObject } from '../../src/emulator/domain/objects';

interface Options {
  secretId: string;
  secretKey: string;
  jobDurationMs?: number;
  queueMaxConcurrent?: number;
  rateLimit?: number;
}

/** One answered request: [operation, status, SlowDown ? 1 : 0, arrived ms, answered ms] (epoch ms). */
export type LoggedRequest = [string, number, 0 | 1, number, number];

export type EmulatorCommand =
  | { cmd: 'reset' }
  | { cmd: 'rateLimit'; perSecond: number | null }
  | { cmd: 'log' }
  | { cmd: 'clearLog' }
  | { cmd: 'jobs' }
  | { cmd: 'stats' }
  | { cmd: 'putObjects'; bucket: string; keys: string[] };

function operationOf(method: string, url: string, host: string | undefined): string {
  const target = resolveTarget(url, host);
  if (target.rawPath.startsWith('/_emulator')) return 'Control';
  const query = parseQuery(target.rawQuery);
  const path = decode(target.rawPath);
  if (query === undefined || path === undefined) return 'Invalid';
  const matched = matchRoute(target.kind, method, path, query);
  return 'route' in matched ? matched.route.op : 'Invalid';
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as Options;
  const core = await EmulatorCore.create({
    secretId: options.secretId,
    secretKey: options.secretKey,
    rateLimit: options.rateLimit,
    settings: {
      ...(options.jobDurationMs !== undefined ? { jobDurationMs: options.jobDurationMs } : {}),
      ...(options.queueMaxConcurrent !== undefined ? { queueMaxConcurrent: options.queueMaxConcurrent } : {}),
    },
    warn: () => undefined,
  });
  const log: LoggedRequest[] = [];
  const server = createServer(core);
  let connections = 0;
  server.on('connection', () => (connections += 1));
  server.on('request', (req, res) => {
    const arrived = Date.now();
    const op = operationOf(req.method ?? 'GET', req.url ?? '/', req.headers.host);
    if (op === 'Control') return;
    let slowDown: 0 | 1 = 0;
    const end = res.end.bind(res) as (...args: unknown[]) => typeof res;
    res.end = ((...args: unknown[]) => {
      const chunk = args[0];
      if (res.statusCode >= 400 && (typeof chunk === 'string' || Buffer.isBuffer(chunk)) && chunk.includes('<Code>SlowDown</Code>')) slowDown = 1;
      return end(...args);
    }) as typeof res.end;
    res.on('close', () => log.push([op, res.statusCode, slowDown, arrived, Date.now()]));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  process.on('message', (message: { id: number } & EmulatorCommand) => {
    const answer = async (): Promise<unknown> => {
      switch (message.cmd) {
        case 'reset':
          await core.reset();
          log.length = 0;
          return true;
        case 'rateLimit':
          core.rateLimiter.set(message.perSecond ?? undefined);
          return true;
        case 'log':
          return log;
        case 'clearLog':
          log.length = 0;
          connections = 0;
          return true;
        case 'stats': {
          const cpu = process.cpuUsage();
          return { connections, cpuMs: (cpu.user + cpu.system) / 1000, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
        }
        case 'putObjects':
          // Seeding without a request per object (for 100,000 inputs); the bucket exists already.
          for (const key of message.keys) {
            storeObject(core.store, message.bucket, key, Buffer.from(`stand-in video for ${key}`), 'video/mp4', {}, core.clock.now());
          }
          return true;
        case 'jobs': {
          const byState: Record<string, number> = {};
          const inputs = new Map<string, number>();
          for (const j of core.store.all('jobs')) {
            byState[j.state] = (byState[j.state] ?? 0) + 1;
            inputs.set(j.inputObject, (inputs.get(j.inputObject) ?? 0) + 1);
          }
          return { total: core.store.all('jobs').length, byState, duplicates: [...inputs.values()].filter((n) => n > 1).length };
        }
      }
    };
    answer().then(
      (result) => process.send?.({ id: message.id, result }),
      (err: Error) => process.send?.({ id: message.id, error: err.message }),
    );
  });
  process.on('disconnect', () => {
    core.scheduler.stop();
    server.closeAllConnections();
    server.close(() => void core.close().then(() => process.exit(0)));
  });
  process.send?.({ ready: `http://127.0.0.1:${port}` });
}

main().catch((err: Error) => {
  process.stderr.write(`bench emulator: ${err.stack ?? err.message}\n`);
  process.exit(1);
});
