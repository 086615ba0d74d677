// Segment's analytics-next pointed at a Pulse collector, as docs/collector.md shows:
// its settings inline (nothing is fetched from Segment's CDN) and the Segment.io
// destination's API host set to the collector. Bundled by the end-to-end tests.
import { AnalyticsBrowser } from '@segment/analytics-next';

/**
 * `host` is the collector's URL; `segmentio` is merged into the Segment.io
 * destination's settings (e.g. `deliveryStrategy`). Resolves to the analytics instance.
 */
export async function init({ host, writeKey, segmentio = {} }) {
  const url = new URL(host);
  const [analytics] = await AnalyticsBrowser.load({
    writeKey,
    cdnSettings: {
      integrations: {
        'Segment.io': {
          apiKey: writeKey,
          apiHost: `${url.host}${url.pathname.replace(/\/$/, '')}/v1`,
          protocol: url.protocol.slice(0, -1),
          ...segmentio,
        },
      },
      remotePlugins: [],
      metrics: { sampleRate: 0 },
    },
  });
  return analytics;
}
