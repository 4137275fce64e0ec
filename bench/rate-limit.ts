/**
 * 5. Rate limit: the emulator allows 50 requests per second per bucket (a token bucket holding one second's
 * worth; over budget it answers `SlowDown`). Our handler runs an N-job batch with `requestsPerSecond` far
 * above that, and should use the allowed rate without hammering the service; the SDK script (same jobs,
 * same concurrency, its own retry policy) shows what a straightforward script does.
 *
 * Definitions, from the emulator's request log:
 * - accepted: requests not answered SlowDown; the window runs from the first request's arrival to the last
 *   answer; allowed = 50/s × window + 50 (the budget is full at the start).
 * - utilisation = accepted ÷ allowed.
 * - a SlowDown is *repeated* when its request reached the service after an earlier SlowDown had been answered
 *   and less than one second (the time the budget takes to refill) after that answer: the client had been
 *   told to slow down and did not slow down enough. A request already on its way when the previous SlowDown
 *   was answered could not have known. The first SlowDown after a quiet second is the signal a limiter needs.
 *   wasted = repeated SlowDowns.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LoggedRequest } from './children/emulator';
import type { BenchContext } from './lib/context';
import { childScript, lastJsonLine, runNodeOk } from './lib/children';
import { BUCKET, EmulatorProcess, inputKeys, REGION, SECRET_ID, SECRET_KEY } from './lib/emulator-process';
import { runHandler, synthBatch } from './lib/handler-run';
import { measured, type Row } from './lib/report';
import { round } from './lib/stats';

export const ALLOWED_RATE = 50;
const CONFIGURED_RATE = 200;
const REPEAT_WINDOW_MS = 1000;

export interface RateFigures {
  readonly requests: number;
  readonly accepted: number;
  readonly slowDowns: number;
  readonly repeated: number;
  readonly windowMs: number;
  readonly acceptedPerSecond: number;
  readonly utilisation: number;
  /** Every SlowDown: operation, ms from the first request to its arrival and to its answer, repeated? */
  readonly slowDownLog: readonly (readonly [string, number, number, boolean])[];
}

export function rateFigures(log: readonly LoggedRequest[], allowed: number): RateFigures {
  const sorted = [...log].sort((a, b) => a[3] - b[3]);
  const first = sorted[0]?.[3] ?? 0;
  const last = Math.max(...sorted.map((r) => r[4]));
  const windowMs = Math.max(1, last - first);
  let lastAnswered = -Infinity;
  let slowDowns = 0;
  let repeated = 0;
  const slowDownLog: [string, number, number, boolean][] = [];
  for (const [op, , slow, arrived, answered] of sorted) {
    if (!slow) continue;
    slowDowns += 1;
    const isRepeated = arrived > lastAnswered && arrived - lastAnswered < REPEAT_WINDOW_MS;
    if (isRepeated) repeated += 1;
    slowDownLog.push([op, arrived - first, answered - first, isRepeated]);
    lastAnswered = Math.max(lastAnswered, answered);
  }
  const accepted = log.length - slowDowns;
  return {
    requests: log.length,
    accepted,
    slowDowns,
    repeated,
    windowMs,
    acceptedPerSecond: (accepted / windowMs) * 1000,
    utilisation: accepted / ((allowed * windowMs) / 1000 + allowed),
    slowDownLog,
  };
}

export async function benchRateLimit(ctx: BenchContext): Promise<Row[]> {
  const jobs = ctx.quick ? 400 : 1000;
  const inputs = inputKeys(jobs);
  const batch = synthBatch({ inputs, concurrency: 8, requestsPerSecond: CONFIGURED_RATE, wait: false });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-bench-rate-'));
  const inputsFile = path.join(tmp, 'inputs.json');
  fs.writeFileSync(inputsFile, JSON.stringify(inputs));
  const sdkScript = await childScript('sdk-jobs');
  const emulator = await EmulatorProcess.start({ jobDurationMs: 3_600_000 });
  let ours: RateFigures;
  let sdk: RateFigures;
  let sdkFailed = 0;
  try {
    await emulator.seed(inputs);
    await emulator.rateLimit(ALLOWED_RATE);
    await runHandler(batch, emulator.url);
    ours = rateFigures(await emulator.log(), ALLOWED_RATE);
    const oursJobs = await emulator.jobs();
    if (oursJobs.total !== jobs || oursJobs.duplicates > 0) throw new Error(`bench: ours left ${oursJobs.total} jobs for ${jobs} inputs`);
    ctx.log(`  rate limit, ours: ${JSON.stringify(roundAll(ours))}`);

    await emulator.rateLimit(null);
    await emulator.seed(inputs);
    await emulator.rateLimit(ALLOWED_RATE);
    const arg = { url: emulator.url, secretId: SECRET_ID, secretKey: SECRET_KEY, bucket: BUCKET, region: REGION, inputsFile, xmlTemplate: batch.jobXml('{{INPUT}}'), concurrency: 8 };
    sdkFailed = lastJsonLine<{ failed: number }>((await runNodeOk([sdkScript, JSON.stringify(arg)])).stdout).failed;
    sdk = rateFigures(await emulator.log(), ALLOWED_RATE);
    ctx.log(`  rate limit, SDK: ${JSON.stringify(roundAll(sdk))}, ${sdkFailed} submissions failed`);
  } finally {
    await emulator.stop();
    batch.remove();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return [
    {
      name: `rate limit ${ALLOWED_RATE}/s, ${jobs} jobs: accepted request rate vs allowed`,
      ours: measured([ours.acceptedPerSecond], 'req/s', (s) => s[0] as number),
      baseline: measured([ALLOWED_RATE], 'req/s', (s) => s[0] as number),
      ratio: ours.utilisation,
      ratioLabel: `${(ours.utilisation * 100).toFixed(1)} %`,
      goal: { op: '>=', value: 0.9, label: '≥ 90 %' },
      notes: [
        `utilisation = accepted ÷ (${ALLOWED_RATE}/s × window + ${ALLOWED_RATE} initial budget); handler configured for ${CONFIGURED_RATE}/s; ` +
          `ours ${ours.accepted} accepted in ${round(ours.windowMs / 1000, 1)} s, ${ours.slowDowns} SlowDown`,
      ],
      details: { ours, sdk: { ...sdk, slowDownLog: sdk.slowDownLog.slice(0, 20) } },
    },
    {
      name: `rate limit ${ALLOWED_RATE}/s, ${jobs} jobs: requests wasted on repeated SlowDown, handler vs SDK script`,
      ours: measured([ours.repeated], 'req', (s) => s[0] as number),
      baseline: measured([sdk.repeated], 'req', (s) => s[0] as number),
      ratio: NaN,
      ratioLabel: '-',
      goal: { op: '<=', value: 0, label: 'ours = 0', of: 'ours' },
      notes: [
        `repeated = a SlowDown to a request sent after an earlier SlowDown was answered, within ${REPEAT_WINDOW_MS} ms of it; ` +
          `SlowDowns in all: ours ${ours.slowDowns} of ${ours.requests} requests, ` +
          `SDK ${sdk.slowDowns} of ${sdk.requests} (SDK utilisation ${(sdk.utilisation * 100).toFixed(1)} %, ${sdkFailed} submissions failed)`,
      ],
    },
  ];
}

function roundAll(f: RateFigures): Record<string, number> {
  const { slowDownLog: _log, ...figures } = f;
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, round(v, 3)]));
}
