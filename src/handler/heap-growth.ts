/**
 * Bounds how far V8 lets the heap grow past what is live, for the rest of the handler process.
 *
 * A batch holds its inputs' states all run long (about 40 MB at 100,000 inputs) while every request allocates
 * briskly (its XML, its parse, the socket's buffers), part of which lives long enough to reach the old
 * generation. V8's default then lets the old generation grow to about four times what was live at the last
 * full collection before it collects again, so the process's peak RSS is set by that factor more than by what
 * it holds. `--heap-growing-percent` caps the factor; it is read at every full collection, so setting it at
 * run time works. Measured at 100,000 inputs (`npm run bench -- --only scale`): the peak RSS falls by a third
 * for a few per cent more CPU.
 *
 * Set through run-time-flags.ts, so such a run writes no code cache (V8 would refuse it to the next runs).
 * A no-op when V8 flags cannot be set (it only bounds memory).
 */
import { setV8FlagsAtRunTime } from './run-time-flags';

export const HEAP_GROWING_PERCENT = 50;

export function boundHeapGrowth(percent = HEAP_GROWING_PERCENT): void {
  setV8FlagsAtRunTime(`--heap-growing-percent=${percent}`);
}
