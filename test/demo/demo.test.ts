import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runDemo } from '../../src/demo/demo';

async function demo(work: string, env: Record<string, string | undefined> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const code = await runDemo(['--work-dir', work], { out: (l) => void out.push(l), err: (l) => void err.push(l) });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    for (const k of Object.keys(env)) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
}

describe('the offline demo (npm start)', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-demo-'));
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it('applies the example, then finds everything in place, then shows and submits only what a one-parameter change touches', async () => {
    const first = await demo(work);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Plan: 8 to add, 0 to change, 0 to destroy\./);
    expect(first.out).toMatch(/^14 jobs submitted this run, 14 in all/m);
    expect(first.out).toMatch(/catalog\s+video-enhance-batch\s+12 inputs\s+12 jobs\s+12 Success/);
    // The plan-report of the run's plan, read from the plan written as `cos-media plan --out` writes it.
    expect(first.out).toContain(`The review summary of this plan (cos-media plan-report ${path.relative(path.join(__dirname, '..', '..'), path.join(work, 'plan.json'))}):`);
    expect(first.out).toContain('  | > **⚠️ Warning: this plan submits paid VideoEnhance jobs:** 2 new jobs and 12 new batch inputs.');
    expect(first.out).toContain('  | <sub>From the cos-media local runner (not Terraform), JSON plan format `1.2`');
    expect(first.out.indexOf('## cos-media plan review')).toBeLessThan(first.out.indexOf('Applying with the local runner'));

    const second = await demo(work);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/Plan: no changes\./);
    expect(second.out).toMatch(/^0 jobs submitted this run, 14 in all/m);
    expect(second.out).toContain('  | **No changes.** Nothing is created, replaced or deleted; 8 resources unchanged.');

    const third = await demo(work, { DEMO_SHARPEN_LEVEL: '7' });
    expect(third.code).toBe(0);
    expect(third.out).toMatch(/-\/\+ hd\s+video-enhance-template\s+VideoEnhance\.MsSharpen\.SharpenLevel: "5" -> "7"/);
    expect(third.out).toMatch(/-\/\+ intro\s+video-enhance-job\s+template pipeline-hd changed/);
    expect(third.out).not.toMatch(/keynote\s+video-enhance-job\s+template/);
    expect(third.out).toMatch(/Plan: 3 to add, 0 to change, 3 to destroy\./);
    expect(third.out).toMatch(/^13 jobs submitted this run, 27 in all/m);
    expect(third.out).toContain('  |   - `VideoEnhance.MsSharpen.SharpenLevel`: `5` -> `7`');
    expect(third.out).toContain('  | - **re-submitted** `enhance-pipeline/intro` (input `input/intro.mp4`): VideoEnhance template `pipeline-hd` changed');
    const planJson = JSON.parse(fs.readFileSync(path.join(work, 'plan.json'), 'utf8')) as { terraform_version: string; resource_changes: unknown[] };
    expect(planJson.terraform_version).toBe('cos-media-local');
    expect(planJson.resource_changes).toHaveLength(8);
  });

  it('fails on an unknown option with exit 2', async () => {
    const r = await runDemo(['--frobnicate'], { out: () => undefined, err: () => undefined });
    expect(r).toBe(2);
  });
});
