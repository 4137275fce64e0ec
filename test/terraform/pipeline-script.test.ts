/**
 * examples/pipelines/cos-media-pipeline.sh, the one script the GitHub Actions and GitLab CI files call, run
 * step by step on the example stack (examples/enhance-pipeline) as a pipeline would: synth, plan, report,
 * apply, results, drift; with real Terraform (terraform_data backing, chosen through CDKTF_CONTEXT_JSON as
 * cdktf.json's context would) against the emulator, and the cos-media CLI from the current sources.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeTerraform, startTerraformHarness, type TerraformHarness } from './terraform-harness';

const ROOT = path.join(__dirname, '..', '..');
const SCRIPT = path.join(ROOT, 'examples', 'pipelines', 'cos-media-pipeline.sh');
const RUN_TS = path.join(ROOT, 'scripts', 'run-ts.js');
const BUCKET = 'media-1250000000';
const INPUTS = [...Array.from({ length: 12 }, (_, i) => `catalog/episode-${String(i + 1).padStart(2, '0')}.mp4`), 'input/intro.mp4', 'input/keynote.mov'];

describeTerraform('the pipeline script on the example stack, under real Terraform', () => {
  let h: TerraformHarness;
  let work: string;
  let out: string;
  let env: NodeJS.ProcessEnv;
  const step = (name: string): Promise<{ code: number | null; output: string }> =>
    new Promise((resolve, reject) => {
      // Never spawnSync: the emulator answers from this process.
      const child = spawn('bash', [SCRIPT, name], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (b: Buffer) => (output += b.toString('utf8')));
      child.stderr.on('data', (b: Buffer) => (output += b.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, output }));
    });

  beforeAll(async () => {
    h = await startTerraformHarness({ jobDurationMs: 50 });
    await h.client.putBucket({ bucket: BUCKET });
    for (const key of INPUTS) await h.client.putObject({ bucket: BUCKET, key, body: `stand-in ${key}` });
    work = path.join(h.dir, 'project');
    out = path.join(work, 'pipeline-out');
    fs.mkdirSync(work, { recursive: true });
    env = {
      ...h.env,
      STACK_DIR: path.join(work, 'cdktf.out', 'stacks', 'enhance-pipeline'),
      OUT_DIR: out,
      SYNTH: `node ${RUN_TS} ${path.join(ROOT, 'examples', 'enhance-pipeline', 'main.ts')}`,
      COS_MEDIA: `node ${RUN_TS} ${path.join(__dirname, '..', 'pipelines', 'cos-media-from-source.ts')}`,
      CDKTF_OUTDIR: path.join(work, 'cdktf.out'),
      CDKTF_CONTEXT_JSON: JSON.stringify({ 'cdktf-cos-media:backing': 'terraform_data' }),
    };
  });
  afterAll(async () => h?.close());

  it('synthesizes, plans, reports, applies, keeps the results and checks drift', async () => {
    const synth = await step('synth');
    expect(synth).toMatchObject({ code: 0 });
    expect(fs.existsSync(path.join(env.STACK_DIR as string, 'cdk.tf.json'))).toBe(true);

    const plan = await step('plan');
    expect(plan.code).toBe(0);
    const planJson = JSON.parse(fs.readFileSync(path.join(out, 'plan.json'), 'utf8')) as { resource_changes: { change: { actions: string[] } }[] };
    expect(planJson.resource_changes.map((c) => c.change.actions.join(','))).toEqual(Array(8).fill('create'));

    const report = await step('report');
    expect(report.code).toBe(0);
    const md = fs.readFileSync(path.join(out, 'plan-report.md'), 'utf8');
    expect(md).toContain('## cos-media plan review');
    expect(md).toContain('8 to create (8 cdktf-cos-media resources, 0 other resources)');

    const apply = await step('apply');
    expect(apply.code).toBe(0);
    const jobs = h.emulator.state().jobs;
    expect(jobs.map((j) => j.inputObject).sort()).toEqual([...INPUTS].sort());
    expect(jobs.every((j) => j.state === 'Success')).toBe(true);

    const results = await step('results');
    expect(results.code).toBe(0);
    const listed = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8')) as { resources: { construct: string; jobs?: { jobId?: string }[] }[] };
    expect(listed.resources).toHaveLength(7);
    const jobIds = listed.resources.flatMap((r) => (r.jobs ?? []).map((j) => j.jobId)).sort();
    expect(jobIds).toEqual(jobs.map((j) => j.jobId).sort());

    const inSync = await step('drift');
    expect(inSync.code).toBe(0);
    expect(fs.readFileSync(path.join(out, 'drift.md'), 'utf8')).toContain('**In sync:** 7 resources');

    // Someone deletes a template in the console: the scheduled drift check fails with exit 2 and says which.
    const caption = await h.client.findTemplateByName({ bucket: BUCKET, name: 'pipeline-caption' });
    await h.client.deleteTemplate({ bucket: BUCKET, templateId: caption?.TemplateId as string });
    const drifted = await step('drift');
    expect(drifted.code).toBe(2);
    expect(fs.readFileSync(path.join(out, 'drift.md'), 'utf8')).toContain('template `pipeline-caption` is missing');

    // Nothing the pipeline wrote holds the secret key.
    const holding = fs.readdirSync(out).filter((f) => fs.readFileSync(path.join(out, f)).includes(h.env.TENCENTCLOUD_SECRET_KEY as string));
    expect(holding).toEqual([]);
  });
});
