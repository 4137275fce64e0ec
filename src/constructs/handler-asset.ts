/**
 * Where the bundled handler lives, and the one cdktf asset per stack that copies it into the stack
 * directory, so a synthesized stack applies anywhere `node` (>= 20) is on PATH.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AssetType, TerraformAsset, TerraformStack } from 'cdktf';
import type { IConstruct } from 'constructs';

/** The file `npm run build` (and the test setup) writes with esbuild from src/handler/main.ts. */
export const HANDLER_BUNDLE_NAME = 'cos-media-handler.js';

/** Finds the bundle: `COS_MEDIA_HANDLER_BUNDLE`, else `dist/` of this package. */
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
  return path.join(dir, 'dist', HANDLER_BUNDLE_NAME);
}

const ASSET_ID = 'CosMediaHandler';

/** The handler asset of the stack that holds `scope`, created on first use. Returns its path in the stack dir. */
export function handlerAssetPath(scope: IConstruct): string {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(ASSET_ID) as TerraformAsset | undefined;
  if (existing) return existing.path;
  const bundle = handlerBundlePath();
  if (!fs.existsSync(bundle)) {
    throw new Error(
      `cdktf-cos-media: the handler bundle ${bundle} is missing; run \`npm run build\` in the cdktf-cos-media package`,
    );
  }
  return new TerraformAsset(stack, ASSET_ID, { path: bundle, type: AssetType.FILE }).path;
}
