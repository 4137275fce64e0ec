/**
 * A validation problem: where (a dotted path such as `Operation.Watermark.1.Dx`), which rule, and the value
 * that broke it. Validators return every problem at once; callers throw one `SpecValidationError`.
 */
export interface Problem {
  /** Dotted path of the offending field, e.g. `Operation.VideoEnhance.MsSharpen.SharpenLevel`. */
  readonly path: string;
  /** The rule in words, e.g. `must be an integer in [0, 10]`. */
  readonly rule: string;
  /** The value given (`undefined` when the field is missing). */
  readonly value: unknown;
}

/** `` `path` must be …, got 912 `` — the one message shape used everywhere. */
export function formatProblem(p: Problem, prefix = ''): string {
  const shown = p.value === undefined ? 'nothing' : JSON.stringify(p.value);
  return `\`${prefix}${p.path}\` ${p.rule}, got ${shown}`;
}

/** One error listing every problem, each on its own line, with an optional subject (a construct path, a request). */
export class SpecValidationError extends Error {
  readonly problems: readonly Problem[];
  constructor(problems: readonly Problem[], subject?: string) {
    const head = subject ? `${subject}: ` : '';
    const lines = problems.map((p) => `  - ${formatProblem(p)}`);
    super(`${head}${problems.length} invalid value${problems.length === 1 ? '' : 's'}:\n${lines.join('\n')}`);
    this.name = 'SpecValidationError';
    this.problems = problems;
  }
}

/** Throws one `SpecValidationError` listing every problem; does nothing when there are none. */
export function assertValid(problems: readonly Problem[], subject?: string): void {
  if (problems.length > 0) throw new SpecValidationError(problems, subject);
}
