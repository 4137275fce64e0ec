/**
 * The repository root: the nearest directory above this file with a package.json. (`__dirname` is not
 * chaos/ when the campaign runs through scripts/run-ts.js, which bundles it under node_modules/.cache.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function packageRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'src'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package root above ${from}`);
  }
}
