// One build for every package. Each package contributes a few entries through
// the small helpers below; an entry whose source does not exist yet is skipped,
// so the build stays green while a package is being written.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { builtinModules } from 'node:module';
import nodeResolve from '@rollup/plugin-node-resolve';
import dts from 'rollup-plugin-dts';
import { transform } from 'esbuild';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';

const exists = (file) => existsSync(new URL(file, import.meta.url));
const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const dependencyOf = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

/** Production define for browser bundles: strips dev-only warnings. */
const production = { 'process.env.NODE_ENV': '"production"', __PULSE_DEV__: 'false' };

/**
 * Properties of the tracker's own state objects and internal interfaces (`TrackerCore`,
 * `DeliveryState`, `DeliveryDeps`, the delivery loop, the emitter, `Prepared`,
 * `LifecycleHandlers`): never public, never stored or sent, never quoted, and no other
 * object in the tracker's bundles has them. The tracker's builds rename them to short
 * names, as a minifier does with local variables; see `mangleInternalProps` and
 * docs/decisions.md.
 */
const TRACKER_INTERNAL_PROPS = [
  // TrackerCore
  'identity',
  'granted',
  'batchCount',
  'batchBytes',
  'timer',
  'queueStore',
  'plugin',
  'notifying',
  // DeliveryState, DeliveryDeps and the delivery loop
  'failures',
  'retryAt',
  'keepaliveBytes',
  'skewMs',
  'running',
  'again',
  'lockName',
  'openStore',
  'canSend',
  'report',
  'sendNow',
  // the emitter, Prepared, LifecycleHandlers
  'emit',
  'record',
  'hide',
  // provisionalState's own flags (not what it keeps in localStorage)
  'configLoading',
  'loading',
  'reload',
  'fresh',
  'linked',
  'memo',
  'saveTimer',
];

/**
 * ESM library build + bundled .d.ts for a package; every dependency stays external,
 * except those in `inline`, which are bundled in (see the tracker's idb below).
 * `ownChunk` modules (paths under `src/`) become chunks of their own: see core's `dev-warn`.
 * `internalProps` are renamed in the JS and must not appear in the declarations.
 */
function library(pkg, entries, { platform = 'neutral', inline = [], ownChunk = {}, internalProps = [] } = {}) {
  const dir = `packages/${pkg}`;
  const inputs = Object.fromEntries(
    entries.filter((e) => exists(`${dir}/src/${e}.ts`)).map((e) => [e, `${dir}/src/${e}.ts`]),
  );
  if (Object.keys(inputs).length === 0) return [];
  const js = {
    input: inputs,
    output: {
      dir: `${dir}/dist`,
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
      manualChunks: Object.fromEntries(Object.entries(ownChunk).map(([name, file]) => [name, [`${dir}/src/${file}`]])),
    },
    external: (id) => (dependencyOf(id) && !inline.includes(id)) || nodeBuiltins.has(id),
    plugins: [
      ...(inline.length ? [nodeResolve({ browser: true }), idbCoreOnly()] : []),
      esbuild({ target: platform === 'node' ? 'node20' : 'es2022', platform }),
      ...(internalProps.length ? [mangleInternalProps(internalProps)] : []),
    ],
    onwarn,
  };
  const types = {
    input: inputs,
    output: { dir: `${dir}/dist`, format: 'es', entryFileNames: '[name].d.ts' },
    external: (id) => dependencyOf(id) || nodeBuiltins.has(id),
    plugins: [dts({ tsconfig: `${dir}/tsconfig.json` }), ...(internalProps.length ? [notInTypes(internalProps)] : [])],
    onwarn,
  };
  return [js, types];
}

/**
 * A minified, self-contained browser bundle (script tag or size measurement);
 * `internalProps` are renamed as in the tracker's npm build.
 */
function browserBundle(input, file, { format = 'iife', name, copy = [], internalProps = [] } = {}) {
  if (!exists(input)) return [];
  return [
    {
      input,
      output: { file, format, name, sourcemap: true, inlineDynamicImports: true },
      plugins: [
        nodeResolve({
          browser: true,
          exportConditions: ['source', 'browser', 'import', 'default'],
          extensions: ['.ts', '.tsx', '.js', '.mjs'],
        }),
        idbCoreOnly(),
        // lit's html`` / svg`` / css`` templates keep their source indentation otherwise. CSS only
        // loses whitespace: lightningcss (the default) rounds large numbers such as z-index.
        minifyHtmlLiterals({
          include: ['packages/widget/src/**/*.ts'],
          failOnError: true,
          options: {
            minifyOptions: {
              removeAttributeQuotes: true,
              minifyCSS: (css) =>
                css
                  .replace(/\s+/g, ' ')
                  .replace(/ ?([{};,>]) ?/g, '$1')
                  .replace(/: /g, ':')
                  .replace(/ !/g, '!')
                  .replace(/;}/g, '}')
                  .replace(/=(['"])([a-z][\w-]*)\1\]/g, '=$2]')
                  .replace(/([ :(,])0\./g, '$1.')
                  .trim(),
            },
          },
        }),
        esbuild({
          target: 'es2022',
          minifySyntax: true,
          define: production,
          jsx: 'automatic',
          jsxImportSource: 'preact',
          legalComments: 'none',
        }),
        ...(internalProps.length ? [mangleInternalProps(internalProps)] : []),
        // terser squeezes ~6% more than esbuild's minifier: bytes are the tracker's budget.
        terser({
          module: format === 'es',
          toplevel: true,
          compress: { passes: 3, unsafe_arrows: true, pure_getters: true },
          format: { comments: false },
        }),
        copyFiles(copy),
      ],
      onwarn,
    },
  ];
}

/**
 * idb's module installs two optional proxy-trap extensions at load time: the database
 * shortcuts (`db.getAll(storeName)` …) and async iterators. Browser code here uses idb's
 * core only (`wrap`, the wrapped stores and requests, `tx.done`), so the two calls are
 * marked pure and drop out of the browser bundles and of the tracker's npm build, which
 * carries idb's core inside it (~450 B gzip less in every customer's bundle). Unit tests
 * run the sources with idb whole; the e2e suite runs the built bundles, so a use of an
 * extension would fail there. See docs/decisions.md ("idb in the browser bundles").
 */
function idbCoreOnly() {
  const extension = /^replaceTraps\(\(oldTraps\) => \(\{$/gm;
  return {
    name: 'idb-core-only',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]idb[\\/]build[\\/]index\.js$/.test(id)) return null;
      const marked = code.replace(extension, '/*#__PURE__*/ $&');
      if (marked.split('/*#__PURE__*/').length !== 3) this.error('idb-core-only: expected two replaceTraps extensions');
      return { code: marked, map: null };
    },
  };
}

/**
 * Renames the given properties in each output chunk to short names (esbuild's `mangleProps`,
 * which never picks a name the chunk already uses), keeping the code otherwise as it is and
 * the source map chained. Fails the build when a name is used quoted (`o['timer']`,
 * `'timer' in o`, `{ 'timer': … }`), which renaming would miss.
 */
function mangleInternalProps(names) {
  const mangleProps = new RegExp(`^(${names.join('|')})$`);
  const quoted = new RegExp(`(["'\`])(${names.join('|')})\\1\\s*(\\]|:|in\\b)`);
  return {
    name: 'mangle-internal-props',
    async renderChunk(code, chunk) {
      const use = quoted.exec(code);
      if (use) this.error(`mangle-internal-props: ${use[2]} is used quoted in ${chunk.fileName}`);
      const out = await transform(code, {
        target: 'es2022',
        mangleProps,
        sourcemap: true,
        sourcefile: chunk.fileName,
      });
      return { code: out.code, map: out.map };
    },
  };
}

/** Fails the declaration build when one of `names` is a property of a public type. */
function notInTypes(names) {
  const declared = new RegExp(`^\\s*(?:readonly\\s+)?(${names.join('|')})\\??\\s*[:(]`, 'm');
  return {
    name: 'not-in-types',
    generateBundle(_, bundle) {
      for (const file of Object.values(bundle)) {
        const use = file.type === 'chunk' && declared.exec(file.code.replace(/\/\*[\s\S]*?\*\//g, ''));
        if (use) this.error(`not-in-types: ${use[1]} is public in ${file.fileName}, so it cannot be renamed`);
      }
    },
  };
}

/** Copies static files (HTML, CSS) next to a bundle once it is written. */
function copyFiles(pairs) {
  return {
    name: 'copy-files',
    writeBundle() {
      for (const [from, to] of pairs) {
        mkdirSync(dirname(to), { recursive: true });
        copyFileSync(from, to);
      }
    },
  };
}

function onwarn(warning, warn) {
  // lit and idb are ESM with `this` at top level in comments only; anything else is a real problem.
  if (warning.code === 'THIS_IS_UNDEFINED') return;
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('node_modules'))) return;
  warn(warning);
}

export default [
  // `DEV` in a module of its own: customers' bundlers inline a constant imported from
  // another module, not one declared after other code (see packages/core/src/dev-warn.ts).
  ...library('core', ['index'], { ownChunk: { 'dev-warn': 'dev-warn.ts' } }),
  ...library('tracker', ['index'], { inline: ['idb'], internalProps: TRACKER_INTERNAL_PROPS }),
  ...library('widget', ['index', 'define']),
  ...library('collector', ['index', 'cli'], { platform: 'node' }),
  ...browserBundle('packages/tracker/src/global.ts', 'packages/tracker/dist/pulse-tracker.min.js', {
    internalProps: TRACKER_INTERNAL_PROPS,
  }),
  ...browserBundle('packages/widget/src/global.ts', 'packages/widget/dist/pulse.min.js'),
  ...browserBundle('packages/tracker/size/core.ts', 'packages/tracker/dist/size/tracker-core.min.js', {
    format: 'es',
    internalProps: TRACKER_INTERNAL_PROPS,
  }),
  ...browserBundle('packages/tracker/size/with-score.ts', 'packages/tracker/dist/size/tracker-with-score.min.js', {
    format: 'es',
    internalProps: TRACKER_INTERNAL_PROPS,
  }),
  ...browserBundle('packages/core/size/scorer.ts', 'packages/core/dist/size/scorer.min.js', { format: 'es' }),
  ...browserBundle('packages/dashboard/src/main.tsx', 'packages/dashboard/dist/assets/dashboard.js', {
    format: 'es',
    copy: [
      ['packages/dashboard/index.html', 'packages/dashboard/dist/index.html'],
      ['packages/dashboard/src/dashboard.css', 'packages/dashboard/dist/assets/dashboard.css'],
    ],
  }),
  ...browserBundle('demo/src/main.tsx', 'demo/dist/assets/demo.js', { format: 'es' }),
];
