import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MediaBucket } from '../../src/constructs';
import { findPeerCopies, peerProblems, type PackageCopy, type PeerCopies } from '../../src/constructs/compat-check';

function copy(version: string, dir = `/app/node_modules/x-${version}`): PackageCopy {
  return { version, dir };
}

function copies(cdktf: string, constructs: string, providerNull?: string): PeerCopies {
  const c = copy(cdktf, '/app/node_modules/cdktf');
  const k = copy(constructs, '/app/node_modules/constructs');
  const p = providerNull === undefined ? undefined : copy(providerNull, '/app/node_modules/@cdktf/provider-null');
  return { ours: { cdktf: c, constructs: k, '@cdktf/provider-null': p }, all: { cdktf: [c], constructs: [k], '@cdktf/provider-null': p ? [p] : [] } };
}

describe('peer compatibility check', () => {
  it('accepts every combination of the supported matrix, and a missing provider-null', () => {
    expect(peerProblems(copies('0.20.0', '10.3.0', '10.0.0'))).toEqual([]);
    expect(peerProblems(copies('0.20.12', '10.8.1', '10.0.2'))).toEqual([]);
    expect(peerProblems(copies('0.21.0', '10.4.2', '11.0.0'))).toEqual([]);
    expect(peerProblems(copies('0.21.0', '10.8.1', '11.0.1'))).toEqual([]);
    expect(peerProblems(copies('0.21.0', '10.8.1'))).toEqual([]);
  });

  it('accepts the copies this repository installs', () => {
    expect(peerProblems(findPeerCopies())).toEqual([]);
  });

  it('fails on an unsupported cdktf, naming the version and the range', () => {
    expect(peerProblems(copies('0.19.2', '10.3.0'))).toEqual([
      'cdktf 0.19.2 (/app/node_modules/cdktf) is not supported: cdktf-cos-media needs cdktf ^0.20.0 || ^0.21.0',
    ]);
    expect(peerProblems(copies('0.22.0', '10.8.1'))[0]).toMatch(/^cdktf 0\.22\.0 .* is not supported/);
  });

  it('fails on constructs older than 10.3.0, or older than cdktf 0.21 needs', () => {
    expect(peerProblems(copies('0.20.0', '10.2.70'))).toEqual([
      'constructs 10.2.70 (/app/node_modules/constructs) is not supported: cdktf-cos-media needs constructs ^10.3.0',
    ]);
    expect(peerProblems(copies('0.21.0', '10.3.0'))).toEqual([
      'constructs 10.3.0 (/app/node_modules/constructs) is older than cdktf 0.21.0 needs (constructs ^10.4.2)',
    ]);
  });

  it('fails on a provider-null of the other cdktf line', () => {
    expect(peerProblems(copies('0.21.0', '10.8.1', '10.0.2'))).toEqual([
      '@cdktf/provider-null 10.0.2 (/app/node_modules/@cdktf/provider-null) does not match cdktf 0.21.0: it needs @cdktf/provider-null ^11.0.0',
    ]);
    expect(peerProblems(copies('0.20.11', '10.3.0', '11.0.1'))[0]).toMatch(/needs @cdktf\/provider-null \^10\.0\.0$/);
  });

  it('fails on two copies of constructs, naming both versions and folders', () => {
    const two = copies('0.21.0', '10.8.1');
    const nested = copy('10.4.2', '/app/node_modules/cdktf-cos-media/node_modules/constructs');
    const problems = peerProblems({ ...two, all: { ...two.all, constructs: [...two.all.constructs, nested] } });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('this app loads 2 copies of constructs: 10.8.1 (/app/node_modules/constructs) and 10.4.2 (/app/node_modules/cdktf-cos-media/node_modules/constructs)');
    expect(problems[0]).toContain('npm dedupe');
  });

  it('fails with a clear message, not a TypeError, when the scope comes from another copy of constructs', () => {
    // A real second copy of constructs, loaded from another folder, as npm nested it before peers.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-compat-'));
    try {
      const source = path.dirname(require.resolve('constructs/package.json'));
      const target = path.join(dir, 'node_modules', 'constructs');
      fs.cpSync(source, target, { recursive: true });
      const other = require(target) as typeof import('constructs');
      const foreignRoot = new other.Construct(undefined as never, '');
      let thrown: unknown;
      try {
        new MediaBucket(foreignRoot as never, 'media', { bucket: 'media-1250000000', region: 'ap-guangzhou' });
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(Error);
      expect(thrown).not.toBeInstanceOf(TypeError);
      const message = (thrown as Error).message;
      expect(message).toMatch(/^cdktf-cos-media cannot run in this app:/);
      expect(message).toMatch(/this app loads 2 copies of constructs: 10\.8\.1 \(node_modules\/constructs\) and 10\.8\.1 \(.*cos-media-compat-.*\)/);
      expect(message).toContain('found: cdktf 0.21.0');
      expect(message).toContain('supported: npm install cdktf@0.21.0 constructs@^10.4.2 @cdktf/provider-null@^11.0.0');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
