/**
 * 5. Scale: one `VideoEnhanceBatch` of N inputs (the documented limit is 100,000), listed (a manifest shipped
 * in the stack) and by prefix (listed at apply time), submitted by the real bundled handler against the
 * emulator (in its own process, rate limit off; jobs of 1 ms, 100 at a time per queue, so the queue never holds
 * the 10,000 waiting jobs a CI queue takes at most), at a small and a
 * large N. Per N: submission time per 1,000 inputs, the handler's and the emulator's peak RSS, requests per
 * job, and a re-apply after the state was lost (the same create again: it must adopt every job from the
 * ledger and submit none). Linear means the time per 1,000 inputs is the same at both sizes.
 *
 * Heavy at full size (100,000 inputs, about as many requests); `--quick` runs 1,000 and 2,000, listed only.
 * `COS_MEDIA_BENCH_SCALE=small,large[,listed|prefix]` chooses other sizes (and one kind), e.g. to look at
 * 10,000 without running 100,000.
 */
import type { BenchContext } from './lib/context';
import { EmulatorProcess, countByOperation, inputKeys } from './lib/emulator-process';
import { runHandler, synthBatch } from './lib/handler-run';
import { measured, type Row } from './lib/report';
import { round } from './lib/stats';

const CONCURRENCY = 16;
/** The handler's peak RSS goal at 100,000 inputs: 300 MB, in MiB. */
const GOAL_RSS_MIB = (300 * 1e6) / 2 ** 20;

interface Figures {
  readonly n: number;
  readonly submitMs: number;
  readonly submitCpuMs: number;
  readonly handlerRssMiB: number;
  readonly requestsPerJob: number;
  readonly reapplyMs: number;
  readonly reapplyCpuMs: number;
  readonly reapplyRssMiB: number;
  readonly reapplyRequests: number;
  readonly emulatorRssMiB: number;
}

async function measure(ctx: BenchContext, n: number, how: 'listed' | 'prefix'): Promise<Figures> {
  const inputs = inputKeys(n);
  const emulator = await EmulatorProcess.start({ jobDurationMs: 1, queueMaxConcurrent: 100 });
  const batch = synthBatch({
    inputs: how === 'listed' ? inputs : [],
    ...(how === 'prefix' ? { inputPrefix: 'in/' } : {}),
    concurrency: CONCURRENCY,
    requestsPerSecond: 1000,
    wait: false,
  });
  try {
    await emulator.seedMany(inputs);
    const submit = await runHandler(batch, emulator.url, { measureCpu: true });
    const jobs = await emulator.jobs();
    if (jobs.total !== n || jobs.duplicates !== 0) throw new Error(`bench: ${n} ${how} inputs left ${jobs.total} jobs (${jobs.duplicates} duplicated)`);
    const requests = Object.values(countByOperation(await emulator.log())).reduce((a, v) => a + v.total, 0);
    await emulator.clearLog();
    // The state was lost: Terraform runs the create again; every job must come from the ledger.
    const reapply = await runHandler(batch, emulator.url, { measureCpu: true });
    const after = await emulator.jobs();
    if (after.total !== n) throw new Error(`bench: the re-apply of ${n} ${how} inputs submitted ${after.total - n} jobs`);
    const reapplyRequests = Object.values(countByOperation(await emulator.log())).reduce((a, v) => a + v.total, 0);
    const stats = await emulator.stats();
    const f: Figures = {
      n,
      submitMs: submit.wallMs,
      submitCpuMs: submit.cpuMs ?? NaN,
      handlerRssMiB: submit.maxRssMiB ?? NaN,
      requestsPerJob: requests / n,
      reapplyMs: reapply.wallMs,
      reapplyCpuMs: reapply.cpuMs ?? NaN,
      reapplyRssMiB: reapply.maxRssMiB ?? NaN,
      reapplyRequests,
      emulatorRssMiB: stats.maxRssMiB,
    };
    ctx.log(
      `  ${n} inputs (${how}): submitted in ${Math.round(f.submitMs)} ms (${round((f.submitMs / n) * 1000, 0)} ms per 1,000, handler CPU ${Math.round(f.submitCpuMs)} ms, ` +
        `${Math.round(f.handlerRssMiB)} MiB), ${round(f.requestsPerJob, 3)} requests per job; lost-state re-apply ${Math.round(f.reapplyMs)} ms ` +
        `(CPU ${Math.round(f.reapplyCpuMs)} ms, ${reapplyRequests} requests, 0 jobs); emulator peak ${Math.round(f.emulatorRssMiB)} MiB`,
    );
    return f;
  } finally {
    await emulator.stop();
    batch.remove();
  }
}

export async function benchScale(ctx: BenchContext): Promise<Row[]> {
  const override = process.env.COS_MEDIA_BENCH_SCALE?.split(',');
  const [small, large] = override ? [Number(override[0]), Number(override[1])] : ctx.quick ? [1_000, 2_000] : [10_000, 100_000];
  const only = override?.[2] as 'listed' | 'prefix' | undefined;
  const kinds: Array<'listed' | 'prefix'> = only ? [only] : ctx.quick ? ['listed'] : ['listed', 'prefix'];
  if (!(small > 0 && (large as number) > 0)) throw new Error('bench: COS_MEDIA_BENCH_SCALE must be small,large[,listed|prefix]');
  const rows: Row[] = [];
  for (const how of kinds) {
    const a = await measure(ctx, small, how);
    const b = await measure(ctx, large as number, how);
    const perK = (f: Figures): number => (f.submitMs / f.n) * 1000;
    rows.push(
      {
        name: `batch of ${(large as number).toLocaleString('en-US')} inputs (${how}): submission time per 1,000 inputs vs at ${small.toLocaleString('en-US')}`,
        ours: measured([perK(b)], 'ms', (s) => s[0] as number),
        baseline: measured([perK(a)], 'ms', (s) => s[0] as number),
        ratio: perK(b) / perK(a),
        goal: { op: '<=', value: 1.2, label: '≤ 1.2×' },
        notes: [
          `one run each (heavy), concurrency ${CONCURRENCY}, emulator rate limit off; submission ${round(b.submitMs / 1000, 1)} s vs ${round(a.submitMs / 1000, 1)} s, ` +
            `handler CPU ${round(b.submitCpuMs / 1000, 1)} s vs ${round(a.submitCpuMs / 1000, 1)} s; requests per job ${round(b.requestsPerJob, 3)} vs ${round(a.requestsPerJob, 3)}; ` +
            `lost-state re-apply (0 jobs submitted) ${round(b.reapplyMs / 1000, 1)} s (CPU ${round(b.reapplyCpuMs / 1000, 1)} s) with ${b.reapplyRequests} requests ` +
            `vs ${round(a.reapplyMs / 1000, 1)} s (CPU ${round(a.reapplyCpuMs / 1000, 1)} s) with ${a.reapplyRequests}`,
        ],
        details: { [small]: a, [large]: b },
      },
      {
        name: `batch of ${(large as number).toLocaleString('en-US')} inputs (${how}): handler peak RSS vs at ${small.toLocaleString('en-US')}`,
        ours: measured([b.handlerRssMiB], 'MiB', (s) => s[0] as number),
        baseline: measured([a.handlerRssMiB], 'MiB', (s) => s[0] as number),
        ratio: b.handlerRssMiB / a.handlerRssMiB,
        ratioLabel: `${Math.round(b.handlerRssMiB)} MiB`,
        // The goal is 300 MB (10^6 bytes); RSS is measured in MiB, and 300 MB is 286.1 MiB.
        goal: { op: '<=', value: GOAL_RSS_MIB, of: 'ours', label: '≤ 300 MB (286 MiB)' },
        notes: [
          `re-apply peak ${Math.round(b.reapplyRssMiB)} MiB vs ${Math.round(a.reapplyRssMiB)} MiB; emulator peak ${Math.round(b.emulatorRssMiB)} MiB vs ${Math.round(a.emulatorRssMiB)} MiB`,
        ],
      },
    );
  }
  return rows;
}
