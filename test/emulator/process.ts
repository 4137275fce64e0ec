/** Starting the emulator as a child process (the same code as `cos-media emulator`, from the TypeScript sources). */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

const HOOK = path.join(__dirname, 'fixtures', 'ts-hook.js');
const ENTRY = path.join(__dirname, 'fixtures', 'emulator-process.ts');

export interface EmulatorProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything the process printed so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process is gone. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export async function spawnEmulator(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<EmulatorProcess> {
  const child = spawn(process.execPath, ['-r', HOOK, ENTRY, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (): void => {
      const m = /listening on (http:\/\/\S+)/.exec(text);
      if (m) {
        child.stdout!.off('data', onData);
        resolve(m[1] as string);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code }) => reject(new Error(`emulator exited (${code}) before listening:\n${text}`)));
  });
  return { child, url, output: () => text, exited };
}
