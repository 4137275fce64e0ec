/**
 * A dependency graph walk like Terraform's: a step starts once every step it depends on has succeeded, at
 * most `parallelism` steps run at once, a failed step's dependents are skipped while independent steps go
 * on, and once `shouldStart` says no (an interrupt) nothing new starts and the running steps are awaited.
 */

export interface Step<T> {
  readonly key: string;
  /** Keys of steps that must succeed first. Keys not in the graph are ignored. */
  readonly after: readonly string[];
  readonly value: T;
}

export type StepOutcome = 'succeeded' | 'failed' | 'skipped';

export interface WalkOptions<T> {
  readonly parallelism: number;
  /** Runs one step; resolves true on success. A rejection counts as a failure. */
  readonly run: (step: Step<T>) => Promise<boolean>;
  /** Asked before each start. @default always */
  readonly shouldStart?: () => boolean;
}

/**
 * Walks `steps`; among the steps that are ready, earlier ones in the array start first.
 * Resolves to each step's outcome, keyed by step key.
 */
export function walkGraph<T>(steps: readonly Step<T>[], options: WalkOptions<T>): Promise<Map<string, StepOutcome>> {
  const cycle = findCycle(steps);
  if (cycle) return Promise.reject(new Error(`the steps form a cycle: ${cycle.join(' -> ')}`));
  const keys = new Set(steps.map((s) => s.key));
  const outcome = new Map<string, StepOutcome>();
  const started = new Set<string>();
  let running = 0;

  return new Promise((resolve) => {
    const pump = (): void => {
      // Skip every step downstream of a failure (repeat until nothing changes: skips propagate).
      let changed = true;
      while (changed) {
        changed = false;
        for (const s of steps) {
          if (started.has(s.key) || outcome.has(s.key)) continue;
          const blocked = s.after.some((k) => keys.has(k) && (outcome.get(k) === 'failed' || outcome.get(k) === 'skipped'));
          if (blocked) {
            outcome.set(s.key, 'skipped');
            changed = true;
          }
        }
      }
      for (const s of steps) {
        if (running >= options.parallelism) break;
        if (started.has(s.key) || outcome.has(s.key)) continue;
        if (!s.after.every((k) => !keys.has(k) || outcome.get(k) === 'succeeded')) continue;
        if (options.shouldStart && !options.shouldStart()) break;
        started.add(s.key);
        running += 1;
        options.run(s).then(
          (ok) => settle(s.key, ok ? 'succeeded' : 'failed'),
          () => settle(s.key, 'failed'),
        );
      }
      if (running === 0) {
        for (const s of steps) if (!outcome.has(s.key)) outcome.set(s.key, 'skipped');
        resolve(outcome);
      }
    };
    const settle = (key: string, result: StepOutcome): void => {
      outcome.set(key, result);
      running -= 1;
      pump();
    };
    pump();
  });
}

/** A cycle among the steps' `after` edges, as a list of keys, or undefined. */
export function findCycle<T>(steps: readonly Step<T>[]): string[] | undefined {
  const byKey = new Map(steps.map((s) => [s.key, s]));
  const mark = new Map<string, 'open' | 'closed'>();
  const trail: string[] = [];
  const visit = (key: string): string[] | undefined => {
    if (mark.get(key) === 'closed') return undefined;
    if (mark.get(key) === 'open') return [...trail.slice(trail.indexOf(key)), key];
    mark.set(key, 'open');
    trail.push(key);
    for (const next of byKey.get(key)?.after ?? []) {
      if (!byKey.has(next)) continue;
      const found = visit(next);
      if (found) return found;
    }
    trail.pop();
    mark.set(key, 'closed');
    return undefined;
  };
  for (const s of steps) {
    const found = visit(s.key);
    if (found) return found;
  }
  return undefined;
}
