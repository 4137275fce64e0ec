/**
 * The handler's entry file, `cos-media-handler.js`: what Terraform's `local-exec` runs. Where Node has a
 * compile cache (`module.enableCompileCache()`, Node >= 22.1), it turns it on (in Node's default place: the
 * `NODE_COMPILE_CACHE` directory, else `node-compile-cache` in the OS temp dir) and then loads the
 * operations from `cos-media-handler-core.js` beside it, so that bundle's code is not compiled from scratch
 * on every run. Without it, or if the cache cannot be used, the start is a normal one: Node reports a cache
 * problem as a status, never as an error, and this file ignores it.
 */
import * as nodeModule from 'node:module';

type WithCompileCache = { enableCompileCache?: () => unknown };

try {
  (nodeModule as WithCompileCache).enableCompileCache?.();
} catch {
  // A normal start.
}

// Resolved beside this file at run time (the bundle script keeps it out of this file).
(require('./cos-media-handler-core.js') as { main(): void }).main();
