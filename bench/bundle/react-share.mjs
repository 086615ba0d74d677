// Pulse's share of a customer's production bundle: examples/react (React 19, the tracker,
// the elements and their JSX types) built by Vite for production, as `npm run build` does,
// with its modules grouped into chunks: Pulse's own packages, lit (the elements' one
// dependency), React, and the app. Each chunk minified and gzipped on its own; the split
// costs a few import/export bytes, so the groups add up to a little more than one chunk.
//
//   node bench/bundle/react-share.mjs [--json]
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('../../examples/react/', import.meta.url));

/** The group a module belongs to, by its resolved path. */
function groupOf(id) {
  if (/[\\/]packages[\\/](core|tracker|widget)[\\/]/.test(id) || /[\\/]@pulse[\\/]/.test(id)) return 'pulse';
  if (/[\\/]node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]/.test(id)) return 'lit';
  if (/[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/.test(id)) return 'react';
  return undefined; // the app and Vite's runtime
}

const kB = (bytes) => Math.round(bytes / 100) / 10;

/**
 * Builds the example in memory and measures each group, min+gzip.
 *
 * @example
 * const { pulseShare } = await run(); // → e.g. 0.24
 */
export async function run() {
  const output = await build({
    root,
    logLevel: 'silent',
    build: {
      write: false,
      rolldownOptions: { output: { manualChunks: (id) => groupOf(id) } },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output).filter((c) => c.type === 'chunk');
  const sizes = { pulse: 0, lit: 0, react: 0, app: 0 };
  for (const chunk of chunks) {
    const group = ['pulse', 'lit', 'react'].find((g) => chunk.name === g) ?? 'app';
    sizes[group] += gzipSync(chunk.code, { level: 9 }).length;
  }
  const total = sizes.pulse + sizes.lit + sizes.react + sizes.app;
  const withLit = sizes.pulse + sizes.lit;
  const table = [
    '| part of the React example | min+gzip | share |',
    '|---|---:|---:|',
    ...[
      ['Pulse (tracker, elements, core) + lit', withLit],
      ['  of which lit', sizes.lit],
      ['React + React DOM', sizes.react],
      ['the app itself', sizes.app],
      ['whole app', total],
    ].map(([label, bytes]) => `| ${label} | ${kB(bytes)} kB | ${Math.round((1000 * bytes) / total) / 10}% |`),
  ].join('\n');
  return {
    kind: 'bundle-share',
    bytes: { ...sizes, total },
    pulseShare: withLit / total,
    litShare: sizes.lit / total,
    table,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await run();
  console.log(process.argv.includes('--json') ? JSON.stringify(result) : result.table);
}
