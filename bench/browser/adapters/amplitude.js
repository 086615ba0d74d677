// Amplitude Browser SDK 2 from npm: autocapture, remote config and diagnostics off.
import * as amplitude from '@amplitude/analytics-browser';

export async function init({ sink, writeKey }) {
  await amplitude.init(writeKey, undefined, {
    serverUrl: `${sink}/2/httpapi`,
    autocapture: false,
    remoteConfig: { fetchRemoteConfig: false },
    fetchRemoteConfig: false,
    enableDiagnostics: false,
  }).promise;
  return { track: (event, properties) => amplitude.track(event, properties) };
}
