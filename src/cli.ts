/**
 * The `cos-media` command line. Each sub-command lives in its own module; this file only dispatches.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runDriftCommand } from './drift/cli';
import { runEmulatorCommand } from './emulator/cli';
import { runLocalCommand } from './local/cli';
import { runPlanReportCommand } from './report/cli';
import { runResultsCommand } from './results';

const USAGE = `usage: cos-media <command> [options]

commands:
  plan <stackDir> [--out F]    show what apply would do to a synthesized stack (the local runner);
                               --out also writes it as Terraform's JSON plan, for plan-report
  apply <stackDir>             apply a synthesized stack with the local runner (no prompt)
  destroy <stackDir>           destroy everything the local runner created for the stack
  plan-report <plan.json|->    Markdown summary of a \`terraform show -json\` plan, for pull requests
  results <stackDir> [--json]  every resource's results (template ids, job ids, states, outputs); exits 1 if a job failed
  drift <stackDir>             compare what was applied with the service (--json, --markdown; exit 0 in sync, 2 drift, 1 error)
  emulator                     run the local COS + Cloud Infinite emulator (--port, --host, --data-dir, --repair, --job-duration-ms)
  demo [--reset]               the offline demo behind \`npm start\` (emulator + local runner, no account)
  help                         this text
`;

export const DEMO_FROM_CLONE =
  'the demo runs only from a clone of the repository: clone it, then run `npm ci && npm start` there';

/** Whether this is a clone (the demo's example app and dist/demo are there), not an installed package. */
function isClone(): boolean {
  const root = path.join(__dirname, '..');
  return (
    fs.existsSync(path.join(root, 'examples', 'enhance-pipeline', 'main.ts')) &&
    fs.existsSync(path.join(root, 'scripts', 'run-ts.js')) &&
    fs.existsSync(path.join(__dirname, 'demo'))
  );
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    case 'plan':
    case 'apply':
    case 'destroy':
      return runLocalCommand([...argv]);
    case 'plan-report':
      return runPlanReportCommand(argv.slice(1));
    case 'results':
      return runResultsCommand(argv.slice(1), { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) });
    case 'drift':
      return runDriftCommand(argv.slice(1));
    case 'emulator':
      return runEmulatorCommand(argv.slice(1));
    case 'demo': {
      // The demo synthesizes examples/ of a clone and writes .demo/ there; the package ships neither it nor
      // dist/demo, so an installed copy refuses before starting anything.
      if (!isClone()) {
        process.stderr.write(`cos-media demo: ${DEMO_FROM_CLONE}\n`);
        return 2;
      }
      const { runDemo } = await import('./demo/demo');
      return runDemo(argv.slice(1), {
        out: (line) => process.stdout.write(`${line}\n`),
        err: (line) => process.stderr.write(`${line}\n`),
      });
    }
    default:
      process.stderr.write(`cos-media: unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}
