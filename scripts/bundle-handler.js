#!/usr/bin/env node
'use strict';
// Bundles the apply-time handler into dist/handler-bundle/, the directory the constructs ship into every
// synthesized stack as a cdktf asset:
// - cos-media-handler.js: the entry (src/handler/entry.ts), which turns on Node's compile cache where Node has
//   one and loads the core beside it;
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
 * (`npm run bench`, rows "handler CPU per job resource" and "terraform apply"). Two parts of undici that the
 * handler never runs are left out of the bundle:
 * - `client-h2.js` loads `node:http2` at start (about 6 ms of CPU) for HTTP/2, which undici negotiates only
 *   when `allowH2` is set; our transport never sets it, so its connect function is replaced by one that fails
 *   as a connection error would.
 * - `node:assert` (about 5 ms: its error class loads the terminal colour support) is used by undici's
 *   internals only as `assert(value)`; a plain function that throws the same `AssertionError` name stands in.
 */
const leanUndici = {
  name: 'lean-undici',
  setup(build) {
    build.onLoad({ filter: /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client-h2\.js$/ }, () => ({
      contents:
        "'use strict';\nmodule.exports = function connectH2() {\n" +
        "  throw new Error('cos-media-handler: the server chose HTTP/2, which this handler does not use');\n};\n",
      loader: 'js',
    }));
    build.onResolve({ filter: /^(node:)?assert$/ }, (args) =>
      /[\\/]undici[\\/]/.test(args.importer) ? { path: 'undici-assert', namespace: 'lean-undici' } : undefined,
    );
    build.onLoad({ filter: /^undici-assert$/, namespace: 'lean-undici' }, () => ({
      contents:
        "'use strict';\nclass AssertionError extends Error {\n  constructor(message) {\n    super(message);\n" +
        "    this.name = 'AssertionError';\n    this.code = 'ERR_ASSERTION';\n  }\n}\n" +
        "function assert(value, message) {\n  if (!value) throw message instanceof Error ? message : new AssertionError(message ?? 'assertion failed');\n}\n" +
        'assert.ok = assert;\nassert.AssertionError = AssertionError;\nmodule.exports = assert;\n',
      loader: 'js',
    }));
  },
};

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', minify: true, legalComments: 'none', logLevel: 'warning' };

/** Writes the two files into `targetDir` (default dist/handler-bundle) and returns the entry's path. */
async function bundleHandler(targetDir = outdir) {
  fs.mkdirSync(targetDir, { recursive: true });
  await Promise.all([
    esbuild.build({ ...common, plugins: [leanUndici], entryPoints: [path.join(root, 'src', 'handler', 'main.ts')], outfile: path.join(targetDir, CORE) }),
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
