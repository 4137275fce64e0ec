/**
 * A user's app on the provider-free backing, end to end: the packed tarball in a fresh app that has cdktf and
 * constructs but no @cdktf/provider-null, `"cdktf-cos-media:backing": "terraform_data"`, synthesized under
 * Node 24, then `terraform init` and `terraform apply` (real Terraform from PATH, no provider download) with
 * the stack's bundled handler run by Node 24, against the emulator.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CosMediaClient } from '../../src/client';
import { startEmulator } from '../../src/emulator';
import { describeTerraform } from '../terraform/terraform-harness';
import { installedApp, nodeBinary, packedPackage, runConsumerApp, workDir, type Combo } from './consumer-helpers';

jest.setTimeout(600_000);

const NO_PROVIDER_NULL: Combo = { name: 'cdktf-0.21-without-provider-null', cdktf: '0.21.0', constructs: '10.8.1' };
const NODE = '24.22.3';
const SECRET_ID = 'AKIDCONSUMERTFDATA';
const SECRET_KEY = 'consumer-tf-data-secret';
const REGION = 'ap-guangzhou';

function terraform(cwd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('terraform', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describeTerraform('an app without @cdktf/provider-null, on the terraform_data backing, under real Terraform', () => {
  let work = '';
  afterAll(() => {
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('synthesizes with no provider and applies with terraform, the handler running under Node 24', async () => {
    const [app, node] = await Promise.all([packedPackage().then((pkg) => installedApp(pkg, NO_PROVIDER_NULL)), nodeBinary(NODE)]);
    expect(fs.existsSync(path.join(app, 'node_modules', '@cdktf', 'provider-null'))).toBe(false);
    work = workDir('terraform-data');
    const synth = await runConsumerApp(node, app, work, 'synth', { backing: 'terraform_data' });
    expect(synth.stderr).toBe('');
    expect(synth.code).toBe(0);

    const stackDir = path.join(work, 'cdktf.out', 'stacks', 'consumer');
    const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as Record<string, unknown>;
    expect(json.provider).toBeUndefined();
    expect((json.terraform as { required_providers?: unknown } | undefined)?.required_providers).toBeUndefined();
    expect(Object.keys(json.resource as object)).toEqual(['terraform_data']);

    const emulator = await startEmulator({ secretId: SECRET_ID, secretKey: SECRET_KEY, jobDurationMs: 50, warn: () => undefined });
    const client = new CosMediaClient({ region: REGION, credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY }, endpoint: emulator.url });
    try {
      await client.putBucket({ bucket: 'media-1250000000' });
      await client.putBucket({ bucket: 'archive-1250000000' });
      for (const key of ['in/intro.mp4', 'in/ep-1.mp4', 'in/ep-2.mp4']) await client.putObject({ bucket: 'media-1250000000', key, body: key });
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
        COS_MEDIA_ENDPOINT: emulator.url,
        TENCENTCLOUD_SECRET_ID: SECRET_ID,
        TENCENTCLOUD_SECRET_KEY: SECRET_KEY,
        COS_MEDIA_POLL_INTERVAL_MS: '50',
        TF_IN_AUTOMATION: '1',
        CHECKPOINT_DISABLE: '1',
      };
      const init = await terraform(stackDir, ['init', '-input=false', '-no-color'], env);
      expect(init.code).toBe(0);
      const apply = await terraform(stackDir, ['apply', '-auto-approve', '-input=false', '-no-color'], env);
      if (apply.code !== 0) throw new Error(apply.out);
      const state = emulator.state();
      expect(state.jobs.map((j) => `${j.inputObject} ${j.state}`).sort()).toEqual([
        'in/ep-1.mp4 Success',
        'in/ep-2.mp4 Success',
        'in/intro.mp4 Success',
      ]);
      expect(state.templates.map((t) => t.name)).toContain('consumer-hd');
      // `node` on the provisioners' PATH, which ran the handler, is the app's Node 24.
      expect(spawnSync('node', ['-p', 'process.version'], { env, encoding: 'utf8' }).stdout.trim()).toBe(`v${NODE}`);
      const plan = await terraform(stackDir, ['plan', '-detailed-exitcode', '-input=false', '-no-color'], env);
      expect(plan.code).toBe(0);
    } finally {
      await client.close();
      await emulator.stop();
    }
  });
});
