#!/usr/bin/env node
// Bundles the packages' npm builds (`dist/`, through their `exports`) the way a customer's
// app does, with each bundler's defaults: esbuild (bundle + minify) and a Vite build. Vite
// picks the `development` export condition from NODE_ENV, esbuild only when asked; either
// way a production build must get `dist/` and a development build `dist/development/`.
//
//   node scripts/customer-bundles.mjs [--development] [outDir]   (default: dist/size)
//
// writes `<outDir>/customer-esbuild.js` and `<outDir>/customer-vite.js`, which
// `.size-limit.json` measures. Run it after `npm run build`.
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** What a customer's page calls: create a tracker, identify, track, page (packages/tracker/size/customer.js). */
export const CUSTOMER_ENTRY = join(root, 'packages/tracker/size/customer.js');

/**
 * esbuild's defaults for an app bundle (`--bundle --minify`, ESM out); `development` adds the
 * condition as `--conditions=development` would.
 *
 * @example
 * const code = await esbuildBundle(CUSTOMER_ENTRY, { development: false });
 */
export async function esbuildBundle(entry, { development }) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
    ...(development && { conditions: ['development'] }),
  });
  return result.outputFiles[0].text;
}

/**
 * A Vite build of `entry` with Vite's defaults, written to `outDir/<name>`. Vite reads the
 * `development`/`production` condition from NODE_ENV when it loads, so a development build
 * runs in a process whose NODE_ENV is `development` (as `NODE_ENV=development vite build`).
 *
 * @example
 * await viteBundle(CUSTOMER_ENTRY, 'dist/size', 'customer-vite.js');
 */
export async function viteBundle(entry, outDir, name) {
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'silent',
    root: join(entry, '..'),
    build: {
      outDir,
      emptyOutDir: false,
      rollupOptions: { input: entry, output: { entryFileNames: name } },
    },
  });
  return readFileSync(join(outDir, name), 'utf8');
}

async function main() {
  const args = process.argv.slice(2);
  const development = args.includes('--development');
  const outDir = resolve(args.find((a) => !a.startsWith('--')) ?? join(root, 'dist/size'));
  if (development) process.env.NODE_ENV = 'development';
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'customer-esbuild.js'), await esbuildBundle(CUSTOMER_ENTRY, { development }));
  await viteBundle(CUSTOMER_ENTRY, outDir, 'customer-vite.js');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
