/**
 * `npm run chaos [-- --runs N --seed S --inputs N --keep never|failed|always --out FILE --source]`
 *
 * Runs the reliability campaign (chaos/run.ts, chaos/campaign.ts), prints one line per run, the table and
 * the summary, and writes the results as JSON (default chaos/results.json). Exit status 0 when every run
 * left no duplicate, missing job or orphaned template, no secret leaked and the whole bad-input corpus was
 * rejected well; 1 otherwise; 2 for bad arguments.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runCampaign, scanResultsText } from './campaign';
import { builtEmulatorLaunch, sourceEmulatorLaunch } from './emulator-process';
import { packageRoot } from './package-root';
import { formatRunTable, runRow, summaryLines, summaryMarkdown } from './report';

export const CHAOS_USAGE = `usage: npm run chaos -- [--runs N] [--seed S] [--inputs N] [--keep never|failed|always] [--out FILE] [--source]

  --runs N     seeded runs (default 50)
  --seed S     run i uses seed S + i (default: each run takes a new seed from the clock, printed with the
               run, so a failed run replays with --seed <its seed> --runs 1)
  --inputs N   inputs of every run's batch stack (default: 200, and 201-260 in one run in three, drawn
               from the run's seed, so the input list goes through the manifest file)
  --keep K     keep run directories: never, failed (default), always
  --out FILE   results file (default chaos/results.json)
  --source     run the emulator from the TypeScript sources instead of the built dist/ CLI
  --skip-slow-submits
               never hold a job submission past the handler's response timeout (by default one run in five does)
`;

function wholeNumber(raw: string | undefined, name: string, min: number, fallback: number, problems: string[]): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || !Number.isSafeInteger(Number(raw))) {
    problems.push(`--${name} must be a whole number of at least ${min}, got ${JSON.stringify(raw)}`);
    return fallback;
  }
  return Number(raw);
}

export async function runChaosCommand(args: readonly string[], out: (text: string) => void = (t) => void process.stdout.write(t)): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        runs: { type: 'string' },
        seed: { type: 'string' },
        inputs: { type: 'string' },
        keep: { type: 'string' },
        out: { type: 'string' },
        source: { type: 'boolean' },
        'skip-slow-submits': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    out(`chaos: ${(err as Error).message}\n${CHAOS_USAGE}`);
    return 2;
  }
  if (values.help) {
    out(CHAOS_USAGE);
    return 0;
  }
  const problems: string[] = [];
  const runs = wholeNumber(values.runs as string | undefined, 'runs', 1, 50, problems);
  const seed: number | 'clock' = values.seed === undefined ? 'clock' : wholeNumber(values.seed as string, 'seed', 0, 1, problems);
  const batchInputs = wholeNumber(values.inputs as string | undefined, 'inputs', 2, 200, problems);
  const manifestBatches = values.inputs === undefined;
  const keep = (values.keep as string | undefined) ?? 'failed';
  if (keep !== 'never' && keep !== 'failed' && keep !== 'always') problems.push(`--keep must be never, failed or always, got ${JSON.stringify(keep)}`);
  if (problems.length > 0) {
    out(`chaos: ${problems.join('; ')}\n${CHAOS_USAGE}`);
    return 2;
  }
  const root = packageRoot();
  const outFile = path.resolve((values.out as string | undefined) ?? path.join(root, 'chaos', 'results.json'));
  const launch = values.source ? await sourceEmulatorLaunch() : builtEmulatorLaunch();
  const handler = path.join(root, 'dist', 'handler-bundle', 'cos-media-handler.js');
  if (!fs.existsSync(handler) || (!values.source && !fs.existsSync(path.join(root, 'dist', 'cli.js')))) {
    out('chaos: dist/ is missing; run `npm run build` first (npm run chaos does)\n');
    return 1;
  }

  // Every run ships this copy: jest's global setup (anyone's `npm test`) rewrites dist/handler-bundle/,
  // and a campaign of half an hour must test one handler throughout.
  const commit = gitCommit(root);
  // The whole bundle (entry and core), same file names: the campaign finds handler processes by the entry's.
  const pinnedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cos-media-chaos-handler-'));
  const pinned = path.join(pinnedDir, path.basename(handler));
  fs.cpSync(path.dirname(handler), pinnedDir, { recursive: true });
  const previousBundle = process.env.COS_MEDIA_HANDLER_BUNDLE;
  process.env.COS_MEDIA_HANDLER_BUNDLE = pinned;

  out(
    `reliability campaign: ${runs} runs, ${seed === 'clock' ? 'seeds from the clock (replay a run with --seed <seed> --runs 1)' : `seeds from ${seed}`}, ` +
      `batch of ${batchInputs} inputs${manifestBatches ? ' (201-260 in one run in three: manifest)' : ''}\n`,
  );
  let result: Awaited<ReturnType<typeof runCampaign>>;
  try {
    result = await runCampaign({
      runs,
      seed,
      batchInputs,
      manifestBatches,
      keep: keep as 'never' | 'failed' | 'always',
      slowSubmits: values['skip-slow-submits'] !== true,
      launch,
      onRun: (r, i) => {
        out(`run ${i + 1}/${runs}: ${runRow(r).join(' ')}\n`);
        for (const p of r.problems.slice(0, 8)) out(`  problem: ${p}\n`);
        if (r.runDir) out(`  kept: ${r.runDir}\n`);
      },
    });
  } finally {
    fs.rmSync(pinnedDir, { recursive: true, force: true });
    if (previousBundle === undefined) delete process.env.COS_MEDIA_HANDLER_BUNDLE;
    else process.env.COS_MEDIA_HANDLER_BUNDLE = previousBundle;
  }
  const command =
    `npm run chaos -- --runs ${runs}${seed === 'clock' ? '' : ` --seed ${seed}`}${manifestBatches ? '' : ` --inputs ${batchInputs}`}` +
    `${values['skip-slow-submits'] ? ' --skip-slow-submits' : ''}`;
  const text = `${JSON.stringify({ command, commit, node: process.version, finishedAt: new Date().toISOString(), summary: result.summary, runs: result.runs }, null, 2)}\n`;
  const leaked = scanResultsText(text);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, leaked === 0 ? text : '{"error": "the results held the secret key and were not written"}\n');

  out(`\n${formatRunTable(result.runs)}\n\n`);
  for (const f of result.summary.badInputs.failures) out(`bad input not rejected well: ${f.name}: ${f.reasons.join('; ')}\n`);
  for (const line of summaryLines(result.summary)) out(`${line}\n`);
  out(`\nresults: ${path.relative(process.cwd(), outFile) || outFile}\n\n${summaryMarkdown(result.summary, command)}\n`);
  return result.summary.ok && leaked === 0 ? 0 : 1;
}

/** The checked-out commit (with `+dirty` when src/ has changes), for the record; `undefined` outside git. */
function gitCommit(root: string): string | undefined {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${head}+dirty` : head;
  } catch {
    return undefined;
  }
}

if (require.main === module) {
  // Interrupted: exit through process.exit, so that the emulator children are killed on the way out.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  runChaosCommand(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: Error) => {
      process.stderr.write(`chaos: ${err.stack ?? err.message}\n`);
      process.exitCode = 1;
    },
  );
}
