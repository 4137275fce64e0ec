/**
 * Expected failures of the handler: they end the run with one clear line on stderr and a non-zero exit,
 * without a stack trace. Anything else is a bug and keeps its stack.
 */
export class HandlerFailure extends Error {
  /** Exit code: 1 for a failed operation, 2 for bad input (usage, triggers). */
  readonly exitCode: number;
  constructor(message: string, exitCode = 1) {
    super(message);
    this.name = 'HandlerFailure';
    this.exitCode = exitCode;
  }
}
