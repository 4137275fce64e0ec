#!/usr/bin/env node
'use strict';
// Bundles the apply-time handler (src/handler/main.ts) and everything it imports into one file,
// dist/cos-media-handler.js, which the constructs ship into every synthesized stack as a cdktf asset.
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const outfile = path.join(root, 'dist', 'cos-media-handler.js');

async function bundleHandler(target = outfile) {
  await esbuild.build({
    entryPoints: [path.join(root, 'src', 'handler', 'main.ts')],
    outfile: target,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return target;
}

module.exports = { bundleHandler, outfile };
if (require.main === module) {
  bundleHandler().catch((err) => {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  });
}
