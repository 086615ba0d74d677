// Bundles collector sources for a benchmark (the packages' TypeScript, through the
// `source` export condition) into node_modules/.cache/pulse-bench/<name>.mjs, where
// the bundle resolves its dependencies: only the workspace's own sources are
// bundled, every npm dependency loads from node_modules as in production.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Bundles `exports` (lines of `export … from '<path under packages/collector/src>'`,
 * or the whole collector index when omitted) and resolves to the bundle's path.
 *
 * @example
 * const lib = await import(await bundleSources('collector'));
 */
export async function bundleSources(name, exports) {
  const out = join(root, 'node_modules', '.cache', 'pulse-bench', `${name}.mjs`);
  const src = (p) => JSON.stringify(join(root, 'packages/collector/src', p));
  await build({
    ...(exports
      ? {
          stdin: {
            contents: exports.map(([names, path]) => `export { ${names} } from ${src(path)};`).join('\n'),
            resolveDir: root,
            loader: 'ts',
          },
        }
      : { entryPoints: [join(root, 'packages/collector/src/index.ts')] }),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['source'],
    outfile: out,
    plugins: [
      {
        name: 'dependencies-external',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (a) => (a.path.startsWith('@pulse/') ? undefined : { external: true }));
        },
      },
    ],
    nodePaths: [join(root, 'node_modules')],
    logLevel: 'error',
  });
  return out;
}
