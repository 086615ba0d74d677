// Pulse's tracker, bundled from source as its npm build would be.
import { createTracker } from '@pulse/tracker';

export async function init({ sink, writeKey }) {
  const tracker = createTracker({ writeKey, host: sink });
  return { track: (event, properties) => tracker.track(event, properties) };
}
