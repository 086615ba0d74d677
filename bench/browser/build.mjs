// Bundles each SDK's adapter the way a customer's build would: esbuild, minified,
// ESM with code splitting, so chunks an SDK imports lazily stay separate files that
// the page fetches (and the sink counts) only if the SDK asks for them. Every SDK,
// Pulse included, is bundled from its package as published (Pulse's `dist/`, from
// `npm run build`), not from source.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
export const DIST = join(here, '..', 'dist', 'browser');

/** Same production define as the root rollup build, for every SDK alike. */
const define = { 'process.env.NODE_ENV': '"production"', __PULSE_DEV__: 'false' };

/**
 * Builds one SDK into `bench/dist/browser/<id>/` (entry `entry.js`, chunks beside it).
 * Returns `{ dir, files }` with each output's bytes, or `{ error }` when it cannot be built.
 * `entry` and `dir` replace the adapter and the output folder: the end-to-end tests
 * bundle their own adapters (the setups docs/collector.md shows) the same way.
 */
export async function buildSdk(sdk, { entry = join(here, 'adapters', `${sdk.id}.js`), dir = join(DIST, sdk.id) } = {}) {
  await rm(dir, { recursive: true, force: true });
  if (sdk.id === 'pulse' && !existsSync(join(here, '..', '..', 'packages', 'tracker', 'dist', 'index.js'))) {
    return { dir, error: '@pulse/tracker is not built: run `npm run build` first' };
  }
  try {
    const result = await build({
      entryPoints: { entry },
      outdir: dir,
      bundle: true,
      format: 'esm',
      splitting: true,
      minify: true,
      target: 'es2020',
      platform: 'browser',
      define,
      legalComments: 'none',
      metafile: true,
      logLevel: 'silent',
    });
    const files = Object.entries(result.metafile.outputs).map(([path, o]) => ({ path, bytes: o.bytes }));
    return { dir, files };
  } catch (error) {
    return { dir, error: error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error) };
  }
}
