/**
 * Cancelling the jobs of some idempotency keys that have not started yet (`Submitted` or `Pause`): their JobIds
 * come from the ledger; running and finished jobs, their outputs and the ledger records are left alone.
 */
import { TencentApiError } from '../client';
import type { HandlerContext } from './context';
import { DESCRIBE_BATCH_SIZE } from './job-runner';
import { readLedger } from './ledger';
import { mapPool } from './pool';
import type { RecordedScope } from './resource-record';

export interface CancelPlace {
  /** Where the ledger lives: the output bucket and its region. */
  readonly ledgerBucket: string;
  readonly ledgerRegion: string;
  readonly ledgerPrefix: string;
  readonly concurrency: number;
}

/** Cancels the not-yet-started jobs of `scopes`' keys; resolves to how many were cancelled. */
export async function cancelNotStarted(ctx: HandlerContext, at: CancelPlace, scopes: readonly RecordedScope[]): Promise<number> {
  let cancelled = 0;
  for (const s of scopes) {
    const recorded = await readLedger(
      { client: ctx.client(at.ledgerRegion), bucket: at.ledgerBucket, prefix: at.ledgerPrefix, scope: s.scope },
      new Set(s.keys),
      at.concurrency,
    );
    // A job recorded under both an input's current and legacy key is cancelled once.
    const jobIds = [...new Set([...recorded.values()].flatMap((r) => (r.state === 'submitted' && r.jobId ? [r.jobId] : [])))];
    const client = ctx.client(s.region);
    const chunks: string[][] = [];
    for (let i = 0; i < jobIds.length; i += DESCRIBE_BATCH_SIZE) chunks.push(jobIds.slice(i, i + DESCRIBE_BATCH_SIZE));
    await mapPool(chunks, at.concurrency, async (chunk) => {
      const { jobs } = await client.describeJobs({ bucket: s.bucket, jobIds: chunk });
      for (const job of jobs) {
        if (job.State !== 'Submitted' && job.State !== 'Pause') continue;
        try {
          await client.cancelJob({ bucket: s.bucket, jobId: job.JobId });
          cancelled += 1;
        } catch (err) {
          // It started meanwhile: it runs to its end; nothing else to do.
          if (!(err instanceof TencentApiError)) throw err;
        }
      }
    });
  }
  return cancelled;
}
