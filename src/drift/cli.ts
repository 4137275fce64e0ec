/**
 * `cos-media drift <stackDir> [--state FILE] [--json | --markdown]`: compares what the stack's state says
 * was applied with the service, and changes nothing. Exit status as `terraform plan -detailed-exitcode`:
 * 0 in sync, 2 drift, 1 error (and 1 for a usage error, printed with the usage).
 */
import { parseArgs } from 'node:util';
import { readApplied } from './applied';
import { checkResource } from './check';
import { renderJson, renderMarkdown, renderText, type DriftReport } from './render';

export const DRIFT_USAGE = `usage: cos-media drift <stackDir> [--state FILE] [--json | --markdown]

Compares what the stack's state says was applied (Terraform's state file, or the local runner's) with the
service: templates missing, edited (field by field against the declared spec) or replaced under the same
name; media processing disabled on a bucket; jobs the configuration wants that are missing, Failed or
cancelled. Read-only. Credentials and COS_MEDIA_ENDPOINT come from the environment, as for apply.

exit status: 0 in sync, 2 drift found, 1 error.
`;

export interface DriftIo {
  readonly stdout?: NodeJS.WritableStream;
  readonly stderr?: NodeJS.WritableStream;
  readonly env?: NodeJS.ProcessEnv;
}

/** Resources checked at once. */
const CONCURRENCY = 4;

export async function buildDriftReport(stackDir: string, env: NodeJS.ProcessEnv, statePath?: string): Promise<DriftReport> {
  const read = readApplied(stackDir, statePath);
  // The stack's template set holds nothing in the cloud: each template it lists is checked through its own resource.
  const applied = { ...read, resources: read.resources.filter((r) => r.triggers.kind !== 'template-set') };
  const results = new Array<DriftReport['resources'][number]>(applied.resources.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(CONCURRENCY, applied.resources.length) }, async () => {
      while (next < applied.resources.length) {
        const i = next++;
        results[i] = await checkResource(applied.resources[i] as (typeof applied.resources)[number], env, applied.config.dir);
      }
    }),
  );
  return {
    stack: applied.config.stackName,
    statePath: applied.statePath,
    stateKind: applied.stateKind,
    inSync: results.every((r) => r.findings.length === 0),
    resources: results,
  };
}

export async function runDriftCommand(args: readonly string[], io: DriftIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { state: { type: 'string' }, json: { type: 'boolean' }, markdown: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (err) {
    stderr.write(`cos-media drift: ${(err as Error).message}\n${DRIFT_USAGE}`);
    return 1;
  }
  if (parsed.values.help) {
    stdout.write(DRIFT_USAGE);
    return 0;
  }
  if (parsed.positionals.length !== 1 || (parsed.values.json && parsed.values.markdown)) {
    stderr.write(`cos-media drift: expected one stack directory and at most one of --json, --markdown\n${DRIFT_USAGE}`);
    return 1;
  }
  let report: DriftReport;
  try {
    report = await buildDriftReport(parsed.positionals[0] as string, io.env ?? process.env, parsed.values.state);
  } catch (err) {
    stderr.write(`cos-media drift: ${(err as Error).message.replace(/\n\s*/g, ' ')}\n`);
    return 1;
  }
  stdout.write(parsed.values.json ? renderJson(report) : parsed.values.markdown ? renderMarkdown(report) : renderText(report));
  return report.inSync ? 0 : 2;
}
