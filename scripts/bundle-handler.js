#!/usr/bin/env node
'use strict';
// Bundles the apply-time handler into dist/handler-bundle/, the directory the constructs ship into every
// synthesized stack as a cdktf asset:
// - cos-media-handler.js: the entry (src/handler/entry.ts), which loads the core beside it with a V8 code
//   cache (src/handler/code-cache.ts);
// - cos-media-handler-core.js: src/handler/main.ts and everything it imports, in one file.
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const outdir = path.join(root, 'dist', 'handler-bundle');
/** The entry file: what `node` runs. */
const outfile = path.join(outdir, 'cos-media-handler.js');
const CORE = 'cos-media-handler-core.js';

/**
 * Every Terraform provisioner starts the handler, so what it loads at start is paid once per resource
 * (`npm run bench`, rows "handler CPU per job resource" and "terraform apply"). The handler sends through
 * Node's own http clients; undici is used only when a caller injects a dispatcher
 * (src/client/undici-sender.ts), which the handler never does. So undici is left out of the bundle: a
 * module that fails loudly stands in for it, should that ever change.
 */
const noUndici = {
  name: 'no-undici',
  setup(build) {
    build.onResolve({ filter: /^undici(\/.*)?$/ }, () => ({ path: 'undici', namespace: 'no-undici' }));
    build.onLoad({ filter: /.*/, namespace: 'no-undici' }, () => ({
      contents: "'use strict';\nthrow new Error('cos-media-handler: undici is not bundled; the handler sends through node:http');\n",
      loader: 'js',
    }));
  },
};

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, legalComments: 'none', logLevel: 'warning' };

/** Writes the two files into `targetDir` (default dist/handler-bundle) and returns the entry's path. */
async function bundleHandler(targetDir = outdir) {
  fs.mkdirSync(targetDir, { recursive: true });
  await Promise.all([
    esbuild.build({ ...common, plugins: [noUndici], entryPoints: [path.join(root, 'src', 'handler', 'main.ts')], outfile: path.join(targetDir, CORE) }),
    esbuild.build({
      ...common,
      entryPoints: [path.join(root, 'src', 'handler', 'entry.ts')],
      outfile: path.join(targetDir, 'cos-media-handler.js'),
      external: [`./${CORE}`],
    }),
  ]);
  return path.join(targetDir, 'cos-media-handler.js');
}

module.exports = { bundleHandler, outfile, outdir };
if (require.main === module) {
  bundleHandler().catch((err) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  });
}
