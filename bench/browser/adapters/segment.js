// Segment analytics-next from npm, with its CDN settings inline (no settings fetch)
// and its API host pointed at the sink.
import { AnalyticsBrowser } from '@segment/analytics-next';

export async function init({ sink, writeKey }) {
  const apiHost = `${new URL(sink).host}/v1`;
  const [analytics] = await AnalyticsBrowser.load(
    {
      writeKey,
      cdnURL: sink,
      cdnSettings: {
        integrations: { 'Segment.io': { apiKey: writeKey, apiHost, protocol: 'http' } },
        plan: { track: { __default: { enabled: true } }, identify: { __default: { enabled: true } } },
        metrics: { sampleRate: 0 },
        remotePlugins: [],
      },
    },
    { integrations: { 'Segment.io': { apiHost, protocol: 'http' } } },
  );
  return { track: (event, properties) => analytics.track(event, properties) };
}
