/**
 * The short version of `npm run chaos`: two seeded runs at once with a batch of 30 and the small template
 * stack, no slow submissions and a 5 s response timeout (so a killed handler's leftover intents settle in
 * 10 s), the emulator from the TypeScript sources (no build needed), the real bundled handler (built by
 * jest's global setup). The same code as the campaign; only the sizes differ.
 */
import { runCampaign } from '../../chaos/campaign';
import { sourceEmulatorLaunch } from '../../chaos/emulator-process';

describe('the reliability campaign, short version', () => {
  it('converges every run under faults and kills with no duplicate, missing job, orphaned template or leaked secret', async () => {
    const { summary, runs } = await runCampaign({ runs: 2, concurrentRuns: 2, seed: 4242, batchInputs: 30, smallTemplateStack: true, slowSubmits: false, responseTimeoutMs: 5000, launch: await sourceEmulatorLaunch(), keep: 'failed' });
    expect(runs.map((r) => ({ seed: r.seed, problems: r.problems }))).toEqual([
      { seed: 4242, problems: [] },
      { seed: 4243, problems: [] },
    ]);
    expect(summary).toMatchObject({ runs: 2, failedRuns: 0, duplicates: 0, missing: 0, strays: 0, cancelled: 0, orphans: 0, absentTemplates: 0, secretHits: 0, ok: true });
    // Both stacks were really applied, checked and destroyed, and the chaos really happened.
    expect(summary.jobs).toBe(2 * (30 + 2));
    for (const r of runs) {
      expect(r.stacks.batch.converged && r.stacks.templates.converged && r.stacks.batch.destroyed && r.stacks.templates.destroyed).toBe(true);
      // The batch grew after its first apply: it was replaced at least once, mid-chaos.
      expect(r.stacks.batch.applies).toBeGreaterThanOrEqual(2);
      expect(r.secretScan.files).toBeGreaterThan(20);
    }
    expect(summary.kills.handler).toBeGreaterThan(0);
    expect(summary.kills.emulator).toBeGreaterThan(0);
    expect(summary.faultsFired).toBeGreaterThan(0);
    expect(summary.badInputs.rejectedWell).toBe(summary.badInputs.cases);
  }, 120_000);
});
