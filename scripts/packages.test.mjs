// The packages as a developer gets them: checked by publint, packed by scripts/pack.mjs
// from the built workspaces, listed (what runs ships, tests and build leftovers do
// not, a README and a LICENSE do), and installed into fresh apps from the tarballs alone,
// with npm's cache and no registry for the Pulse packages. Runs after `npm run build`.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { packAll } from './pack.mjs';
import { publishedWorkspaces, ROOT } from './workspaces.mjs';

const unbuilt = publishedWorkspaces().filter((w) => !existsSync(join(ROOT, w.dir, 'dist')));
const skip = unbuilt.length ? `${unbuilt.map((w) => w.dir).join(', ')} not built (run npm run build)` : false;

const run = (cmd, args, cwd, env = {}) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });

/** A fresh app with `tarballs` installed; `--prefer-offline` reads third-party packages from npm's cache. */
function appWith(dir, tarballs, extra = []) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    '{ "name": "app", "version": "1.0.0", "private": true, "type": "module" }\n',
  );
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...extra, ...tarballs], dir);
  return dir;
}

/** Runs an ES module in the app and returns what it prints. */
const evaluate = (app, code, conditions = []) =>
  run(process.execPath, [...conditions.map((c) => `--conditions=${c}`), '--input-type=module', '-e', code], app).trim();

describe('the packed packages', { skip }, () => {
  let work;
  let tarballs;
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'pulse-packages-'));
    tarballs = packAll(join(work, 'packs'));
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  // The workspaces as they would be published: the tarballs' `file:` dependencies are for
  // installing before publication, and publint rightly calls them unfit for a registry.
  test('every package is publint-clean, warnings included', () => {
    for (const { dir } of publishedWorkspaces()) {
      assert.doesNotThrow(() => run(join(ROOT, 'node_modules/.bin/publint'), ['run', dir, '--strict'], ROOT), dir);
    }
  });

  test('every tarball has a README and a LICENSE, and no tests or size bundles', () => {
    for (const [name, tarball] of tarballs) {
      const files = run('tar', ['-tzf', tarball], work).trim().split('\n');
      assert.ok(files.includes('package/README.md'), `${name} has a README`);
      assert.ok(files.includes('package/LICENSE'), `${name} has a LICENSE`);
      assert.deepEqual(
        files.filter((f) => /\.test\.tsx?$|\/dist\/size\/|\/node_modules\//.test(f)),
        [],
        `${name} ships no tests, size bundles or node_modules`,
      );
      assert.ok(
        files.some((f) => f.startsWith('package/dist/')),
        `${name} ships its build`,
      );
    }
  });

  test('the browser packages install together and import', () => {
    const app = appWith(join(work, 'together'), [
      tarballs.get('@pulse/core'),
      tarballs.get('@pulse/tracker'),
      tarballs.get('@pulse/widget'),
      tarballs.get('@pulse/dashboard'),
    ]);
    const found = evaluate(
      app,
      `const core = await import('@pulse/core');
       const { createTracker } = await import('@pulse/tracker');
       const widget = await import('@pulse/widget');
       await import('@pulse/widget/define');
       const tracker = createTracker({ writeKey: 'pk_app' });
       tracker.track('Installed');
       console.log(JSON.stringify([typeof core.userState, tracker.state().source, typeof widget.setDefaultTracker,
         import.meta.resolve('@pulse/dashboard/dist/index.html').endsWith('/node_modules/@pulse/dashboard/dist/index.html')]));`,
    );
    assert.deepEqual(JSON.parse(found), ['function', 'none', 'function', true]);
  });

  test('an app gets the production build by default and the development build under `development`', () => {
    const app = join(work, 'together');
    const refusal = `import { createTracker } from '@pulse/tracker';
      try { createTracker({ writeKey: '' }); } catch (error) { console.log(error.message); }`;
    assert.equal(evaluate(app, refusal), 'writeKey is invalid');
    assert.equal(evaluate(app, refusal, ['development']), 'writeKey must be a non-empty string');
  });

  test("the widget's tarball alone brings the tracker and core from the tarballs beside it", () => {
    const app = appWith(join(work, 'widget-alone'), [tarballs.get('@pulse/widget')]);
    for (const name of ['core', 'tracker', 'widget']) {
      assert.ok(existsSync(join(app, 'node_modules/@pulse', name, 'package.json')), `@pulse/${name} installed`);
    }
    assert.equal(evaluate(app, `console.log(typeof (await import('@pulse/widget')).setDefaultTracker)`), 'function');
  });

  test("the collector's tarball alone installs, imports and runs its CLI", () => {
    // better-sqlite3's install script compiles or downloads its binding; importing and
    // `--help` do not load it.
    const app = appWith(join(work, 'collector-alone'), [tarballs.get('@pulse/collector')], ['--ignore-scripts']);
    assert.equal(evaluate(app, `console.log(typeof (await import('@pulse/collector')).createCollector)`), 'function');
    assert.match(run(join(app, 'node_modules/.bin/pulse'), ['--help'], app), /Usage: pulse/);
  });
});
