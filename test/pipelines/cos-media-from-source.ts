/** The `cos-media` command run from the current sources (by scripts/run-ts.js), for tests that run it as a program. */
import { main } from '../../src/cli';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`cos-media: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
