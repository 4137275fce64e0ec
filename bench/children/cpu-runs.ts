/**
 * Runs commands one after another, alternating between them, and prints the CPU time (user + system) each
 * used per run: `{ cpuMs: number[][], wallMs: number[][] }` (one list per command, one figure per round).
 *
 * The CPU time of a child is read from this process's own `/proc/self/stat` (`cutime` + `cstime`, which
 * grow by a child's CPU time when it is reaped): exact for the whole child, its start and exit included, and
 * with nothing preloaded into it. The clock ticks are 10 ms, so the figures are averages over `perRound`
 * runs per round. Without /proc (not Linux) it prints `{ unsupported: true }`.
 *
 * Argument: the path of a JSON file holding `{ commands: [{ args, env?, cwd?, variants? }], rounds, perRound, warmup }`; each command is
 * `<file> <args>` (`file` defaults to this `node`); `variants` (one per run, never reused) are added to the environment of successive runs.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';

interface Command {
  /** The program. @default - this `node` */
  readonly file?: string;
  readonly args: string[];
  readonly env?: Record<string, string>;
  readonly cwd?: string;
  /** The exit code every run must end with. @default 0 */
  readonly exitCode?: number;
  /** Environment added to each run in turn, one entry per run (e.g. each run creates another resource). */
  readonly variants?: Record<string, string>[];
}
const { commands, rounds, perRound, warmup } = JSON.parse(fs.readFileSync(process.argv[2] as string, 'utf8')) as {
  commands: Command[];
  rounds: number;
  perRound: number;
  warmup: number;
};

const TICK_MS = 10;
function childrenCpuMs(): number {
  const stat = fs.readFileSync('/proc/self/stat', 'utf8');
  // Fields after the command name (which may hold spaces) start at index 2 ("state"); cutime and cstime
  // are fields 16 and 17 (1-based).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * TICK_MS;
}

const used = new Map<Command, number>();
function run(c: Command): number {
  let env: NodeJS.ProcessEnv = c.env ?? process.env;
  if (c.variants) {
    const n = used.get(c) ?? 0;
    const variant = c.variants[n];
    if (variant === undefined) throw new Error(`cpu-runs: only ${c.variants.length} variants for ${c.args.join(' ')}`);
    used.set(c, n + 1);
    env = { ...env, ...variant };
  }
  const started = process.hrtime.bigint();
  const r = spawnSync(c.file ?? process.execPath, c.args, { env, cwd: c.cwd ?? process.cwd(), stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== (c.exitCode ?? 0)) throw new Error(`${c.file ?? 'node'} ${c.args.join(' ')} exited ${r.status ?? r.signal}: ${r.stderr.toString().slice(-3000)}${r.stdout.toString().slice(-3000)}`);
  return Number(process.hrtime.bigint() - started) / 1e6;
}

if (!fs.existsSync('/proc/self/stat')) {
  process.stdout.write(`${JSON.stringify({ unsupported: true })}\n`);
} else {
  const cpuMs: number[][] = commands.map(() => []);
  const wallMs: number[][] = commands.map(() => []);
  for (let round = 0; round < warmup + rounds; round++) {
    const order = commands.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      const before = childrenCpuMs();
      let wall = 0;
      for (let k = 0; k < perRound; k++) wall += run(commands[i] as Command);
      if (round >= warmup) {
        (cpuMs[i] as number[]).push((childrenCpuMs() - before) / perRound);
        (wallMs[i] as number[]).push(wall / perRound);
      }
    }
  }
  process.stdout.write(`${JSON.stringify({ cpuMs, wallMs })}\n`);
}
