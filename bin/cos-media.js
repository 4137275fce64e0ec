#!/usr/bin/env node
'use strict';
// The `cos-media` command. The TypeScript sources are compiled to dist/ by `npm run build`
// (run automatically by `npm ci` / `npm install` through the `prepare` script).
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('cos-media: dist/cli.js is missing; run `npm run build` first\n');
  process.exit(1);
}
require(cli).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`cos-media: ${err && err.message ? err.message : err}\n`); process.exitCode = 1; },
);
