// Pulse's tracker, from its npm build (packages/tracker/dist).
import { createTracker } from '@pulse/tracker';

export async function init({ sink, writeKey }) {
  const tracker = createTracker({ writeKey, host: sink });
  return { track: (event, properties) => tracker.track(event, properties) };
}
