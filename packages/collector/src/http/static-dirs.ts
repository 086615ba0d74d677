import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StaticDirs } from './routes/static-routes.js';

// The collector package folder, found by walking up from this module: the same
// answer from `src/`, `dist/` and `dist/chunks/`.
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === '@pulse/collector'
    ) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) return dirname(dirname(fileURLToPath(import.meta.url)));
    dir = parent;
  }
}

/**
 * The built browser artefacts of this monorepo, relative to the collector
 * package: the widget and tracker bundles for `/sdk/*`, the dashboard for
 * `/dashboard/`.
 *
 * @example
 * const dirs = { ...defaultStaticDirs(), root: 'demo/dist' };
 */
export function defaultStaticDirs(): StaticDirs {
  const root = packageRoot();
  return {
    sdk: [join(root, '..', 'widget', 'dist'), join(root, '..', 'tracker', 'dist')],
    dashboard: join(root, '..', 'dashboard', 'dist'),
  };
}
