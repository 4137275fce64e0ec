/**
 * Apps the package does not support get one clear message naming the versions and what to install: from
 * npm itself (peer ranges), and from the first construct when npm was told to ignore peers or left two
 * copies of constructs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installedApp, MATRIX, packedPackage, run, runConsumerApp, tryInstall, UNSUPPORTED, workDir } from './consumer-helpers';

jest.setTimeout(600_000);

describe('an app with an unsupported cdktf', () => {
  it('fails to install: npm names our peer range', async () => {
    const r = await tryInstall(await packedPackage(), UNSUPPORTED);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('ERESOLVE');
    expect(r.stderr).toContain('peer cdktf@"^0.20.0 || ^0.21.0" from cdktf-cos-media@');
  });

  it('installed anyway (--legacy-peer-deps), fails at the first construct with the versions and what to install', async () => {
    const app = await installedApp(await packedPackage(), UNSUPPORTED, { legacyPeerDeps: true });
    const work = workDir('unsupported');
    try {
      const r = await runConsumerApp(process.execPath, app, work, 'synth');
      expect(r.code).toBe(1);
      expect(r.stderr).not.toContain('TypeError');
      expect(r.stderr.trim().split('\n')).toEqual([
        'cdktf-cos-media cannot run in this app:',
        `  - cdktf 0.19.2 (${path.join(app, 'node_modules', 'cdktf')}) is not supported: cdktf-cos-media needs cdktf ^0.20.0 || ^0.21.0`,
        expect.stringMatching(/^ {2}found: cdktf 0\.19\.2 \(.*\), constructs 10\.3\.0 \(.*\), @cdktf\/provider-null 9\.0\.1 \(.*\)$/),
        '  supported: npm install cdktf@0.21.0 constructs@^10.4.2 @cdktf/provider-null@^11.0.0 ' +
          '(or, staying on cdktf 0.20: npm install cdktf@^0.20.0 constructs@^10.3.0 @cdktf/provider-null@^10.0.0)',
      ]);
      expect(fs.existsSync(path.join(work, 'cdktf.out', 'stacks', 'consumer', 'cdk.tf.json'))).toBe(false);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('an app where cdktf-cos-media has its own nested copy of constructs', () => {
  it('fails at the first construct naming both copies, not with a TypeError from inside constructs', async () => {
    // The layout: the app has cdktf 0.20 and constructs 10.3.0, and npm nested constructs 10.8.1
    // under cdktf-cos-media when constructs was one of our dependencies. Without the check, the first
    // construct throws `TypeError: scope.node._scopes is not iterable`.
    const appCombo = MATRIX[0]!;
    const nestedCombo = MATRIX[MATRIX.length - 1]!;
    expect([appCombo.constructs, nestedCombo.constructs]).toEqual(['10.3.0', '10.8.1']);
    const pkg = await packedPackage();
    const app = await installedApp(pkg, appCombo);
    const nestedFrom = await installedApp(pkg, nestedCombo);
    const work = workDir('nested');
    try {
      // The app's packages are linked from the installed app; ours is a real copy with the nested constructs.
      const dup = path.join(work, 'app');
      const modules = path.join(dup, 'node_modules');
      fs.mkdirSync(modules, { recursive: true });
      fs.writeFileSync(path.join(dup, 'package.json'), '{"name":"nested-app","version":"1.0.0","private":true}');
      for (const name of fs.readdirSync(path.join(app, 'node_modules'))) {
        if (name === 'cdktf-cos-media' || name.startsWith('.')) continue;
        fs.symlinkSync(path.join(app, 'node_modules', name), path.join(modules, name));
      }
      const ours = path.join(modules, 'cdktf-cos-media');
      fs.cpSync(path.join(app, 'node_modules', 'cdktf-cos-media'), ours, { recursive: true });
      fs.cpSync(path.join(nestedFrom, 'node_modules', 'constructs'), path.join(ours, 'node_modules', 'constructs'), { recursive: true });

      const r = await runConsumerApp(process.execPath, dup, work, 'synth');
      expect(r.code).toBe(1);
      expect(r.stderr).not.toContain('TypeError');
      expect(r.stderr).not.toContain('_scopes');
      const lines = r.stderr.trim().split('\n');
      expect(lines[0]).toBe('cdktf-cos-media cannot run in this app:');
      expect(lines[1]).toMatch(
        /^ {2}- this app loads 2 copies of constructs: 10\.3\.0 \(.*\) and 10\.8\.1 \(.*cdktf-cos-media\/node_modules\/constructs\); .*\(npm install constructs@10\.3\.0, then npm dedupe\)/,
      );
      expect(lines[2]).toMatch(/^ {2}found: cdktf 0\.20\.0 /);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('the installed package', () => {
  it('refuses `cos-media demo` in one line, before writing anything', async () => {
    const app = await installedApp(await packedPackage(), MATRIX[MATRIX.length - 1]!);
    const pkgDir = path.join(app, 'node_modules', 'cdktf-cos-media');
    const work = workDir('demo');
    try {
      const r = await run(process.execPath, [path.join(pkgDir, 'bin', 'cos-media.js'), 'demo'], { cwd: work });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('cos-media demo: the demo runs only from a clone of the repository: clone it, then run `npm ci && npm start` there\n');
      expect(fs.readdirSync(work)).toEqual([]);
      expect(fs.existsSync(path.join(pkgDir, '.demo'))).toBe(false);
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
