import * as fs from 'node:fs';
import * as os from 'node:os';

/**
 * A lock beside the state file (`<state>.lock`), held for the whole of an apply or destroy, as Terraform
 * locks its state: two runners on one state would each record only their own steps.
 *
 * The lock file is created exclusively and names its holder. A runner killed with `kill -9` leaves it
 * behind; since pipelines get killed, a lock whose holder was on this host and is no longer running is
 * taken over (with a warning) instead of blocking every later apply.
 */

export interface LockInfo {
  readonly pid: number;
  readonly host: string;
  readonly operation: string;
  readonly created: string;
}

export class StateLockedError extends Error {
  override readonly name = 'StateLockedError';
}

export interface StateLock {
  readonly file: string;
  /** Set when a stale lock of a dead runner was taken over. */
  readonly tookOver?: LockInfo;
  release(): void;
}

export function lockFileFor(stateFile: string): string {
  return `${stateFile}.lock`;
}

export function acquireStateLock(stateFile: string, operation: string): StateLock {
  const file = lockFileFor(stateFile);
  const info: LockInfo = { pid: process.pid, host: os.hostname(), operation, created: new Date().toISOString() };
  let tookOver: LockInfo | undefined;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      fs.writeFileSync(file, `${JSON.stringify(info)}\n`, { flag: 'wx', mode: 0o600 });
      let released = false;
      return {
        file,
        tookOver,
        release: () => {
          if (released) return;
          released = true;
          fs.rmSync(file, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readLockInfo(file);
    if (attempt === 0 && holder && holder.host === info.host && !isRunning(holder.pid)) {
      fs.rmSync(file, { force: true });
      tookOver = holder;
      continue;
    }
    const who = holder
      ? `${holder.operation} by process ${holder.pid} on ${holder.host} since ${holder.created}`
      : 'an unreadable lock';
    throw new StateLockedError(
      `state ${stateFile} is locked (${who}). If no runner is using it any more, delete ${file} and retry.`,
    );
  }
  throw new StateLockedError(`state ${stateFile} is locked; delete ${file} if no runner is using it`);
}

function readLockInfo(file: string): LockInfo | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const p = parsed as Record<string, unknown>;
    if (typeof p.pid !== 'number' || typeof p.host !== 'string') return undefined;
    return { pid: p.pid, host: p.host, operation: String(p.operation ?? 'unknown'), created: String(p.created ?? 'unknown') };
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
