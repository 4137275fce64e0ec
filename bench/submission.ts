/**
 * 3. Submission: N jobs to the emulator through our batch handler (the real bundled handler, `wait: false`)
 * vs a straightforward cos-nodejs-sdk-v5 script submitting the same N jobs with the same concurrency. Both are
 * timed from spawn to exit (what a pipeline waits for), each round on a freshly seeded emulator in its own
 * process. Ours does more requests per job (ledger intent, POST, ledger record): the request counts are
 * printed beside the times.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchContext } from './lib/context';
import { childScript, lastJsonLine, runNodeOk } from './lib/children';
import { BUCKET, countByOperation, EmulatorProcess, inputKeys, REGION, SECRET_ID, SECRET_KEY } from './lib/emulator-process';
import { runHandler, synthBatch } from './lib/handler-run';
import { measured, type Row } from './lib/report';
import { median, round } from './lib/stats';

export const SUBMIT_CONCURRENCY = 8;

export async function benchSubmission(ctx: BenchContext): Promise<Row[]> {
  const jobs = ctx.quick ? 300 : 1000;
  const rounds = 5;
  const inputs = inputKeys(jobs);
  const batch = synthBatch({ inputs, concurrency: SUBMIT_CONCURRENCY, requestsPerSecond: 1000, wait: false });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-bench-sdk-'));
  const inputsFile = path.join(tmp, 'inputs.json');
  fs.writeFileSync(inputsFile, JSON.stringify(inputs));
  const sdkScript = await childScript('sdk-jobs');
  // Jobs never finish during the benchmark: only submission is measured.
  const emulator = await EmulatorProcess.start({ jobDurationMs: 3_600_000 });
  const times = { ours: [] as number[], sdk: [] as number[] };
  const cpu = { ours: [] as number[], sdk: [] as number[], emulatorOurs: [] as number[], emulatorSdk: [] as number[] };
  let oursRequests: Record<string, { total: number; slowDown: number }> = {};
  let sdkRequests: Record<string, { total: number; slowDown: number }> = {};
  try {
    const runOurs = async (nodeArgs: string[] = []): Promise<number> => {
      await emulator.seed(inputs);
      const before = (await emulator.stats()).cpuMs;
      const r = await runHandler(batch, emulator.url, { nodeArgs, measureCpu: true });
      await check(emulator, jobs, 'ours');
      oursRequests = countByOperation(await emulator.log());
      cpu.ours.push(r.cpuMs ?? NaN);
      cpu.emulatorOurs.push((await emulator.stats()).cpuMs - before);
      return r.wallMs;
    };
    const runSdk = async (nodeArgs: string[] = []): Promise<number> => {
      await emulator.seed(inputs);
      const arg = {
        url: emulator.url,
        secretId: SECRET_ID,
        secretKey: SECRET_KEY,
        bucket: BUCKET,
        region: REGION,
        inputsFile,
        xmlTemplate: batch.jobXml('{{INPUT}}'),
        concurrency: SUBMIT_CONCURRENCY,
      };
      const before = (await emulator.stats()).cpuMs;
      const r = await runNodeOk([sdkScript, JSON.stringify(arg)], { nodeArgs, measureCpu: true });
      cpu.sdk.push(r.cpuMs ?? NaN);
      cpu.emulatorSdk.push((await emulator.stats()).cpuMs - before);
      const out = lastJsonLine<{ submitted: number; failed: number }>(r.stdout);
      if (out.failed > 0) throw new Error(`bench: the SDK script failed ${out.failed} submissions`);
      await check(emulator, jobs, 'sdk');
      sdkRequests = countByOperation(await emulator.log());
      return r.wallMs;
    };
    // One warm-up of each, then rounds in alternating order.
    await runOurs();
    await runSdk();
    for (let i = 0; i < rounds; i++) {
      const order = i % 2 === 0 ? [runOurs, runSdk] : [runSdk, runOurs];
      for (const run of order) {
        const ms = await run([]);
        (run === runOurs ? times.ours : times.sdk).push(ms);
      }
      ctx.log(`  submission round ${i + 1}/${rounds}: ours ${Math.round(times.ours[i] as number)} ms, sdk ${Math.round(times.sdk[i] as number)} ms`);
    }
    if (ctx.profileDir) {
      await runOurs(['--cpu-prof', `--cpu-prof-dir=${path.join(ctx.profileDir, 'submission-handler')}`]);
      await runSdk(['--cpu-prof', `--cpu-prof-dir=${path.join(ctx.profileDir, 'submission-sdk')}`]);
    }
  } finally {
    await emulator.stop();
    batch.remove();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const total = (c: Record<string, { total: number }>): number => Object.values(c).reduce((n, v) => n + v.total, 0);
  const ours = median(times.ours);
  const sdk = median(times.sdk);
  return [
    {
      name: `submit ${jobs} jobs (concurrency ${SUBMIT_CONCURRENCY}): handler vs SDK script`,
      ours: measured(times.ours, 'ms', median),
      baseline: measured(times.sdk, 'ms', median),
      ratio: ours / sdk,
      goal: { op: '<=', value: 0.7, label: '≤ 0.7×' },
      notes: [
        `wall time from spawn to exit; requests per job: ours ${round(total(oursRequests) / jobs, 2)}, SDK ${round(total(sdkRequests) / jobs, 2)}; ` +
          `CPU (median): handler ${Math.round(median(cpu.ours))} ms vs SDK script ${Math.round(median(cpu.sdk))} ms, ` +
          `emulator ${Math.round(median(cpu.emulatorOurs))} ms vs ${Math.round(median(cpu.emulatorSdk))} ms`,
      ],
      details: {
        jobs,
        concurrency: SUBMIT_CONCURRENCY,
        oursRequests,
        sdkRequests,
        oursJobsPerSecond: round((jobs / ours) * 1000, 1),
        sdkJobsPerSecond: round((jobs / sdk) * 1000, 1),
        cpuMs: {
          handler: measured(cpu.ours, 'ms', median),
          sdkScript: measured(cpu.sdk, 'ms', median),
          emulatorForHandler: measured(cpu.emulatorOurs, 'ms', median),
          emulatorForSdk: measured(cpu.emulatorSdk, 'ms', median),
        },
      },
    },
  ];
}

/** Exactly one job per input, or the run does not count. */
async function check(emulator: EmulatorProcess, jobs: number, who: string): Promise<void> {
  const counts = await emulator.jobs();
  if (counts.total !== jobs || counts.duplicates !== 0) {
    throw new Error(`bench: ${who} left ${counts.total} jobs (${counts.duplicates} inputs duplicated), expected ${jobs}`);
  }
}
