import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// The npm build (`npm run build`) carries idb's core inside it, without idb's two
// optional extensions (see docs/decisions.md, "idb in the browser bundles").
const built = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const present = existsSync(built);
if (!present) console.log(`skipping the npm build checks: ${built} is missing (run npm run build)`);

it.runIf(present)('bundles idb instead of importing it, without the optional extensions', () => {
  const code = readFileSync(built, 'utf8');
  expect(code).not.toMatch(/from\s*["']idb["']/);
  expect(code).toContain('IDBTransaction');
  expect(code).not.toContain('replaceTraps');
  expect(code).not.toContain('Symbol.asyncIterator');
});

it.runIf(present)('imports in Node and gives an inert tracker there', async () => {
  const { createTracker } = (await import(/* @vite-ignore */ built)) as typeof import('./index.js');
  const tracker = createTracker({ writeKey: 'pk_ssr_build' });
  expect(() => tracker.track('Rendered')).not.toThrow();
  expect(tracker.state()).toEqual({ source: 'none', config: null, user: null });
});
