// A customer's production bundle of the npm builds holds no development code without any
// configuration, and a development bundle keeps the warnings (docs/decisions.md, "Production
// and development builds"). Runs after `npm run build`; the bundles' bytes are budgets in
// .size-limit.json.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CUSTOMER_ENTRY, esbuildBundle } from './customer-bundles.mjs';
import { ROOT } from './workspaces.mjs';

const built = ['tracker', 'widget'].every((p) => existsSync(join(ROOT, 'packages', p, 'dist/development/index.js')));
const skip = built ? false : 'the packages are not built (run npm run build)';

/** Text only the development builds carry: an options explanation and warnOnce's prefix. */
const DEV_TEXT = ['must be a non-empty string', '[pulse] '];
const hasDevText = (code) => DEV_TEXT.filter((t) => code.includes(t));

describe('customer bundles of the npm builds', { skip }, () => {
  // Inside the repository, so that `@pulse/*` resolves through node_modules as in an app.
  const work = mkdtempSync(join(ROOT, 'node_modules/.cache-customer-bundles-'));
  after(() => rmSync(work, { recursive: true, force: true }));

  test('esbuild with its defaults gets the production builds', async () => {
    assert.deepEqual(hasDevText(await esbuildBundle(CUSTOMER_ENTRY, { development: false })), []);
  });

  test('esbuild with the development condition gets the development builds', async () => {
    assert.deepEqual(hasDevText(await esbuildBundle(CUSTOMER_ENTRY, { development: true })), DEV_TEXT);
  });

  test("the widget's production build carries no warning, its development build does", async () => {
    const entry = join(work, 'widget-entry.js');
    writeFileSync(entry, "import '@pulse/widget/define';\n");
    const warning = 'is not a valid CSS selector';
    assert.ok(!(await esbuildBundle(entry, { development: false })).includes(warning));
    assert.ok((await esbuildBundle(entry, { development: true })).includes(warning));
  });

  test('a Vite build gets the production builds, and the development builds under NODE_ENV=development', () => {
    const { NODE_ENV: _, ...env } = process.env;
    const build = (dir, ...args) => {
      execFileSync(process.execPath, [join(ROOT, 'scripts/customer-bundles.mjs'), ...args, dir], {
        stdio: 'ignore',
        env,
      });
      return readFileSync(join(dir, 'customer-vite.js'), 'utf8');
    };
    assert.deepEqual(hasDevText(build(join(work, 'production'))), []);
    assert.deepEqual(hasDevText(build(join(work, 'development'), '--development')), DEV_TEXT);
  });
});
