import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { jsonencodeTriggers, type Triggers } from './jsonencode';
import type { OutputSink } from './output';
import type { LocalExecProvisioner } from './stack-config';

export interface LocalExecRun {
  /** `null_resource.A`: prefixes every line. */
  readonly address: string;
  readonly provisioner: LocalExecProvisioner;
  /** `self.triggers`: the configuration's for a create, the state's (old) ones for a destroy. */
  readonly selfTriggers: Triggers | null;
  /** `self.id`: the id the object has (create) or had (destroy). */
  readonly selfId?: string;
  /** The stack directory: the working directory, as Terraform runs in it. */
  readonly stackDir: string;
  /** The environment the provisioner's own `environment` is added to. */
  readonly baseEnv: NodeJS.ProcessEnv;
  readonly sink: OutputSink;
}

export type LocalExecResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Runs one local-exec provisioner as Terraform does: `interpreter[0]` with the rest of the interpreter and
 * the command as arguments (no shell unless the interpreter is one), stdin closed, the environment
 * inherited plus `environment`, and each line of stdout and stderr printed as `<address> (local-exec): …`.
 */
export function runLocalExec(run: LocalExecRun): Promise<LocalExecResult> {
  const { address, provisioner: p, sink } = run;
  const argv = [...p.interpreter, p.command];
  const prefix = `${address} (local-exec):`;
  sink(`${address}: Provisioning with 'local-exec'...`, 'info');
  sink(`${prefix} Executing: ${p.quiet ? 'Suppressed by quiet=true' : goQuotedList(argv)}`, 'info');

  const env: NodeJS.ProcessEnv = { ...run.baseEnv };
  for (const [name, value] of Object.entries(p.environment)) {
    env[name] = value.kind === 'literal' ? value.value : value.kind === 'self-id' ? (run.selfId ?? '') : jsonencodeTriggers(run.selfTriggers);
  }
  const cwd = p.workingDir === undefined ? run.stackDir : path.resolve(run.stackDir, p.workingDir);

  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: LocalExecResult): void => {
      if (!settled) {
        settled = true;
        resolve(result);
      }
    };
    const child = spawn(argv[0] as string, argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const flushOut = streamLines(child.stdout, (line) => sink(`${prefix} ${line}`, 'info'));
    const flushErr = streamLines(child.stderr, (line) => sink(`${prefix} ${line}`, 'info'));
    child.on('error', (err) => {
      flushOut();
      flushErr();
      finish({ ok: false, reason: `could not start ${JSON.stringify(argv[0])} in ${cwd}: ${err.message}` });
    });
    child.on('close', (code, signal) => {
      flushOut();
      flushErr();
      if (code === 0) finish({ ok: true });
      else finish({ ok: false, reason: signal ? `signal: ${signal}` : `exit status ${code}` });
    });
  });
}

/** Calls `onLine` for each complete line (without `\n` or `\r\n`); the returned function flushes the rest. */
function streamLines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): () => void {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  const emit = (text: string): void => {
    pending += text;
    let nl = pending.indexOf('\n');
    while (nl !== -1) {
      onLine(pending.slice(0, nl).replace(/\r$/, ''));
      pending = pending.slice(nl + 1);
      nl = pending.indexOf('\n');
    }
  };
  stream.on('data', (chunk: Buffer) => emit(decoder.write(chunk)));
  let flushed = false;
  return () => {
    if (flushed) return;
    flushed = true;
    emit(decoder.end());
    if (pending !== '') onLine(pending.replace(/\r$/, ''));
    pending = '';
  };
}

/** `["node" "h.js" "create"]`, as Go's `%q` prints a string slice in Terraform's "Executing:" line. */
function goQuotedList(args: readonly string[]): string {
  return `[${args.map((a) => JSON.stringify(a)).join(' ')}]`;
}
