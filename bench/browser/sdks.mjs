// The SDKs compared, each loaded from its own npm package through a small adapter
// (adapters/<id>.js) that initialises it the way its docs show, pointed at the sink.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** The folder of an installed package (package.json may be hidden behind `exports`). */
export function packageDir(pkg) {
  for (const base of require.resolve.paths(pkg) ?? []) {
    if (existsSync(join(base, pkg, 'package.json'))) return join(base, pkg);
  }
  throw new Error(`${pkg} is not installed: run npm install`);
}

const versionOf = (pkg) => JSON.parse(readFileSync(join(packageDir(pkg), 'package.json'), 'utf8')).version;

/**
 * `runtimeDirs` maps a URL prefix the SDK may fetch code from at run time to the
 * package folder ([package, subfolder]) holding those files, so the sink serves (and counts) them locally.
 */
export const SDKS = [
  { id: 'pulse', name: 'Pulse tracker', pkg: '@pulse/tracker' },
  { id: 'snowplow', name: 'Snowplow', pkg: '@snowplow/browser-tracker' },
  {
    id: 'mixpanel',
    name: 'Mixpanel',
    pkg: 'mixpanel-browser',
    runtimeDirs: { '/mixpanel/': ['mixpanel-browser', 'dist'] },
  },
  { id: 'amplitude', name: 'Amplitude', pkg: '@amplitude/analytics-browser' },
  { id: 'segment', name: 'Segment', pkg: '@segment/analytics-next' },
  { id: 'rudderstack', name: 'RudderStack', pkg: '@rudderstack/analytics-js' },
  { id: 'posthog', name: 'PostHog', pkg: 'posthog-js', runtimeDirs: { '/static/': ['posthog-js', 'dist'] } },
];

/** The SDK list with installed versions; `only` filters by id. */
export function sdkList(only) {
  return SDKS.filter((s) => !only || only.includes(s.id)).map((s) => ({ ...s, version: versionOf(s.pkg) }));
}
