#!/usr/bin/env node
'use strict';
// Runs a TypeScript program of this repository (an example app, a benchmark) without a separate compile
// step: esbuild bundles it with our own sources (the `cdktf-cos-media` import resolves to src/index.ts),
// leaves npm packages external, and the result is run in this process.
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');

async function runTs(entry, args) {
  const abs = path.resolve(entry);
  const cacheDir = path.join(root, 'node_modules', '.cache', 'cos-media');
  fs.mkdirSync(cacheDir, { recursive: true });
  const outfile = path.join(cacheDir, `${path.relative(root, abs).replace(/[\\/]/g, '__')}.js`);
  await esbuild.build({
    entryPoints: [abs],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    alias: { 'cdktf-cos-media': path.join(root, 'src', 'index.ts') },
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  process.argv = [process.argv[0], abs, ...args];
  // Run it as the main module, so `require.main === module` holds in the entry file.
  const Module = require('node:module');
  const m = new Module(outfile, null);
  m.filename = outfile;
  m.paths = Module._nodeModulePaths(root);
  require.main = m;
  process.mainModule = m;
  m.loaded = false;
  m._compile(fs.readFileSync(outfile, 'utf8'), outfile);
}

if (require.main === module) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    process.stderr.write('usage: node scripts/run-ts.js <file.ts> [args...]\n');
    process.exit(2);
  }
  runTs(entry, args).catch((err) => {
    process.stderr.write(`${err.stack || err.message}\n`);
    process.exit(1);
  });
}
module.exports = { runTs };
