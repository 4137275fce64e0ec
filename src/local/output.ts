/** Where the runner's lines go. Terraform prints progress and warnings on stdout and errors on stderr. */
export type LogLevel = 'info' | 'warning' | 'error';
export type OutputSink = (line: string, level: LogLevel) => void;

/** Writes info and warnings to stdout, errors to stderr, one line each. */
export function consoleSink(stdout: NodeJS.WritableStream = process.stdout, stderr: NodeJS.WritableStream = process.stderr): OutputSink {
  return (line, level) => {
    (level === 'error' ? stderr : stdout).write(`${line}\n`);
  };
}

/**
 * An elapsed time as Terraform prints it ("after 2s", "[1m5s elapsed]"): rounded to the second, in Go's
 * Duration.String() form.
 */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}
