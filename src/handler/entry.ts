/**
 * The handler's entry file, `cos-media-handler.js`: what Terraform's `local-exec` runs. It loads the
 * operations from `cos-media-handler-core.js` beside it with a V8 code cache (code-cache.ts), so the
 * core's code is not compiled from scratch on every run, and starts them.
 */
import * as path from 'node:path';
import { CodeCacheSettingError, requireWithCodeCache } from './code-cache';

const operation = process.argv[2] === 'create' || process.argv[2] === 'delete' ? process.argv[2] : undefined;
let core: { main(): void };
try {
  core = requireWithCodeCache(path.join(__dirname, 'cos-media-handler-core.js'), operation, process.env) as { main(): void };
} catch (err) {
  if (err instanceof CodeCacheSettingError) {
    process.stderr.write(`cos-media-handler: ${err.message}\n`);
    process.exit(2);
  }
  // Any other cache problem must never stop the handler: load the core as plain `require` would.
  if ((err as { code?: string }).code === 'MODULE_NOT_FOUND') throw err;
  core = require('./cos-media-handler-core.js') as { main(): void };
}
core.main();
