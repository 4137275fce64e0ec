import { parseArgs } from 'node:util';
import { formatPlan } from './format-plan';
import { consoleSink } from './output';
import { planToJson, writePlanJson } from './plan-json';
import { loadStack } from './stack-config';
import { defaultStatePath } from './state';
import { applyStack, destroyAll, planStack } from './stack-runs';

/** `cos-media plan|apply|destroy <stackDir> [--state FILE] [--parallelism N] [--out plan.json]` */
export const LOCAL_USAGE = `usage: cos-media plan|apply|destroy <stackDir> [--state FILE] [--parallelism N]
       cos-media plan <stackDir> [--state FILE] --out plan.json

The offline stand-in for terraform plan / apply -auto-approve / destroy -auto-approve on a synthesized
cdktf stack directory (cdktf.out/stacks/<stack>). It runs the stack's local-exec provisioners the way
Terraform does and keeps its own state file; real deployments use terraform or cdktf deploy.

options:
  --state FILE       the local state file (default: cos-media-local.<stack>.tfstate.json beside the
                     stack's Terraform state, i.e. the local backend's directory)
  --parallelism N    steps run at once, dependencies respected (default 10, as terraform)
  --out FILE         plan only: also write the plan in Terraform's JSON plan format (what
                     \`terraform show -json <planfile>\` prints, format_version 1.2, resource_changes
                     only), for \`cos-media plan-report FILE\`; its terraform_version is "cos-media-local"
  -h, --help         this text
`;

export interface LocalCommandIo {
  readonly stdout?: NodeJS.WritableStream;
  readonly stderr?: NodeJS.WritableStream;
  /** The environment provisioners inherit. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** When given, interrupts come from here instead of SIGINT/SIGTERM. */
  readonly signal?: AbortSignal;
}

/**
 * Runs `plan`, `apply` or `destroy`; `args` starts with the command name.
 * Exit status: 0 success, 1 failure (refused stack, failed step, locked or unreadable state), 2 usage.
 */
export async function runLocalCommand(args: readonly string[], io: LocalCommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const [command, ...rest] = args;
  const usage = (message: string): number => {
    stderr.write(`cos-media: ${message}\n${LOCAL_USAGE}`);
    return 2;
  };
  if (command !== 'plan' && command !== 'apply' && command !== 'destroy') {
    return usage(`expected plan, apply or destroy, got ${JSON.stringify(command ?? '')}`);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: true,
      options: {
        state: { type: 'string' },
        parallelism: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    return usage((err as Error).message);
  }
  if (parsed.values.help) {
    stdout.write(LOCAL_USAGE);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    return usage(`${command} takes exactly one stack directory, got ${parsed.positionals.length}`);
  }
  const stackDir = parsed.positionals[0] as string;
  const out = parsed.values.out;
  if (out !== undefined && command !== 'plan') return usage(`--out is an option of plan only, not of ${command}`);
  if (out === '') return usage('--out needs a file name');
  let parallelism: number | undefined;
  if (parsed.values.parallelism !== undefined) {
    parallelism = Number(parsed.values.parallelism);
    if (!/^[1-9][0-9]*$/.test(parsed.values.parallelism) || !Number.isSafeInteger(parallelism)) {
      return usage(`--parallelism must be a whole number of at least 1, got ${JSON.stringify(parsed.values.parallelism)}`);
    }
  }

  const sink = consoleSink(stdout, stderr);
  const interrupts = io.signal || command === 'plan' ? undefined : interruptOnSignals();
  try {
    const config = loadStack(stackDir);
    const statePath = parsed.values.state ?? defaultStatePath(config);
    stdout.write(`Stack "${config.stackName}" in ${config.dir}\nState ${statePath}\n${notRunLine(config.notRun)}\n`);
    if (command === 'plan') {
      const planned = planStack(config, { statePath });
      stdout.write(`${formatPlan(planned.plan)}\n`);
      if (out !== undefined) {
        writePlanJson(out, planToJson(config, planned.state, planned.plan));
        stdout.write(`\nSaved the plan to: ${out} (Terraform's JSON plan format; try cos-media plan-report ${out})\n`);
      }
      return 0;
    }
    const options = { statePath, sink, parallelism, env: io.env, signal: io.signal ?? interrupts?.signal };
    const result = command === 'apply' ? await applyStack(config, options) : await destroyAll(config, options);
    return result.summary.ok ? 0 : 1;
  } catch (err) {
    stderr.write(`cos-media ${command}: ${(err as Error).message}\n`);
    return 1;
  } finally {
    interrupts?.dispose();
  }
}

/**
 * The first SIGINT/SIGTERM stops new steps (running provisioners finish and the state is saved); a second
 * one gets the signal's default action, as Terraform exits at once on a second interrupt.
 */
function interruptOnSignals(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
  const onSignal = (sig: NodeJS.Signals): void => {
    if (!controller.signal.aborted) {
      controller.abort();
      return;
    }
    dispose();
    process.kill(process.pid, sig);
  };
  const dispose = (): void => {
    for (const s of signals) process.off(s, onSignal);
  };
  for (const s of signals) process.on(s, onSignal);
  return { signal: controller.signal, dispose };
}

/** Names what the runner accepted and does not run, so that a plan or apply never looks complete when it is not. */
function notRunLine(notRun: readonly string[] | undefined): string {
  return notRun && notRun.length > 0 ? `Not run by the local runner (apply them with terraform): ${notRun.join(', ')}\n` : '';
}
