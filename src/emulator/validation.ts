/** Turns the model's validation problems into the `InvalidArgument` a real service answers with. */
import type { Problem } from '../model';
import { ApiError, shown } from './errors';

/** `Operation.Watermark.0.Dx must be …, got "500"; Tag must be …` — every problem, each naming its field. */
export function problemsMessage(problems: readonly Problem[], prefix = ''): string {
  return problems.map((p) => `${prefix}${p.path} ${p.rule}, got ${shown(p.value)}`).join('; ');
}

/** Throws `code` (default `InvalidArgument`) listing every problem; does nothing when there are none. */
export function rejectProblems(problems: readonly Problem[], code = 'InvalidArgument', prefix = ''): void {
  if (problems.length > 0) throw new ApiError(code, problemsMessage(problems, prefix));
}
