/**
 * The app owns `cdktf`, `constructs` and `@cdktf/provider-null` (peer dependencies). Before the first
 * construct of this library touches the app's tree, check that the copies this package loads are in the
 * supported range and are the app's own copies; otherwise fail with one message naming the versions found
 * and what to install, instead of a TypeError from inside constructs (`scope.node._scopes is not iterable`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Construct, type IConstruct } from 'constructs';

/** The peer dependency ranges of package.json, as proved by the consumer tests. */
export const SUPPORTED_RANGES = {
  cdktf: '^0.20.0 || ^0.21.0',
  constructs: '^10.3.0',
  '@cdktf/provider-null': '^10.0.0 (with cdktf 0.20) || ^11.0.0 (with cdktf 0.21)',
} as const;

/** What to install for a supported pair, one line per cdktf line. */
export const INSTALL_HINT =
  'npm install cdktf@0.21.0 constructs@^10.4.2 @cdktf/provider-null@^11.0.0 ' +
  '(or, staying on cdktf 0.20: npm install cdktf@^0.20.0 constructs@^10.3.0 @cdktf/provider-null@^10.0.0)';

export type PeerName = 'cdktf' | 'constructs' | '@cdktf/provider-null';

/** One copy of a package as loaded or resolved in this process. */
export interface PackageCopy {
  readonly version: string;
  /** The package's directory. */
  readonly dir: string;
}

export interface PeerCopies {
  /** The copy this library resolves (`undefined` if it cannot be resolved: only provider-null may be absent). */
  readonly ours: Partial<Record<PeerName, PackageCopy>>;
  /** Every distinct copy of each package found (ours, cdktf's own `constructs`, and those already loaded). */
  readonly all: Readonly<Record<PeerName, readonly PackageCopy[]>>;
}

function parseVersion(version: string): [number, number, number] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function atLeast(v: [number, number, number], min: [number, number, number]): boolean {
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return v[i] > min[i];
  return true;
}

function display(dir: string): string {
  const rel = path.relative(process.cwd(), dir);
  return rel === '' ? '.' : rel.startsWith('..') ? dir : rel;
}

function describe(name: PeerName, copy: PackageCopy | undefined): string {
  return copy ? `${name} ${copy.version} (${display(copy.dir)})` : `${name} (not found)`;
}

/**
 * The problems with a set of peer copies, as lines of one message. Pure: the tests feed it versions.
 * An absent provider-null is not a problem here (a stack on the `terraform_data` backing needs none).
 */
export function peerProblems(copies: PeerCopies): string[] {
  const problems: string[] = [];
  for (const name of ['constructs', 'cdktf'] as const) {
    const distinct = copies.all[name];
    if (distinct.length > 1) {
      problems.push(
        `this app loads ${distinct.length} copies of ${name}: ${distinct.map((c) => `${c.version} (${display(c.dir)})`).join(' and ')}; ` +
          `the app, cdktf and cdktf-cos-media must share one: keep a single ${name} at the app's top level ` +
          `(npm install ${name}@${distinct[0].version}, then npm dedupe) and remove the nested copy`,
      );
    }
  }
  const cdktf = copies.ours.cdktf;
  const constructs = copies.ours.constructs;
  const cdktfV = cdktf && parseVersion(cdktf.version);
  const constructsV = constructs && parseVersion(constructs.version);
  if (!cdktfV || cdktfV[0] !== 0 || (cdktfV[1] !== 20 && cdktfV[1] !== 21)) {
    problems.push(`${describe('cdktf', cdktf)} is not supported: cdktf-cos-media needs cdktf ${SUPPORTED_RANGES.cdktf}`);
  }
  if (!constructsV || constructsV[0] !== 10 || !atLeast(constructsV, [10, 3, 0])) {
    problems.push(`${describe('constructs', constructs)} is not supported: cdktf-cos-media needs constructs ${SUPPORTED_RANGES.constructs}`);
  } else if (cdktfV && cdktfV[1] === 21 && !atLeast(constructsV, [10, 4, 2])) {
    problems.push(`${describe('constructs', constructs)} is older than cdktf ${cdktf!.version} needs (constructs ^10.4.2)`);
  }
  const provider = copies.ours['@cdktf/provider-null'];
  const providerV = provider && parseVersion(provider.version);
  if (provider && cdktfV && (cdktfV[1] === 20 || cdktfV[1] === 21)) {
    const wanted = cdktfV[1] === 20 ? 10 : 11;
    if (!providerV || providerV[0] !== wanted) {
      problems.push(
        `${describe('@cdktf/provider-null', provider)} does not match cdktf ${cdktf!.version}: it needs @cdktf/provider-null ^${wanted}.0.0`,
      );
    }
  }
  return problems;
}

/** The message thrown for `problems`, naming the versions found and what to install. */
export function compatMessage(problems: readonly string[], copies: PeerCopies): string {
  const found = (['cdktf', 'constructs', '@cdktf/provider-null'] as const).map((n) => describe(n, copies.ours[n])).join(', ');
  return (
    `cdktf-cos-media cannot run in this app:\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
    `  found: ${found}\n  supported: ${INSTALL_HINT}`
  );
}

function readCopy(name: string, packageJson: string): PackageCopy | undefined {
  try {
    const pkg = JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { name?: string; version?: string };
    if (pkg.name !== name || typeof pkg.version !== 'string') return undefined;
    return { version: pkg.version, dir: path.dirname(fs.realpathSync(packageJson)) };
  } catch {
    return undefined;
  }
}

/** The copy of `name` that `require` finds from `fromDir` (our own folder by default). */
function resolveCopy(name: string, fromDir: string = __dirname): PackageCopy | undefined {
  try {
    return readCopy(name, require.resolve(`${name}/package.json`, { paths: [fromDir] }));
  } catch {
    return undefined;
  }
}

/** Copies of `name` already loaded by CommonJS `require` (the app's and any nested one). */
function loadedCopies(name: string): PackageCopy[] {
  const marker = `${path.sep}node_modules${path.sep}${name.split('/').join(path.sep)}${path.sep}`;
  const dirs = new Set<string>();
  for (const file of Object.keys(require.cache ?? {})) {
    const at = file.lastIndexOf(marker);
    if (at >= 0) dirs.add(file.slice(0, at + marker.length - 1));
  }
  return [...dirs].flatMap((dir) => readCopy(name, path.join(dir, 'package.json')) ?? []);
}

function distinct(copies: readonly (PackageCopy | undefined)[]): PackageCopy[] {
  const byDir = new Map<string, PackageCopy>();
  for (const c of copies) if (c && !byDir.has(c.dir)) byDir.set(c.dir, c);
  return [...byDir.values()];
}

/** Finds the copies this process uses: the app's (the one cdktf uses) first, ours, and every copy already loaded. */
export function findPeerCopies(): PeerCopies {
  const cdktf = resolveCopy('cdktf');
  const constructs = resolveCopy('constructs');
  const providerNull = resolveCopy('@cdktf/provider-null');
  const cdktfConstructs = cdktf ? resolveCopy('constructs', cdktf.dir) : undefined;
  const providerCdktf = providerNull ? resolveCopy('cdktf', providerNull.dir) : undefined;
  return {
    ours: { cdktf, constructs, '@cdktf/provider-null': providerNull },
    all: {
      cdktf: distinct([providerCdktf, cdktf, ...loadedCopies('cdktf')]),
      constructs: distinct([cdktfConstructs, constructs, ...loadedCopies('constructs')]),
      '@cdktf/provider-null': distinct([providerNull, ...loadedCopies('@cdktf/provider-null')]),
    },
  };
}

let checked: PeerCopies | undefined;

/**
 * Checks the peers once per process, and every scope against our copy of `constructs`. Returns `scope`, so
 * a constructor can call it inside `super(...)`, before constructs touches the scope.
 */
export function checkScope<T extends IConstruct>(scope: T): T {
  if (checked === undefined) {
    const copies = findPeerCopies();
    const problems = peerProblems(copies);
    if (problems.length > 0) throw new Error(compatMessage(problems, copies));
    checked = copies;
  }
  if (!(scope instanceof Construct)) {
    const copies = findPeerCopies();
    const problems = peerProblems(copies);
    if (problems.length === 0) {
      problems.push(
        `the scope passed in is not a construct of the copy of constructs that cdktf-cos-media loads ` +
          `(${describe('constructs', copies.ours.constructs)}): the app uses another copy of constructs; ` +
          `keep a single constructs at the app's top level and remove any copy nested under cdktf-cos-media`,
      );
    }
    throw new Error(compatMessage(problems, copies));
  }
  return scope;
}
