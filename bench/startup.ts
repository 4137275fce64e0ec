/**
 * 2. Handler start-up: `node dist/handler-bundle/cos-media-handler.js --help` (what every Terraform provisioner pays before
 * any request) vs `node -e 0`, spawned alternately by a small child process (children/startup.ts), after
 * warm-up.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchContext } from './lib/context';
import { childScript, lastJsonLine, runNodeOk } from './lib/children';
import { handlerPath } from './lib/handler-run';
import { measured, type Row } from './lib/report';
import { median } from './lib/stats';

export async function benchStartup(ctx: BenchContext): Promise<Row[]> {
  const rounds = ctx.quick ? 15 : 41;
  const handler = handlerPath();
  const script = await childScript('startup');
  const r = await runNodeOk([script, JSON.stringify({ handler, rounds, warmup: 3 })]);
  const times = lastJsonLine<{ handler: number[]; node: number[] }>(r.stdout);
  ctx.log(`  start-up: handler ${Math.round(median(times.handler))} ms, node -e 0 ${Math.round(median(times.node))} ms`);
  // The entry and the core it loads.
  const bundleDir = path.dirname(handler);
  const bytes = fs.readdirSync(bundleDir).reduce((sum, f) => sum + fs.statSync(path.join(bundleDir, f)).size, 0);
  return [
    {
      name: 'handler start-up (--help) vs node -e 0',
      ours: measured(times.handler, 'ms', median),
      baseline: measured(times.node, 'ms', median),
      ratio: median(times.handler) / median(times.node),
      goal: { op: '<=', value: 1.5, label: '≤ 1.5×' },
      notes: [`spawn to exit, ${rounds} runs each, alternating; bundle ${Math.round(bytes / 1024)} KiB`],
      details: { bundleBytes: bytes },
    },
  ];
}
