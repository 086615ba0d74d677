// Snowplow browser tracker core; a custom event is a self-describing event.
import { newTracker, trackSelfDescribingEvent } from '@snowplow/browser-tracker';

export async function init({ sink }) {
  newTracker('sp', sink, { appId: 'bench', eventMethod: 'post' });
  return {
    track: (event, properties) =>
      trackSelfDescribingEvent({
        event: { schema: 'iglu:dev.pulse/bench_event/jsonschema/1-0-0', data: { name: event, ...properties } },
      }),
  };
}
