/** Assertions on validation problems: the path, the rule (a fragment of its words) and the value. */
import type { Problem } from '../../src/model';

/** Expects exactly one problem at `path`, whose rule contains `rule` and whose value equals `value`. */
export function expectProblem(problems: readonly Problem[], path: string, rule: string, value: unknown): void {
  const at = problems.filter((p) => p.path === path);
  if (at.length !== 1) {
    throw new Error(`expected one problem at ${path}, got:\n${JSON.stringify(problems, null, 2)}`);
  }
  const p = at[0] as Problem;
  expect(p.rule).toContain(rule);
  expect(p.value).toEqual(value);
}

/** Expects that the problems are exactly those at the given paths (any order). */
export function expectPaths(problems: readonly Problem[], paths: readonly string[]): void {
  expect(problems.map((p) => p.path).sort()).toEqual([...paths].sort());
}

/** Expects that `problems` holds this one problem and nothing else. */
export function expectOnlyProblem(problems: readonly Problem[], path: string, rule: string, value: unknown): void {
  if (problems.length !== 1) {
    throw new Error(`expected only a problem at ${path}, got:\n${JSON.stringify(problems, null, 2)}`);
  }
  expectProblem(problems, path, rule, value);
}
