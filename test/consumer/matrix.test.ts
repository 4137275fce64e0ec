/**
 * The package as a user installs it: the packed tarball in a fresh cdktf app with the app's own cdktf,
 * constructs and @cdktf/provider-null, for every combination of the README's matrix, run under Node 20, 22
 * and 24. Each run synthesizes a stack with every construct, and applies it with the installed package's
 * local runner against the installed package's emulator (the stack's bundled handler does the work).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  installedApp,
  MATRIX,
  NODE_VERSIONS,
  nodeBinary,
  packedPackage,
  runConsumerApp,
  workDir,
  type Combo,
  type RunResult,
} from './consumer-helpers';

jest.setTimeout(600_000);

interface LocalExec {
  command: string;
  when?: string;
  interpreter: string[];
  environment: Record<string, string>;
}
interface SynthResource {
  triggers: Record<string, string>;
  provisioner: { 'local-exec': LocalExec }[];
}
interface StackJson {
  terraform: { required_providers: Record<string, { source: string; version: string }> };
  provider: Record<string, unknown>;
  resource: { null_resource: Record<string, SynthResource> };
}
interface Summary {
  node: string;
  handlerNode: string;
  apply: { code: number; stdout: string; stderr: string };
  buckets: { name: string; mediaProcessing: boolean }[];
  templates: { name: string; tag: string }[];
  jobs: { input: string; state: string; templateName?: string }[];
  outputs: string[];
}

/** The trigger maps of every run, by construct path: they must not depend on cdktf, constructs or Node. */
const triggerDigests = new Map<string, string>();

function readVersion(dir: string): string {
  return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

const apps = new Map<string, string>();
const nodes = new Map<string, string>();
const workDirs: string[] = [];

beforeAll(async () => {
  const pkg = await packedPackage();
  await Promise.all([
    ...MATRIX.map(async (combo) => apps.set(combo.name, await installedApp(pkg, combo))),
    ...NODE_VERSIONS.map(async (version) => nodes.set(version, await nodeBinary(version))),
  ]);
});

afterAll(() => {
  for (const dir of workDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe.each(MATRIX)('an app with cdktf $cdktf, constructs $constructs and @cdktf/provider-null $providerNull', (combo: Combo) => {
  let app = '';
  /** The runs of this app, one per Node version, started together (each waits on its handler and emulator). */
  const runs = new Map<string, Promise<{ work: string; result: RunResult }>>();

  beforeAll(() => {
    app = apps.get(combo.name)!;
    for (const version of NODE_VERSIONS) {
      const work = workDir(`${combo.name}-${version}`);
      workDirs.push(work);
      runs.set(version, runConsumerApp(nodes.get(version)!, app, work, 'all').then((result) => ({ work, result })));
    }
  });

  it('gets one copy of each peer, the app’s own, and only our pinned runtime dependencies', () => {
    const modules = path.join(app, 'node_modules');
    expect(readVersion(path.join(modules, 'cdktf'))).toBe(combo.cdktf);
    expect(readVersion(path.join(modules, 'constructs'))).toBe(combo.constructs);
    expect(readVersion(path.join(modules, '@cdktf', 'provider-null'))).toBe(combo.providerNull!);
    const nested = path.join(modules, 'cdktf-cos-media', 'node_modules');
    const nestedNames = fs.existsSync(nested) ? fs.readdirSync(nested) : [];
    expect(nestedNames.filter((n) => n === 'cdktf' || n === 'constructs' || n === '@cdktf')).toEqual([]);
  });

  it.each(NODE_VERSIONS)('synthesizes every construct and applies the stack with its bundled handler on Node %s', async (version) => {
    const { work, result: r } = await runs.get(version)!;
    try {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);

      // The synthesized stack.
      const stackDir = path.join(work, 'cdktf.out', 'stacks', 'consumer');
      const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8')) as StackJson;
      expect(json.terraform.required_providers.null?.source).toMatch(/^(hashicorp\/)?null$/);
      expect(Object.keys(json.provider)).toEqual(['null']);
      const resources = Object.values(json.resource.null_resource);
      const byPath = new Map(resources.map((res) => [res.triggers.construct as string, res]));
      expect([...byPath.keys()].sort()).toEqual(
        ['consumer/CosMediaTemplates', 'consumer/archive', 'consumer/caption', 'consumer/episodes', 'consumer/hd', 'consumer/intro', 'consumer/logo', 'consumer/media'],
      );
      expect(Object.fromEntries([...byPath].map(([p, res]) => [p, res.triggers.kind]))).toEqual({
        'consumer/CosMediaTemplates': 'template-set',
        'consumer/archive': 'media-bucket',
        'consumer/caption': 'watermark-template',
        'consumer/episodes': 'video-enhance-batch',
        'consumer/hd': 'video-enhance-template',
        'consumer/intro': 'video-enhance-job',
        'consumer/logo': 'watermark-template',
        'consumer/media': 'media-bucket',
      });
      const bundleDir = path.join(app, 'node_modules', 'cdktf-cos-media', 'dist', 'handler-bundle');
      for (const res of resources) {
        const [create, destroy] = res.provisioner.map((p) => p['local-exec']);
        expect(create).toMatchObject({ command: 'create', environment: { COS_MEDIA_TRIGGERS: '${jsonencode(self.triggers)}' } });
        expect(destroy).toMatchObject({ command: 'delete', when: 'destroy' });
        expect(create!.interpreter[0]).toBe('node');
        expect(create!.interpreter[1]).toMatch(/^assets\/CosMediaHandler\/[0-9A-F]+\/cos-media-handler\.js$/);
        const assetDir = path.dirname(path.join(stackDir, create!.interpreter[1] as string));
        expect(fs.readdirSync(assetDir).sort()).toEqual(['cos-media-handler-core.js', 'cos-media-handler.js']);
        for (const file of fs.readdirSync(bundleDir)) {
          expect(fs.readFileSync(path.join(assetDir, file)).equals(fs.readFileSync(path.join(bundleDir, file)))).toBe(true);
        }
      }
      // User strings reach the JSON escaped for Terraform.
      const intro = JSON.stringify(byPath.get('consumer/intro')!.triggers);
      expect(intro).toContain('out/$${InputName}-hd.$${ext}');
      expect(intro).not.toMatch(/[^$]\$\{InputName\}/);
      expect(JSON.stringify(byPath.get('consumer/caption')!.triggers)).toContain('made with cdktf');
      const digest = createHash('sha256').update(JSON.stringify([...byPath].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, res]) => [p, res.triggers]))).digest('hex');
      triggerDigests.set(`${combo.name} on Node ${version}`, digest);

      // The apply: the local runner of the installed package ran the bundled handler under this Node.
      const summary = JSON.parse(fs.readFileSync(path.join(work, 'summary.json'), 'utf8')) as Summary;
      expect(summary.node).toBe(`v${version}`);
      expect(summary.handlerNode).toBe(`v${version}`);
      expect(summary.apply.stderr).toBe('');
      expect(summary.apply.code).toBe(0);
      expect(summary.buckets).toContainEqual({ name: 'media-1250000000', mediaProcessing: true });
      expect(summary.templates.map((t) => `${t.tag} ${t.name}`).sort()).toEqual([
        'VideoEnhance consumer-hd',
        'Watermark consumer-caption',
        expect.stringMatching(/^Watermark \S+$/),
      ]);
      expect(summary.jobs.map((j) => `${j.input} ${j.state} ${j.templateName}`).sort()).toEqual([
        'in/ep-1.mp4 Success consumer-hd',
        'in/ep-2.mp4 Success consumer-hd',
        'in/intro.mp4 Success consumer-hd',
      ]);
      expect(summary.outputs).toEqual(['out/episodes/ep-1.mp4', 'out/episodes/ep-2.mp4', 'out/intro-hd.mp4']);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('every combination and Node version', () => {
  it('synthesizes the same triggers', () => {
    expect(triggerDigests.size).toBe(MATRIX.length * NODE_VERSIONS.length);
    expect(new Set(triggerDigests.values()).size).toBe(1);
  });
});
