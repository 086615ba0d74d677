// The app's one tracker, created when this module is first imported: not in a component's
// setup, so remounts never make a second one (and if hot module replacement runs this
// module again, createTracker returns the live tracker).
import { createTracker, provisionalState } from '@pulse/tracker';
import { setDefaultTracker } from '@pulse/widget';
import '@pulse/widget/define';

export const pulse = createTracker({
  writeKey: import.meta.env.VITE_PULSE_WRITE_KEY ?? 'pulse_demo_write_key',
  // Default: the page's own origin (here the collector serves the app).
  host: import.meta.env.VITE_PULSE_HOST,
  state: provisionalState,
});
setDefaultTracker(pulse);

/**
 * Identifies the signed-in user. A real app gets `userToken` from its backend; locally,
 * a collector started with `--dev-tokens` hands one out at `GET /v1/dev/token/{userId}`.
 */
export async function signIn(userId: string): Promise<void> {
  const res = await fetch(`${import.meta.env.VITE_PULSE_HOST ?? ''}/v1/dev/token/${encodeURIComponent(userId)}`);
  const { token } = (await res.json()) as { token: string };
  pulse.identify(userId, { plan: 'trial' }, { userToken: token });
}
