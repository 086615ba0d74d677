// Each SDK's adapter bundled as a customer's app build would bundle it, with each
// bundler's defaults: esbuild (`--bundle --minify`, ESM, nothing defined: the SDK
// must pick its production code by itself) and a Vite production build (every JS
// chunk it emits, lazy ones included). min+gzip, level 9, as `sizeOf` counts.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const gz = (code) => gzipSync(code, { level: 9 }).length;

async function esbuildDefaults(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles.reduce((n, f) => n + gz(f.contents), 0);
}

/** Every `.js` file under `dir`. */
async function jsFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.js')).map((e) => join(e.parentPath ?? e.path, e.name));
}

async function viteDefaults(entry) {
  const { build: viteBuild } = await import('vite');
  const outDir = await mkdtemp(join(tmpdir(), 'pulse-bench-vite-'));
  try {
    await viteBuild({
      configFile: false,
      logLevel: 'silent',
      root: dirname(entry),
      build: { outDir, emptyOutDir: true, rollupOptions: { input: entry } },
    });
    let bytes = 0;
    for (const file of await jsFiles(outDir)) bytes += gz(await readFile(file));
    return bytes;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/**
 * `{ esbuild, vite }` min+gzip bytes of an app that initialises one SDK through its
 * adapter and tracks an event (`{ error }` if a bundler fails on it). An app entry, not
 * the adapter itself: an app build keeps no exports, so an unused SDK would vanish.
 */
export async function customerBundle(sdk) {
  const dir = await mkdtemp(join(tmpdir(), `pulse-bench-app-${sdk.id}-`));
  const entry = join(dir, 'app.js');
  const adapter = join(here, 'adapters', `${sdk.id}.js`);
  await writeFile(
    entry,
    `import { init } from ${JSON.stringify(adapter)};\ninit({ sink: 'https://collector.example', writeKey: 'k' }).then((sdk) => sdk.track('Bench Event', { plan: 'pro' }));\n`,
  );
  try {
    return { esbuild: await esbuildDefaults(entry), vite: await viteDefaults(entry) };
  } catch (error) {
    return { error: (error instanceof Error ? error.message : String(error)).split('\n')[0] };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
