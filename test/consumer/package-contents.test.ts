/**
 * What `npm pack` ships: only what a user needs, a LICENSE, no source map without its source, no test or
 * demo files, no citation of a document that is not shipped, and a root that exports the public surface.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installedApp, MATRIX, packedPackage, run, type PackedPackage } from './consumer-helpers';

jest.setTimeout(600_000);

/** The root exports a user can rely on (DESIGN.md, "Public surface"); types are not listed (erased). */
const PUBLIC_VALUES = [
  'AmbiguousTemplateNameError',
  'BACKINGS',
  'BACKING_CONTEXT_KEY',
  'DOCUMENTED_REGIONS',
  'EXTRA_REGIONS_CONTEXT_KEY',
  'MediaTesting',
  'NULL_PROVIDER_VERSION',
  'ResponseTooLargeError',
  'useBacking',
  'ConnectionError',
  'CosMediaClient',
  'CosMediaRequestError',
  'Credentials',
  'DEFAULT_SECRET_ID',
  'DEFAULT_SECRET_KEY',
  'ManualClock',
  'MediaBucket',
  'MissingCredentialsError',
  'SpecValidationError',
  'TencentApiError',
  'TimeoutError',
  'UnexpectedResponseError',
  'UnknownOutcomeError',
  'VideoEnhanceBatch',
  'VideoEnhanceJob',
  'VideoEnhanceTemplate',
  'Watermark',
  'WatermarkTemplate',
  'credentialsFromEnv',
  'planReport',
  'signAuthorization',
  'startEmulator',
];

describe('the packed package', () => {
  let pkg: PackedPackage;
  let files: string[];

  beforeAll(async () => {
    pkg = await packedPackage();
    files = pkg.report.files.map((f) => f.path).sort();
  });

  it('holds the licence, the README, the API notes, the bin, the library and the handler bundle', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'LICENSE',
        'README.md',
        'package.json',
        'docs/ci-api.md',
        'bin/cos-media.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/cli.js',
        'dist/handler-bundle/cos-media-handler.js',
        'dist/handler-bundle/cos-media-handler-core.js',
      ]),
    );
    expect(fs.readFileSync(path.join(pkg.tarball, '..', 'pack.json'), 'utf8')).toContain('"entryCount"');
  });

  it('ships no source map, test, source, build info or demo file', () => {
    expect(files.filter((f) => /\.map$|\.tsbuildinfo$|^test\/|^src\/|^dist\/demo\/|^examples\/|^scripts\/|\.test\.|^\.demo\//.test(f))).toEqual([]);
    expect(files.filter((f) => !/^(bin|dist|docs)\//.test(f)).sort()).toEqual(['LICENSE', 'README.md', 'package.json']);
  });

  it('declares the app’s packages as peers and pins only its own runtime dependencies', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(manifest.peerDependencies).toEqual({ '@cdktf/provider-null': '^10.0.0 || ^11.0.0', cdktf: '^0.20.0 || ^0.21.0', constructs: '^10.3.0' });
    expect(manifest.peerDependenciesMeta).toEqual({ '@cdktf/provider-null': { optional: true } });
    expect(Object.keys(manifest.dependencies!).sort()).toEqual(['fast-xml-parser', 'undici']);
    for (const v of Object.values(manifest.dependencies!)) expect(v).toMatch(/^\d+\.\d+\.\d+$/);
  });

  describe('installed in an app', () => {
    let pkgDir = '';
    let app = '';

    beforeAll(async () => {
      app = await installedApp(pkg, MATRIX[MATRIX.length - 1]!);
      pkgDir = path.join(app, 'node_modules', 'cdktf-cos-media');
    });

    it('cites no document it does not ship', () => {
      // Not citations: the file the README's plan-report example writes, and the upstream source files
      // that docs/ci-api.md names as its evidence (in another repository, with their commit).
      const notCitations = /^(plan-report\.md|.*_intl_(en|zh|cn)\.md)$/;
      const shipped = new Set(files.map((f) => path.basename(f)));
      const missing: string[] = [];
      for (const file of files.filter((f) => /\.(js|ts|md|json)$/.test(f))) {
        const text = fs.readFileSync(path.join(pkgDir, file), 'utf8');
        for (const m of text.matchAll(/[\w.-]+\.md\b/g)) {
          if (!shipped.has(m[0]) && !notCitations.test(m[0])) missing.push(`${file}: ${m[0]}`);
        }
      }
      expect([...new Set(missing)]).toEqual([]);
    });

    it('exports only the public surface from its root', async () => {
      const r = await run(process.execPath, ['-e', "process.stdout.write(JSON.stringify(Object.keys(require('cdktf-cos-media')).sort()))"], { cwd: app });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual([...PUBLIC_VALUES].sort());
    });
  });
});
