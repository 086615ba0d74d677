// PostHog, as an npm user loads it, with every optional feature that would fetch
// remote code or config turned off so nothing leaves the machine.
import posthog from 'posthog-js';

export function init({ sink, writeKey }) {
  return new Promise((resolve) => {
    posthog.init(writeKey, {
      api_host: sink,
      ui_host: sink,
      advanced_disable_flags: true,
      advanced_disable_decide: true,
      advanced_disable_feature_flags: true,
      autocapture: false,
      capture_pageview: false,
      capture_pageleave: false,
      capture_exceptions: false,
      capture_dead_clicks: false,
      capture_performance: false,
      disable_session_recording: true,
      disable_surveys: true,
      disable_product_tours: true,
      disable_conversations: true,
      disable_web_experiments: true,
      disable_external_dependency_loading: true,
      enable_heatmaps: false,
      rageclick: false,
      persistence: 'localStorage+cookie',
      // The harness runs headless Chromium; PostHog drops events from user agents that look like bots.
      opt_out_useragent_filter: true,
      // By default PostHog drops events past a burst of 100 (10/s). Raised so that it does
      // the work the other SDKs do; with the default, most of the 1,000 and 10,000 are dropped.
      rate_limiting: { events_per_second: 100_000, events_burst_limit: 100_000 },
      loaded: () => resolve({ track: (event, properties) => posthog.capture(event, properties) }),
    });
  });
}
