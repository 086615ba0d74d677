// RudderStack v3. The default npm entry fetches its plugins from a CDN at run time;
// they are not in the package, so the bundled entry (plugins built in) stands in.
import { RudderAnalytics } from '@rudderstack/analytics-js/bundled';

export function init({ sink, writeKey }) {
  const analytics = new RudderAnalytics();
  return new Promise((resolve) => {
    analytics.load(writeKey, sink, {
      configUrl: `${sink}/rudder`,
      destSDKBaseURL: `${sink}/rudder/js-integrations`,
      pluginsSDKBaseURL: `${sink}/rudder/plugins`,
      polyfillIfRequired: false,
      loadIntegration: false,
    });
    analytics.ready(() => resolve({ track: (event, properties) => analytics.track(event, properties) }));
  });
}
