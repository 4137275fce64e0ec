import * as fs from 'node:fs';
import * as path from 'node:path';
import { MediaBucket, VideoEnhanceJob, VideoEnhanceTemplate } from '../../src/constructs';
import { applyStack, loadStack } from '../../src/local';
import { jobsIn, REGION, SECRET_KEY, seedInputs, startHarness, type Harness } from './e2e-helpers';

const BUCKET = 'portable-1250000000';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : [p];
  });
}

describe('a synthesized stack directory', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await seedInputs(h, BUCKET, ['in/a.mp4']);
  });
  afterAll(async () => h.close());

  it('applies the same from a copy elsewhere, and no secret reaches the stack, the state, the results or the logs', async () => {
    const token = 'planted-session-token-5d1e';
    const stackDir = h.synth((stack) => {
      const bucket = new MediaBucket(stack, 'media', { bucket: BUCKET, region: REGION });
      const t = new VideoEnhanceTemplate(stack, 'hd', { bucket, name: 'portable-hd', msSharpen: { sharpenLevel: 3 } });
      new VideoEnhanceJob(stack, 'job', { bucket, input: 'in/a.mp4', template: t, output: { object: 'out/${InputName}.${ext}' } });
    });
    // Another pipeline job, another machine: only the stack directory travels.
    const copy = path.join(h.dir, 'elsewhere', 'stack');
    fs.cpSync(stackDir, copy, { recursive: true });
    fs.rmSync(path.join(h.dir, 'cdktf.out'), { recursive: true });
    const statePath = path.join(h.dir, 'elsewhere', 'state.json');
    const lines: string[] = [];
    const env = { ...h.env, TENCENTCLOUD_SECURITY_TOKEN: token, COS_MEDIA_RESULTS_DIR: '' };
    const result = await applyStack(loadStack(copy), { statePath, env, sink: (l) => void lines.push(l) });
    expect(result.summary.errors).toEqual([]);
    expect(result.summary.ok).toBe(true);
    expect(jobsIn(h).map((j) => j.state)).toEqual(['Success']);
    // Results land in the stack directory (where Terraform runs), under cos-media-results/.
    const results = filesUnder(path.join(copy, 'cos-media-results'));
    expect(results.map((f) => path.basename(f)).sort()).toEqual(['e2e__hd.json', 'e2e__job.json', 'e2e__media.json']);
    const jobResult = JSON.parse(fs.readFileSync(results.find((f) => f.endsWith('e2e__job.json')) as string, 'utf8'));
    expect(jobResult.jobs[0]).toMatchObject({ input: 'in/a.mp4', state: 'Success', outputs: ['out/a.mp4'] });

    const everything = [...filesUnder(path.join(h.dir, 'elsewhere')), statePath].map((f) => fs.readFileSync(f, 'utf8'));
    everything.push(lines.join('\n'));
    expect(lines.join('\n')).toContain('submitted');
    for (const text of everything) {
      expect(text.includes(SECRET_KEY)).toBe(false);
      expect(text.includes(token)).toBe(false);
    }
  });
});
