import * as fs from 'node:fs';
import * as path from 'node:path';
import { MediaBucket, VideoEnhanceBatch, VideoEnhanceJob } from '../../src/constructs';
import { jobsIn, REGION, seedInputs, startHarness, type Harness } from './e2e-helpers';

describe('buckets and prefix batches, end to end', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ jobDurationMs: 50 });
  });
  afterAll(async () => h.close());

  it('lists a prefix at apply time (other suffixes skipped); new objects are picked up when the resource is replaced, and only they are submitted', async () => {
    const bucket = 'prefix-1250000000';
    await seedInputs(h, bucket, ['raw/a.mp4', 'raw/b.mp4', 'raw/notes.txt', 'other/c.mp4']);
    const build = () =>
      h.synth((stack) => {
        const b = new MediaBucket(stack, 'media', { bucket, region: REGION });
        new VideoEnhanceBatch(stack, 'raw', {
          bucket: b,
          inputPrefix: 'raw/',
          inputSuffix: '.mp4',
          enhance: { msSharpen: { sharpenLevel: 1 } },
          output: { object: 'enhanced/${InputName}.${ext}' },
        });
      });
    const first = await h.apply(build());
    expect(first.summary.ok).toBe(true);
    expect(jobsIn(h).map((j) => j.inputObject).sort()).toEqual(['raw/a.mp4', 'raw/b.mp4']);

    // A new input arrives. The triggers did not change, so the plan is empty: the listing happens on create.
    await h.client.putObject({ bucket, key: 'raw/d.mp4', body: 'new' });
    const stackDir = build();
    expect(h.plan(stackDir).plan.counts).toMatchObject({ add: 0, destroy: 0 });
    // `terraform apply -replace=…` (or a taint) re-runs the create: the listing is fresh, the ledger knows the rest.
    const statePath = path.join(h.dir, 'state.json');
    const state = JSON.parse(fs.readFileSync(statePath, 'utf8'));
    const address = Object.keys(state.resources).find((a) => a.startsWith('null_resource.raw_')) as string;
    state.resources[address].tainted = true;
    fs.writeFileSync(statePath, JSON.stringify(state));
    expect((await h.apply(stackDir)).summary.ok).toBe(true);
    expect(jobsIn(h).map((j) => j.inputObject).sort()).toEqual(['raw/a.mp4', 'raw/b.mp4', 'raw/d.mp4']);
  });

  it('deletes a bucket on destroy only when asked, and refuses to empty one', async () => {
    const keep = 'keep-1250000000';
    const drop = 'drop-1250000000';
    await seedInputs(h, keep, ['in/a.mp4']);
    const stackDir = h.synth((stack) => {
      const kept = new MediaBucket(stack, 'kept', { bucket: keep, region: REGION });
      new MediaBucket(stack, 'dropped', { bucket: drop, region: REGION, deleteOnDestroy: true });
      new VideoEnhanceJob(stack, 'job', { bucket: kept, input: 'in/a.mp4', enhance: { msSharpen: { sharpenLevel: 1 } }, output: { object: 'out/a.mp4' } });
    });
    expect((await h.apply(stackDir)).summary.ok).toBe(true);
    const names = () => h.emulator.state().buckets.map((b) => b.name);
    expect(names()).toEqual(expect.arrayContaining([keep, drop]));
    expect((await h.destroy(stackDir)).summary.ok).toBe(true);
    expect(names()).toContain(keep);
    expect(names()).not.toContain(drop);

    // A bucket with objects in it is never emptied for you.
    const full = 'full-1250000000';
    await seedInputs(h, full, ['in/x.mp4']);
    const fullDir = h.synth((stack) => {
      new MediaBucket(stack, 'full', { bucket: full, region: REGION, deleteOnDestroy: true });
    });
    expect((await h.apply(fullDir)).summary.ok).toBe(true);
    h.lines.length = 0;
    const refused = await h.destroy(fullDir);
    expect(refused.summary.ok).toBe(false);
    expect(h.lines.join('\n')).toMatch(/bucket full-1250000000 is not empty, so it was not deleted/);
    expect(names()).toContain(full);
  });

  it('adopts an existing bucket through fromBucketName, enables media processing, and never deletes it', async () => {
    const existing = 'legacy-1250000000';
    await h.client.putBucket({ bucket: existing });
    const stackDir = h.synth((stack) => {
      MediaBucket.fromBucketName(stack, 'legacy', { bucket: existing, region: REGION });
    });
    expect((await h.apply(stackDir)).summary.ok).toBe(true);
    expect(h.emulator.state().buckets.find((b) => b.name === existing)?.mediaProcessing).toBe(true);
    expect((await h.destroy(stackDir)).summary.ok).toBe(true);
    expect(h.emulator.state().buckets.map((b) => b.name)).toContain(existing);

    const missing = h.synth((stack) => {
      MediaBucket.fromBucketName(stack, 'ghost', { bucket: 'ghost-1250000000', region: REGION });
    });
    h.lines.length = 0;
    expect((await h.apply(missing)).summary.ok).toBe(false);
    expect(h.lines.join('\n')).toMatch(/bucket ghost-1250000000 \(ap-guangzhou\) does not exist; MediaBucket.fromBucketName only references existing buckets/);
  });
});
