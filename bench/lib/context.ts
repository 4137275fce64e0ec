/** What every benchmark gets from bench/run.ts. */
export interface BenchContext {
  /** `--quick`: smaller sizes and fewer rounds, the whole run under a minute. */
  readonly quick: boolean;
  /** Progress lines (stderr). */
  log(line: string): void;
  /** Where `--profile` puts CPU profiles, if asked. */
  readonly profileDir?: string;
}
