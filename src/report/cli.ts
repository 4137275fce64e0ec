/** `cos-media plan-report <terraform-show.json | ->`: prints the Markdown review summary of a plan. */
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { PlanInputError } from './plan-json';
import { planReport } from './plan-report';

export const PLAN_REPORT_USAGE = `usage: cos-media plan-report <terraform-show.json | ->

Prints a Markdown summary of a Terraform plan for a pull request: templates created, changed or deleted;
VideoEnhance jobs and batch inputs to be (re-)submitted and why; buckets; other resources; and a warning
line when the plan submits paid jobs. Make the input with:

  terraform plan -out plan.tfplan && terraform show -json plan.tfplan > plan.json

Use - to read the JSON from standard input. Exit status: 0 report printed, 2 bad input or usage.
`;

export interface PlanReportIo {
  readonly stdout?: NodeJS.WritableStream;
  readonly stderr?: NodeJS.WritableStream;
  /** Read when the argument is `-`. @default process.stdin */
  readonly stdin?: NodeJS.ReadableStream;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Runs the command; `args` are the arguments after `plan-report`. */
export async function runPlanReportCommand(args: readonly string[], io: PlanReportIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  const fail = (message: string, usage = false): number => {
    stderr.write(`cos-media plan-report: ${message}\n${usage ? PLAN_REPORT_USAGE : ''}`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (err) {
    return fail((err as Error).message, true);
  }
  if (parsed.values.help) {
    stdout.write(PLAN_REPORT_USAGE);
    return 0;
  }
  if (parsed.positionals.length !== 1) {
    return fail(`expected one plan JSON file (or -), got ${parsed.positionals.length}`, true);
  }
  const file = parsed.positionals[0] as string;
  let text: string;
  try {
    text = file === '-' ? await readAll(io.stdin ?? process.stdin) : fs.readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(`cannot read ${file}${code ? ` (${code})` : ''}: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  try {
    stdout.write(planReport(text));
    return 0;
  } catch (err) {
    if (err instanceof PlanInputError) return fail(`${file === '-' ? 'standard input' : file}: ${err.message}`);
    throw err;
  }
}
