/**
 * 4. Waiting: requests spent per completed job while waiting for a batch of N jobs: our handler (multi-id
 * `GET /jobs/<id>,<id>,…` describes, 50 ids each) vs the SDK script describing each unfinished job with its
 * own request every round. Both submit the same jobs, then poll with the same schedule (first interval
 * 100 ms, ×1.5 per round, at most 500 ms) until every job ended; the emulator runs 100 jobs at a time,
 * 1 s each, so most of the batch is still waiting when submission ends. Counted at the emulator: every `GET /jobs/…` request.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchContext } from './lib/context';
import { childScript, lastJsonLine, runNodeOk } from './lib/children';
import { BUCKET, EmulatorProcess, inputKeys, REGION, SECRET_ID, SECRET_KEY } from './lib/emulator-process';
import { runHandler, synthBatch } from './lib/handler-run';
import { measured, type Row } from './lib/report';
import { median, round } from './lib/stats';

const POLL = { pollIntervalMs: 100, pollMaxIntervalMs: 500 };

export async function benchWaiting(ctx: BenchContext): Promise<Row[]> {
  const jobs = ctx.quick ? 200 : 500;
  const rounds = ctx.quick ? 1 : 3;
  const inputs = inputKeys(jobs);
  const batch = synthBatch({ inputs, concurrency: 8, requestsPerSecond: 1000, wait: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-bench-wait-'));
  const inputsFile = path.join(tmp, 'inputs.json');
  fs.writeFileSync(inputsFile, JSON.stringify(inputs));
  const sdkScript = await childScript('sdk-jobs');
  const emulator = await EmulatorProcess.start({ jobDurationMs: 1000, queueMaxConcurrent: 100 });
  const perJob = { ours: [] as number[], sdk: [] as number[] };
  const describes = async (): Promise<number> => (await emulator.log()).filter(([op]) => op === 'DescribeMediaJob').length;
  const finished = async (who: string): Promise<void> => {
    const counts = await emulator.jobs();
    if (counts.byState.Success !== jobs) throw new Error(`bench: ${who} waited until ${JSON.stringify(counts.byState)}, expected ${jobs} Success`);
  };
  try {
    for (let i = 0; i < rounds; i++) {
      await emulator.seed(inputs);
      await runHandler(batch, emulator.url, POLL);
      await finished('ours');
      perJob.ours.push((await describes()) / jobs);

      await emulator.seed(inputs);
      const arg = {
        url: emulator.url,
        secretId: SECRET_ID,
        secretKey: SECRET_KEY,
        bucket: BUCKET,
        region: REGION,
        inputsFile,
        xmlTemplate: batch.jobXml('{{INPUT}}'),
        concurrency: 8,
        wait: true,
        ...POLL,
      };
      const out = lastJsonLine<{ rounds: number }>((await runNodeOk([sdkScript, JSON.stringify(arg)])).stdout);
      await finished('sdk');
      perJob.sdk.push((await describes()) / jobs);
      ctx.log(`  waiting round ${i + 1}/${rounds}: ours ${round(perJob.ours[i] as number, 3)}, SDK ${round(perJob.sdk[i] as number, 3)} describes per job (${out.rounds} SDK polling rounds)`);
    }
  } finally {
    await emulator.stop();
    batch.remove();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return [
    {
      name: `waiting on ${jobs} jobs: describe requests per completed job`,
      ours: measured(perJob.ours, 'req/job', median),
      baseline: measured(perJob.sdk, 'req/job', median),
      ratio: median(perJob.ours) / median(perJob.sdk),
      goal: { op: '<=', value: 0.1, label: '≤ 0.1×' },
      notes: ['GET /jobs/… requests counted at the emulator ÷ jobs; same poll schedule on both sides'],
    },
  ];
}
