import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { LogLevel, OutputSink } from '../../src/local/output';

/**
 * Test fixtures for the local runner: a project directory holding `cdktf.out/stacks/<stack>/cdk.tf.json`
 * shaped exactly like cdktf 0.21's output (metadata, null provider, absolute local backend path, the handler
 * copied in as an asset), with test-provisioner.js standing in for the handler.
 */

export const HANDLER_ASSET = 'assets/handler/6114F5ADC373ACCD7B2051BD87078F62/h.js';
const PROVISIONER_SOURCE = path.join(__dirname, 'fixtures', 'test-provisioner.js');

export interface FixtureResource {
  /** Written to cdk.tf.json as given (escapes included). `null` writes `"triggers": null`; undefined omits it. */
  readonly triggers?: Record<string, unknown> | null;
  readonly dependsOn?: readonly string[];
  /** @default true */
  readonly create?: boolean;
  /** @default true */
  readonly destroy?: boolean;
  /** Extra properties merged into the resource body. */
  readonly extra?: Record<string, unknown>;
  /** Extra properties merged into both local-exec bodies. */
  readonly provisionerExtra?: Record<string, unknown>;
}

export function tempDir(prefix = 'cos-media-local-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

function localExec(command: string, extra: Record<string, unknown> | undefined): Record<string, unknown> {
  return {
    command,
    environment: { COS_MEDIA_TRIGGERS: '${jsonencode(self.triggers)}', COS_MEDIA_RESOURCE_ID: '${self.id}', HANDLER_MODE: 'test' },
    interpreter: ['node', HANDLER_ASSET],
    ...extra,
  };
}

/** The cdk.tf.json document for these resources (in this order). */
export function stackDocument(
  stackName: string,
  resources: Record<string, FixtureResource>,
  backendPath: string,
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, r] of Object.entries(resources)) {
    const provisioner: unknown[] = [];
    if (r.create !== false) provisioner.push({ 'local-exec': localExec('create', r.provisionerExtra) });
    if (r.destroy !== false) provisioner.push({ 'local-exec': { ...localExec('delete', r.provisionerExtra), when: 'destroy' } });
    body[name] = {
      '//': { metadata: { path: `${stackName}/${name}`, uniqueId: name } },
      ...(r.dependsOn ? { depends_on: r.dependsOn } : {}),
      ...(provisioner.length > 0 ? { provisioner } : {}),
      ...(r.triggers !== undefined ? { triggers: r.triggers } : {}),
      ...r.extra,
    };
  }
  return {
    '//': { metadata: { backend: 'local', stackName, version: '0.21.0' }, outputs: {} },
    provider: { null: [{}] },
    resource: { null_resource: body },
    terraform: {
      backend: { local: { path: backendPath } },
      required_providers: { null: { source: 'null', version: '3.2.4' } },
    },
  };
}

export interface Fixture {
  /** The project directory (where cdktf would have run). */
  readonly root: string;
  /** cdktf.out/stacks/<stack> */
  readonly dir: string;
  readonly stackName: string;
  /** Where the runner keeps state by default: beside the backend's state file, in root. */
  readonly defaultStatePath: string;
  /** The test provisioner's log. */
  readonly log: string;
  /** The environment to apply with: TEST_LOG set. */
  readonly env: NodeJS.ProcessEnv;
  /** Rewrites cdk.tf.json, as a re-synth with changed code would. */
  write(resources: Record<string, FixtureResource>): void;
}

export function makeStack(root: string, resources: Record<string, FixtureResource>, stackName = 'demo'): Fixture {
  const dir = path.join(root, 'cdktf.out', 'stacks', stackName);
  fs.mkdirSync(path.dirname(path.join(dir, HANDLER_ASSET)), { recursive: true });
  fs.copyFileSync(PROVISIONER_SOURCE, path.join(dir, HANDLER_ASSET));
  const backendPath = path.join(root, `terraform.${stackName}.tfstate`);
  const log = path.join(root, `provisioner-${stackName}.log`);
  const write = (r: Record<string, FixtureResource>): void => {
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(stackDocument(stackName, r, backendPath), null, 2));
  };
  write(resources);
  return {
    root,
    dir,
    stackName,
    defaultStatePath: path.join(root, `cos-media-local.${stackName}.tfstate.json`),
    log,
    env: { ...process.env, TEST_LOG: log },
    write,
  };
}

export interface LogEntry {
  readonly name?: string;
  readonly command: string;
  readonly cwd: string;
  readonly argv: readonly string[];
  readonly raw?: string;
  readonly triggers?: Record<string, string> | null;
  readonly mode?: string;
  /** COS_MEDIA_RESOURCE_ID: `self.id`. */
  readonly resourceId?: string;
  readonly event: 'start' | 'end' | 'failed';
  readonly snapshot?: string;
}

export function readLog(file: string): LogEntry[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LogEntry);
}

/** `create A`, `delete B`: the provisioner runs that started, in order. */
export function starts(file: string): string[] {
  return readLog(file)
    .filter((e) => e.event === 'start')
    .map((e) => `${e.command} ${e.name}`);
}

export function clearLog(file: string): void {
  fs.rmSync(file, { force: true });
}

/** A sink that keeps the lines, for assertions. */
export function memorySink(): OutputSink & { lines: Array<{ line: string; level: LogLevel }>; text(): string } {
  const lines: Array<{ line: string; level: LogLevel }> = [];
  const sink = ((line: string, level: LogLevel) => {
    lines.push({ line, level });
  }) as OutputSink & { lines: typeof lines; text(): string };
  sink.lines = lines;
  sink.text = () => lines.map((l) => l.line).join('\n');
  return sink;
}

/** Makes the test provisioner of resource `name` fail (or stop failing) for `command`. */
export function setFailure(fixture: Fixture, name: string, command: 'create' | 'delete', fail: boolean): void {
  const file = `${fixture.log}.fail-${name}-${command}`;
  if (fail) fs.writeFileSync(file, '');
  else fs.rmSync(file, { force: true });
}

/** Makes the test provisioner of resource `name` hang (or stop hanging) on `command`. */
export function setHang(fixture: Fixture, name: string, command: 'create' | 'delete', hang: boolean): void {
  const file = `${fixture.log}.hang-${name}-${command}`;
  if (hang) fs.writeFileSync(file, '');
  else fs.rmSync(file, { force: true });
}

/** Resolves with the pid of the hanging provisioner of `name` once it hangs. */
export async function hangingPid(fixture: Fixture, name: string, timeoutMs = 20000): Promise<number> {
  const file = `${fixture.log}.hanging-${name}`;
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') === '') {
    if (Date.now() > deadline) throw new Error(`the provisioner of ${name} did not start hanging within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Number(fs.readFileSync(file, 'utf8'));
}
