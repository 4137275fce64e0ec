/**
 * 1. Synth: a stack of N `VideoEnhanceJob`s vs N bare `null_resource`s with the same triggers (what our
 * constructs add: validation, canonical form, hashing, escaping, provisioners, the handler asset), and 10×N
 * vs N jobs (linear?). Every synthesis runs in a fresh process; time is App creation to the end of synth,
 * peak memory is the process's max RSS.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchContext } from './lib/context';
import { childScript, lastJsonLine, runNodeOk } from './lib/children';
import { measured, type Row } from './lib/report';
import { median, round } from './lib/stats';

interface SynthFigures {
  ms: number;
  maxRssMiB: number;
}

export async function benchSynth(ctx: BenchContext): Promise<Row[]> {
  const n = ctx.quick ? 200 : 1000;
  const big = n * 10;
  const rounds = ctx.quick ? 3 : 5;
  const bigRounds = ctx.quick ? 1 : 3;
  const script = await childScript('synth');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-bench-synth-'));
  const triggersFile = path.join(tmp, 'triggers.json');
  const synth = async (arg: Record<string, unknown>): Promise<SynthFigures> => {
    const outdir = fs.mkdtempSync(path.join(tmp, 'out-'));
    try {
      return lastJsonLine<SynthFigures>((await runNodeOk([script, JSON.stringify({ ...arg, outdir })])).stdout);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  };
  const ours: SynthFigures[] = [];
  const bare: SynthFigures[] = [];
  const large: SynthFigures[] = [];
  try {
    // Warm-up (and the triggers for the bare stacks).
    await synth({ mode: 'ours', count: n, dumpTriggers: triggersFile });
    await synth({ mode: 'bare', triggersFile });
    for (let i = 0; i < rounds; i++) {
      ours.push(await synth({ mode: 'ours', count: n }));
      bare.push(await synth({ mode: 'bare', triggersFile }));
      ctx.log(`  synth round ${i + 1}/${rounds}: ${n} jobs ${Math.round(ours[i]?.ms ?? 0)} ms, ${n} bare ${Math.round(bare[i]?.ms ?? 0)} ms`);
    }
    for (let i = 0; i < bigRounds; i++) {
      large.push(await synth({ mode: 'ours', count: big }));
      ctx.log(`  synth ${big} jobs: ${Math.round(large[i]?.ms ?? 0)} ms, ${Math.round(large[i]?.maxRssMiB ?? 0)} MiB`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const ms = (xs: SynthFigures[]): number[] => xs.map((x) => x.ms);
  const rss = (xs: SynthFigures[]): number[] => xs.map((x) => x.maxRssMiB);
  return [
    {
      name: `synth ${n} VideoEnhanceJobs vs ${n} bare null_resources`,
      ours: measured(ms(ours), 'ms', median),
      baseline: measured(ms(bare), 'ms', median),
      ratio: median(ms(ours)) / median(ms(bare)),
      goal: { op: '<=', value: 1.5, label: '≤ 1.5×' },
      notes: ['App creation to end of synth, fresh process each; bare = the same triggers, no provisioners'],
    },
    {
      name: `synth peak memory, ${n} jobs vs ${n} bare`,
      ours: measured(rss(ours), 'MiB', median),
      baseline: measured(rss(bare), 'MiB', median),
      ratio: median(rss(ours)) / median(rss(bare)),
      notes: ['max RSS of the synthesizing process (cdktf and its modules included)'],
    },
    {
      name: `synth ${big} jobs vs ${n} jobs (linear = 10×)`,
      ours: measured(ms(large), 'ms', median),
      baseline: measured(ms(ours), 'ms', median),
      ratio: median(ms(large)) / median(ms(ours)),
      goal: { op: '<=', value: 12, label: '≤ 12×' },
      details: { peakMemoryMiB: { [big]: round(median(rss(large)), 1), [n]: round(median(rss(ours)), 1) } },
    },
    {
      name: `synth peak memory, ${big} jobs vs ${n} jobs`,
      ours: measured(rss(large), 'MiB', median),
      baseline: measured(rss(ours), 'MiB', median),
      ratio: median(rss(large)) / median(rss(ours)),
    },
  ];
}
