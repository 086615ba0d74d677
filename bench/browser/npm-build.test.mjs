// The browser benchmark bundles Pulse from the tracker's npm build, which carries
// idb's core inside it without idb's two optional extensions (docs/decisions.md,
// "idb in the browser bundles"). Runs after `npm run build` in `npm test`.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../../packages/tracker/dist/index.js', import.meta.url));
const skip = existsSync(built) ? false : `${built} is missing (run npm run build)`;

test('the tracker npm build bundles idb instead of importing it, without the optional extensions', { skip }, () => {
  const code = readFileSync(built, 'utf8');
  assert.doesNotMatch(code, /from\s*["']idb["']/);
  assert.match(code, /IDBTransaction/);
  assert.doesNotMatch(code, /replaceTraps/);
  assert.doesNotMatch(code, /Symbol\.asyncIterator/);
});

test('the tracker npm build imports in Node and gives an inert tracker there', { skip }, async () => {
  const { createTracker } = await import(built);
  const tracker = createTracker({ writeKey: 'pk_ssr_build' });
  assert.doesNotThrow(() => tracker.track('Rendered'));
  assert.deepEqual(tracker.state(), { source: 'none', config: null, user: null, scores: {} });
});
