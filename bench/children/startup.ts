/**
 * Spawns `node <handler> --help` and `node -e 0` alternately, `rounds` times each after `warmup`, and prints
 * `{ handler: ms[], node: ms[] }` — from a small process of its own, so the spawning parent's size (the bench
 * has cdktf loaded) does not add to either side.
 *
 * Argument: `{ handler, rounds, warmup }`.
 */
import { spawnSync } from 'node:child_process';

const { handler, rounds, warmup } = JSON.parse(process.argv[2] as string) as { handler: string; rounds: number; warmup: number };

function time(args: string[]): number {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  return ms;
}

const out = { handler: [] as number[], node: [] as number[] };
for (let i = 0; i < warmup + rounds; i++) {
  const order: Array<'handler' | 'node'> = i % 2 === 0 ? ['handler', 'node'] : ['node', 'handler'];
  for (const which of order) {
    const ms = time(which === 'handler' ? [handler, '--help'] : ['-e', '0']);
    if (i >= warmup) out[which].push(ms);
  }
}
process.stdout.write(`${JSON.stringify(out)}\n`);
