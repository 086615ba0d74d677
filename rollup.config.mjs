// One build for every package. Each package contributes a few entries through the
// small helpers below; an entry whose source is missing fails the build.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { builtinModules } from 'node:module';
import nodeResolve from '@rollup/plugin-node-resolve';
import dts from 'rollup-plugin-dts';
import { transform } from 'esbuild';
import esbuild from 'rollup-plugin-esbuild';
import terser from '@rollup/plugin-terser';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
const dependencyOf = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');

/** Fails the build for an entry whose source is missing: a renamed file must not drop an artefact. */
function source(file) {
  if (!existsSync(new URL(file, import.meta.url))) throw new Error(`rollup.config.mjs: ${file} does not exist`);
  return file;
}

/**
 * `__PULSE_DEV__` decides `DEV` (core's `src/dev-warn.ts`) in every build of ours, so that no
 * artefact reads a global: `dist/` is the production build a customer's bundler picks by
 * default, `dist/development/` keeps the warnings behind the `development` export condition.
 */
const modes = {
  production: { 'process.env.NODE_ENV': '"production"', __PULSE_DEV__: 'false' },
  development: { __PULSE_DEV__: 'true' },
};

/**
 * Internal properties, by convention: an underscore and a letter (`_timer`, as preact's
 * `mangle.json` marks its own). `__proto__` and lit's `_$…` names, which cross package and
 * version boundaries, do not match. The builds that carry the tracker rename them to short
 * names; see `mangleInternalProps` and docs/decisions.md ("Internal property names…").
 */
const INTERNAL = /^_[a-zA-Z]/;
const INTERNAL_NAME = '_[a-zA-Z]\\w*';

/**
 * ESM library build + bundled .d.ts for a package; every dependency stays external,
 * except those in `inline`, which are bundled in (see the tracker's idb below).
 * `browser` packages are built twice: production in `dist/`, development in
 * `dist/development/` (the `development` export condition). Their production build carries
 * `@pulse/core/dev-warn` inside it, folded to `DEV = false`, so that it holds no dev-only
 * code whatever the customer's bundler can inline. `mangle` renames internal properties in
 * the production build. No browser package may declare an internal name in a public type:
 * those types hold the protocol, the stored state and the API, which renaming must not touch.
 */
function library(pkg, entries, { platform = 'neutral', browser = false, inline = [], mangle = false } = {}) {
  const dir = `packages/${pkg}`;
  const inputs = Object.fromEntries(entries.map((e) => [e, source(`${dir}/src/${e}.ts`)]));
  const js = (outDir, define, bundled, renames) => ({
    input: inputs,
    output: {
      dir: outDir,
      format: 'es',
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
    },
    external: (id) => (dependencyOf(id) && !bundled.includes(id)) || nodeBuiltins.has(id),
    plugins: [
      ...(bundled.length ? [nodeResolve({ browser: true, exportConditions: ['source'] }), idbCoreOnly()] : []),
      esbuild({ target: platform === 'node' ? 'node20' : 'es2022', platform, ...(define && { define }) }),
      ...(renames ? [mangleInternalProps(dir)] : []),
    ],
    onwarn,
  });
  const types = {
    input: inputs,
    output: { dir: `${dir}/dist`, format: 'es', entryFileNames: '[name].d.ts' },
    external: (id) => dependencyOf(id) || nodeBuiltins.has(id),
    plugins: [dts({ tsconfig: `${dir}/tsconfig.json` }), ...(browser ? [notInTypes()] : [])],
    onwarn,
  };
  if (!browser) return [js(`${dir}/dist`, null, inline, false), types];
  const devWarn = pkg === 'core' ? [] : ['@pulse/core/dev-warn'];
  return [
    js(`${dir}/dist`, modes.production, [...inline, ...devWarn], mangle),
    js(`${dir}/dist/development`, modes.development, inline, false),
    types,
  ];
}

/**
 * A minified, self-contained production browser bundle (script tag or size measurement);
 * `mangle` renames internal properties as in the tracker's npm build.
 */
function browserBundle(input, file, { format = 'iife', name, copy = [], mangle = false, chunks = false } = {}) {
  // `chunks`: dynamic imports become files of their own under `chunks/` beside `file` (ES only).
  const output = chunks
    ? { dir: dirname(file), entryFileNames: basename(file), chunkFileNames: 'chunks/[name]-[hash].js' }
    : { file, inlineDynamicImports: true };
  return [
    {
      input: source(input),
      output: { ...output, format, name, sourcemap: true },
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
          define: modes.production,
          jsx: 'automatic',
          jsxImportSource: 'preact',
          legalComments: 'none',
        }),
        ...(mangle ? [mangleInternalProps('packages/tracker', 'packages/widget')] : []),
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
 * Renames internal properties (`INTERNAL`) in each output chunk to short names (esbuild's
 * `mangleProps`, which never picks a name the chunk already uses), keeping the code otherwise
 * as it is and the source map chained. Fails the build when an internal name is used quoted
 * (`o['_timer']`, `'_timer' in o`, `{ '_timer': … }`), which renaming would miss; when a
 * renamed name is not in the `owners`' sources (code bundled in from elsewhere whose `_` names
 * may be stored or sent); and when the output has several chunks (each is renamed on its own).
 */
function mangleInternalProps(...owners) {
  const name = INTERNAL_NAME;
  const quoted = new RegExp(
    `[{,]\\s*(["'\`])(${name})\\1\\s*:|\\[\\s*(["'\`])(${name})\\3\\s*\\]|(["'\`])(${name})\\5\\s+in\\b`,
  );
  let sources;
  const inSources = (prop) => (sources ??= owners.map((dir) => readSources(`${dir}/src`)).join('\n')).includes(prop);
  return {
    name: 'mangle-internal-props',
    async renderChunk(code, chunk) {
      const use = quoted.exec(code);
      if (use) this.error(`mangle-internal-props: ${use[2] ?? use[4] ?? use[6]} is used quoted in ${chunk.fileName}`);
      const out = await transform(code, {
        target: 'es2022',
        mangleProps: INTERNAL,
        mangleCache: {},
        sourcemap: true,
        sourcefile: chunk.fileName,
      });
      const foreign = Object.keys(out.mangleCache).filter((prop) => !inSources(prop));
      if (foreign.length)
        this.error(
          `mangle-internal-props: ${foreign.join(', ')} in ${chunk.fileName} is not in ${owners.join(' or ')}`,
        );
      return { code: out.code, map: out.map };
    },
    generateBundle(_, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      if (chunks.length > 1) this.error(`mangle-internal-props: ${chunks.length} chunks would be renamed apart`);
    },
  };
}

/** The text of every non-test TypeScript file under `dir`. */
function readSources(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
}

/** Fails the declaration build when an internal name is a property of a public type. */
function notInTypes() {
  const declared = new RegExp(`^\\s*(?:readonly\\s+)?(${INTERNAL_NAME})\\??\\s*[:(<]`, 'm');
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
  ...library('core', ['index', 'dev-warn'], { browser: true }),
  ...library('tracker', ['index'], { browser: true, inline: ['idb'], mangle: true }),
  ...library('widget', ['index', 'define', 'react', 'vue'], { browser: true }),
  ...library('collector', ['index', 'cli', 'contract/index'], { platform: 'node' }),
  ...browserBundle('packages/tracker/src/global.ts', 'packages/tracker/dist/pulse-tracker.min.js', { mangle: true }),
  ...browserBundle('packages/widget/src/global.ts', 'packages/widget/dist/pulse.min.js', { mangle: true }),
  // Size measurements only: built outside the packages, so that no tarball carries them.
  ...browserBundle('packages/tracker/size/core.ts', 'dist/size/tracker-core.min.js', { format: 'es', mangle: true }),
  ...browserBundle('packages/tracker/size/with-score.ts', 'dist/size/tracker-with-score.min.js', {
    format: 'es',
    mangle: true,
  }),
  ...browserBundle('packages/core/size/scorer.ts', 'dist/size/scorer.min.js', { format: 'es' }),
  ...browserBundle('packages/dashboard/src/main.tsx', 'packages/dashboard/dist/assets/dashboard.js', {
    format: 'es',
    chunks: true,
    copy: [
      ['packages/dashboard/index.html', 'packages/dashboard/dist/index.html'],
      ['packages/dashboard/src/dashboard.css', 'packages/dashboard/dist/assets/dashboard.css'],
    ],
  }),
  ...browserBundle('demo/src/main.tsx', 'demo/dist/assets/demo.js', { format: 'es' }),
];
