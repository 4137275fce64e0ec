/**
 * The `cos-media` command line. Each sub-command lives in its own module; this file only dispatches.
 */
import { runEmulatorCommand } from './emulator/cli';
import { runLocalCommand } from './local/cli';

const USAGE = `usage: cos-media <command> [options]

commands:
  plan <stackDir>              show what apply would do to a synthesized stack (the local runner)
  apply <stackDir>             apply a synthesized stack with the local runner (no prompt)
  destroy <stackDir>           destroy everything the local runner created for the stack
  emulator                     run the local COS + Cloud Infinite emulator (--port, --host, --data-dir, --job-duration-ms)
  demo                         the offline demo (not yet: lands with the demo issue)
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
    case 'emulator':
      return runEmulatorCommand(argv.slice(1));
    case 'demo':
      process.stdout.write('cos-media demo: not yet — the offline demo lands with a later issue. Try `npm test`.\n');
      return 0;
    default:
      process.stderr.write(`cos-media: unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}
