/**
 * The `cos-media` command line. Each sub-command lives in its own module; this file only dispatches.
 */
const USAGE = `usage: cos-media <command> [options]

commands:
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
    case 'demo':
      process.stdout.write('cos-media demo: not yet — the offline demo lands with a later issue. Try `npm test`.\n');
      return 0;
    default:
      process.stderr.write(`cos-media: unknown command '${command}'\n${USAGE}`);
      return 2;
  }
}
