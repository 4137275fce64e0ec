import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Triggers } from './jsonencode';
import type { StackConfig } from './stack-config';

/**
 * The local runner's own state file: what Terraform's state would hold for our `null_resource`s (id,
 * triggers, tainted or not, dependencies), in a format of our own so it can never be mistaken for, or
 * clobber, a real Terraform state.
 */

export const STATE_FORMAT = 'cos-media-local-state';
export const STATE_VERSION = 1;

export interface ResourceState {
  /** Random id: decimal like null_resource's, or a UUID like terraform_data's. */
  readonly id: string;
  /** The triggers the resource was created with: what a destroy provisioner gets as `self.triggers`. */
  readonly triggers: Triggers | null;
  /** A create-time provisioner failed: the next apply replaces it and skips its destroy provisioners. */
  readonly tainted: boolean;
  /** depends_on at the time it was created: orders destroys, like Terraform's stored dependencies. */
  readonly dependencies: readonly string[];
}

export interface LocalState {
  readonly format: typeof STATE_FORMAT;
  readonly version: typeof STATE_VERSION;
  readonly stack: string;
  /**
   * Random per state history ('' until the first write); a plan is applied only to the state it was made
   * from (lineage + serial).
   */
  readonly lineage: string;
  /** Incremented on every write. */
  readonly serial: number;
  /** By address, in the order they were recorded. */
  readonly resources: Readonly<Record<string, ResourceState>>;
}

/** The state of a stack never applied: no file yet. */
export function emptyState(stack: string): LocalState {
  return { format: STATE_FORMAT, version: STATE_VERSION, stack, lineage: '', serial: 0, resources: {} };
}

/**
 * Where the state lives when `--state` is not given. cdktf writes a `local` backend whose path is absolute
 * (`<project>/terraform.<stack>.tfstate`), so Terraform itself keeps the stack's state in the project
 * directory, outside `cdktf.out` — a re-synth never touches it, and a copy of the stack directory applies
 * against the same state. The runner follows Terraform: `cos-media-local.<stack>.tfstate.json` beside the
 * backend's state file. Without a backend block (hand-written stacks) Terraform keeps its state in the
 * working directory, and so does the runner. Other backends (s3, cloud, …) need `--state FILE`.
 */
export function defaultStatePath(config: Pick<StackConfig, 'dir' | 'stackName' | 'backend'>): string {
  const file = `cos-media-local.${config.stackName}.tfstate.json`;
  const backend = config.backend;
  if (backend === undefined) return path.join(config.dir, file);
  if (backend.type !== 'local' || backend.path === undefined) {
    throw new StatePathError(
      `stack "${config.stackName}" uses the "${backend.type}" backend, which the local runner cannot use; ` +
        'pass --state FILE to keep the local state in a file',
    );
  }
  const dir = path.dirname(backend.path);
  if (!fs.existsSync(dir)) {
    throw new StatePathError(
      `stack "${config.stackName}" keeps its Terraform state in ${dir} (its local backend path), which does not ` +
        'exist here (was the stack synthesized on another machine?); pass --state FILE',
    );
  }
  return path.join(dir, file);
}

export class StatePathError extends Error {
  override readonly name = 'StatePathError';
}

/** A state file that exists but cannot be used. Never overwritten by the runner. */
export class StateFileError extends Error {
  override readonly name = 'StateFileError';
}

/** Reads the state; a missing file is an empty state for `stack`. */
export function readState(file: string, stack: string): LocalState {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return emptyState(stack);
    throw new StateFileError(`state file ${file} cannot be read: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new StateFileError(`state file ${file} is not valid JSON (${(err as Error).message}); it was left untouched`);
  }
  const state = validateState(json, file);
  if (state.stack !== stack) {
    throw new StateFileError(
      `state file ${file} belongs to stack "${state.stack}", not "${stack}"; pass the right --state FILE`,
    );
  }
  return state;
}

function validateState(json: unknown, file: string): LocalState {
  const bad = (why: string): StateFileError =>
    new StateFileError(`state file ${file} is not a cos-media local state: ${why}; it was left untouched`);
  if (!isRecord(json)) throw bad('not a JSON object');
  if (json.format !== STATE_FORMAT) throw bad(`"format" must be "${STATE_FORMAT}", got ${JSON.stringify(json.format)}`);
  if (json.version !== STATE_VERSION) {
    throw bad(`"version" ${JSON.stringify(json.version)} is not supported (this runner reads version ${STATE_VERSION})`);
  }
  if (typeof json.stack !== 'string' || typeof json.lineage !== 'string') throw bad('"stack" and "lineage" must be strings');
  if (!Number.isSafeInteger(json.serial) || (json.serial as number) < 0) throw bad('"serial" must be a whole number');
  if (!isRecord(json.resources)) throw bad('"resources" must be an object');
  for (const [address, r] of Object.entries(json.resources)) {
    const ok =
      isRecord(r) &&
      typeof r.id === 'string' &&
      typeof r.tainted === 'boolean' &&
      (r.triggers === null || (isRecord(r.triggers) && Object.values(r.triggers).every((v) => typeof v === 'string'))) &&
      Array.isArray(r.dependencies) &&
      r.dependencies.every((d) => typeof d === 'string');
    if (!ok) throw bad(`resource ${JSON.stringify(address)} must have id, triggers, tainted and dependencies`);
  }
  return json as unknown as LocalState;
}

/**
 * Writes the state atomically: a temporary file in the same directory, flushed to disk, then renamed over
 * the old one. A reader (or a runner killed mid-write) sees the old state or the new one, never a mix.
 */
export function writeState(file: string, state: LocalState): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(state, null, 2)}\n`);
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  syncDirectory(dir);
}

/** Makes the rename itself durable (best effort: not every platform can fsync a directory). */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Directory fsync is unsupported on some platforms (Windows); the rename is still atomic.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A new state with one resource set (or removed, with `undefined`) and the serial incremented. */
export function withResource(state: LocalState, address: string, resource: ResourceState | undefined): LocalState {
  const resources: Record<string, ResourceState> = { ...state.resources };
  if (resource === undefined) delete resources[address];
  else resources[address] = resource;
  return { ...state, serial: state.serial + 1, resources };
}

/**
 * A new resource id as Terraform makes them: for a null_resource a random non-negative 63-bit integer in
 * decimal (the null provider's), for a terraform_data a random UUID (Terraform's built-in provider's).
 */
export function randomResourceId(type: 'null_resource' | 'terraform_data' = 'null_resource'): string {
  if (type === 'terraform_data') return crypto.randomUUID();
  return (crypto.randomBytes(8).readBigUInt64BE() >> 1n).toString();
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
