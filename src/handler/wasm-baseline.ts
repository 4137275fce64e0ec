/**
 * Keeps WebAssembly on V8's baseline compiler (Liftoff) in the handler process.
 *
 * undici parses HTTP with llhttp compiled to WebAssembly, compiled when the first connection opens. By default
 * V8 then also compiles the whole module with its optimizing compiler on background threads: about 120 ms of
 * CPU per handler start on a 2-core Xeon (Node 20), invisible in a main-thread `--cpu-prof` profile, and more
 * than everything else the handler does for one job resource together (`npm run bench -- --only terraform`).
 * A handler parses a few small responses per resource, for which the baseline code is fast enough; batches of
 * thousands of jobs are measured by the submission benchmark.
 *
 * Must run before the first connection; a no-op when V8 flags cannot be set (it is only a speed-up).
 */
export function keepWasmOnBaselineCompiler(): void {
  try {
    (require('node:v8') as typeof import('node:v8')).setFlagsFromString('--liftoff-only');
  } catch {
    // Not fatal: the handler only runs slower.
  }
}
