/**
 * `npm run bench [-- --quick] [-- --only synth,terraform,startup,submission,waiting,rate-limit,signing,scale] [-- --profile]`
 *
 * `--profile` also writes CPU profiles (node --cpu-prof) of one extra handler run and one SDK script run of the
 * submission benchmark, after the measured rounds, to a temp directory it prints.
 *
 * Measures this library against the alternatives side by side in one run (after warm-up, median of several
 * rounds), prints a table (benchmark, ours, baseline, ratio, goal, met?) with notes, and writes
 * bench/results.json. See bench/README-section.md for what each row means.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchContext } from './lib/context';
import { repoRoot } from './lib/children';
import { formatTable, machine, met, ratioLabel, type Row } from './lib/report';
import { round } from './lib/stats';
import { benchSubmission } from './submission';
import { benchRateLimit } from './rate-limit';
import { benchScale } from './scale';
import { benchSigning } from './signing';
import { benchStartup } from './startup';
import { benchSynth } from './synth';
import { benchTerraform } from './terraform';
import { benchWaiting } from './waiting';

type Bench = (ctx: BenchContext) => Promise<Row[]>;

const BENCHES: ReadonlyArray<readonly [string, Bench]> = [
  ['synth', benchSynth],
  ['terraform', benchTerraform],
  ['startup', benchStartup],
  ['submission', benchSubmission],
  ['waiting', benchWaiting],
  ['rate-limit', benchRateLimit],
  ['signing', benchSigning],
  ['scale', benchScale],
];

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`usage: npm run bench -- [--quick] [--only ${BENCHES.map(([n]) => n).join(',')}] [--profile]\n`);
    return 0;
  }
  const only = values.only?.split(',').map((s) => s.trim());
  const unknown = only?.filter((n) => !BENCHES.some(([name]) => name === n)) ?? [];
  if (unknown.length > 0) {
    process.stderr.write(`bench: unknown benchmark ${unknown.join(', ')}; known: ${BENCHES.map(([n]) => n).join(', ')}\n`);
    return 2;
  }
  const ctx: BenchContext = {
    quick: values.quick ?? false,
    log: (line) => process.stderr.write(`${line}\n`),
    ...(values.profile ? { profileDir: fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-bench-profiles-')) } : {}),
  };
  const started = Date.now();
  const rows: Row[] = [];
  for (const [name, bench] of BENCHES) {
    if (only && !only.includes(name)) continue;
    const t = Date.now();
    ctx.log(`bench: ${name}…`);
    rows.push(...(await bench(ctx)));
    ctx.log(`bench: ${name} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  const m = machine();
  process.stdout.write(`\n${formatTable(rows)}\n\n`);
  for (const r of rows) for (const note of r.notes ?? []) process.stdout.write(`- ${r.name}: ${note}\n`);
  if (ctx.profileDir) process.stdout.write(`\nCPU profiles: ${ctx.profileDir}\n`);
  process.stdout.write(`\n${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; ${values.quick ? '--quick, ' : ''}${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  const results = {
    generatedAt: new Date().toISOString(),
    command: `npm run bench${values.quick ? ' -- --quick' : ''}`,
    mode: values.quick ? 'quick' : 'full',
    durationSeconds: round((Date.now() - started) / 1000, 1),
    machine: m,
    benchmarks: rows.map((r) => ({ ...r, ratio: round(r.ratio, 4), ratioLabel: ratioLabel(r), met: met(r) ?? null })),
  };
  fs.writeFileSync(path.join(repoRoot(), 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    process.stderr.write(`bench: ${err.stack ?? err.message}\n`);
    process.exitCode = 1;
  },
);
