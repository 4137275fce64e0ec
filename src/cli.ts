/**
 * The `cos-media` command line. Each sub-command lives in its own module; this file only dispatches.
 */
import { runDemo } from './demo/demo';
import { runEmulatorCommand } from './emulator/cli';
import { runLocalCommand } from './local/cli';
import { runPlanReportCommand } from './report/cli';

const USAGE = `usage: cos-media <command> [options]

commands:
  plan <stackDir>              show what apply would do to a synthesized stack (the local runner)
  apply <stackDir>             apply a synthesized stack with the local runner (no prompt)
  destroy <stackDir>           destroy everything the local runner created for the stack
  plan-report <plan.json|->    Markdown summary of a \`terraform show -json\` plan, for pull requests
  emulator                     run the local COS + Cloud Infinite emulator (--port, --host, --data-dir, --repair, --job-duration-ms)
  demo [--reset]               the offline demo behind \`npm start\` (emulator + local runner, no account)
  help                         this text
`;

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
    case 'emulator':
      return runEmulatorCommand(argv.slice(1));
    case 'demo':
      return runDemo(argv.slice(1), {
        out: (line) => process.stdout.write(`${line}\n`),
        err: (line) => process.stderr.write(`${line}\n`),
      });
    default:
      process.stderr.write(`cos-media: unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}
