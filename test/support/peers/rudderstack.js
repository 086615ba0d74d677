// RudderStack's JavaScript SDK v3 pointed at a Pulse collector, as docs/collector.md
// shows: the collector is the data plane and answers the source config too. The
// `/bundled` entry carries the SDK's plugins (the default entry fetches them from
// RudderStack's CDN at run time). Bundled by the end-to-end tests.
import { RudderAnalytics } from '@rudderstack/analytics-js/bundled';

/**
 * `host` is the collector's URL; `options` are merged into the load options
 * (e.g. `useBeacon`, `queueOptions`). Resolves to the analytics instance once ready.
 */
export function init({ host, writeKey, options = {} }) {
  const analytics = new RudderAnalytics();
  return new Promise((resolve) => {
    analytics.load(writeKey, host, { configUrl: host, ...options });
    analytics.ready(() => resolve(analytics));
  });
}
