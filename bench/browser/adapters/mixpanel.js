// mixpanel-browser from npm with its defaults (batched requests), hosts at the sink.
// The default entry bundles session replay; its README offers this core entry to
// anyone who does not record sessions, so the lighter one is compared.
import mixpanel from 'mixpanel-browser/src/loaders/loader-module-core';

export function init({ sink, writeKey }) {
  return new Promise((resolve) => {
    mixpanel.init(writeKey, {
      api_host: sink,
      lib_base_path: `${sink}/mixpanel/`,
      track_pageview: false,
      autocapture: false,
      loaded: () => resolve({ track: (event, properties) => mixpanel.track(event, properties) }),
    });
  });
}
