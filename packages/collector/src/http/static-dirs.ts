import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { StaticDirs } from './routes/static-routes.js';

const require = createRequire(import.meta.url);

/**
 * The folder of a package this one depends on, found the way Node finds a bare
 * import (the `node_modules` folders from here up), so it works in the
 * monorepo (a workspace link) and in an install alike. It needs neither the
 * package's `exports` to list `package.json` nor its build to exist.
 *
 * @example
 * packageDir('@pulse/widget'); // → '/app/node_modules/@pulse/widget'
 */
export function packageDir(name: string): string {
  for (const base of require.resolve.paths(name) ?? []) {
    const dir = join(base, name);
    if (existsSync(join(dir, 'package.json'))) return realpathSync(dir);
  }
  throw new Error(`${name} is not installed: it is a dependency of @pulse/collector (run npm install)`);
}

/**
 * The built browser artefacts the collector serves, from the packages it
 * depends on: the widget and tracker bundles for `/sdk/*`, the dashboard for
 * `/dashboard/`.
 *
 * @example
 * const dirs = { ...defaultStaticDirs(), root: 'demo/dist' };
 */
export function defaultStaticDirs(): StaticDirs {
  return {
    sdk: [join(packageDir('@pulse/widget'), 'dist'), join(packageDir('@pulse/tracker'), 'dist')],
    dashboard: join(packageDir('@pulse/dashboard'), 'dist'),
  };
}
