/**
 * Where the bundled handler lives, and the one cdktf asset per stack that copies it into the stack
 * directory, so a synthesized stack applies anywhere `node` (>= 20) is on PATH. The asset is the bundle's
 * directory: the entry `cos-media-handler.js` and the core `cos-media-handler-core.js` it loads.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';

/** The entry file `npm run build` (and the test setup) writes with esbuild (scripts/bundle-handler.js). */
export const HANDLER_BUNDLE_NAME = 'cos-media-handler.js';

/**
 * Finds the bundle's entry: `COS_MEDIA_HANDLER_BUNDLE` (an entry file whose directory holds the bundle and
 * nothing else), else `dist/handler-bundle/` of this package.
 */
export function handlerBundlePath(): string {
  const override = process.env.COS_MEDIA_HANDLER_BUNDLE;
  if (override) return path.resolve(override);
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.join(dir, 'dist', 'handler-bundle', HANDLER_BUNDLE_NAME);
}

const ASSET_ID = 'CosMediaHandler';

/** The entry's path in the stack dir, per stack that has the asset. */
const ENTRY_IN_STACK = new WeakMap<TerraformStack, string>();

/** The handler asset of the stack that holds `scope`, created on first use. Returns the entry's path in the stack dir. */
export function handlerAssetPath(scope: IConstruct): string {
  const stack = TerraformStack.of(scope);
  const known = ENTRY_IN_STACK.get(stack);
  if (known !== undefined) return known;
  const bundle = handlerBundlePath();
  if (!fs.existsSync(bundle)) {
    throw new Error(
      `cdktf-cos-media: the handler bundle ${bundle} is missing; run \`npm run build\` in the cdktf-cos-media package`,
    );
  }
  const asset = new TerraformAsset(stack, ASSET_ID, { path: path.dirname(bundle), type: AssetType.DIRECTORY });
  const entry = `${asset.path}/${path.basename(bundle)}`;
  ENTRY_IN_STACK.set(stack, entry);
  return entry;
}
