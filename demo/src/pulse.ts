import { createTracker, provisionalState, type Tracker } from '@pulse/tracker';
import type { Account } from './accounts.js';

/** The tracker the demo talks to Pulse through. */
export type DemoTracker = Tracker;

/** The development write key `npm start` runs the collector with. */
export const DEV_WRITE_KEY = 'pulse_demo_write_key';

const TOKEN_TIMEOUT_MS = 1500;

/**
 * The public write key: `?writeKey=` in the page URL, else the development key.
 *
 * @example
 * writeKeyFrom('?writeKey=pk_live_123'); // → 'pk_live_123'
 */
export function writeKeyFrom(search: string): string {
  const fromUrl = new URLSearchParams(search).get('writeKey');
  return fromUrl !== null && fromUrl.trim() !== '' ? fromUrl.trim() : DEV_WRITE_KEY;
}

/**
 * The demo's tracker: the collector serves this page, so it is the same origin.
 * `provisionalState` gives `state()` a score at once, which the Pulse elements show
 * until the collector's authoritative state arrives.
 *
 * @example
 * const tracker = createDemoTracker();
 */
export function createDemoTracker(): DemoTracker {
  return createTracker({ writeKey: writeKeyFrom(location.search), host: location.origin, state: provisionalState });
}

/**
 * The user's identity token. A real product computes `HMAC-SHA256(secretKey, userId)`
 * on its own backend; the demo has none, so it asks the collector's development-only
 * `GET /v1/dev/token/{userId}`. Without a token the widget still works, on the
 * tracker's provisional state only.
 *
 * @example
 * const token = await fetchDevToken('usr_1'); // → '9f86d0…' or undefined
 */
export async function fetchDevToken(userId: string): Promise<string | undefined> {
  try {
    const response = await fetch(`/v1/dev/token/${encodeURIComponent(userId)}`, {
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
    if (!response.ok) return undefined;
    const body: unknown = response.headers.get('content-type')?.includes('json')
      ? await response.json()
      : await response.text();
    const token = typeof body === 'string' ? body : (body as { token?: unknown } | null)?.token;
    return typeof token === 'string' && token.trim() !== '' ? token.trim() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Identifies the signed-in account with the traits the scoring models select on.
 *
 * @example
 * await identifyAccount(tracker, account);
 */
export async function identifyAccount(tracker: DemoTracker, account: Account): Promise<void> {
  const userToken = await fetchDevToken(account.userId);
  const traits = { name: account.name, email: account.email, plan: account.plan, createdAt: account.createdAt };
  tracker.identify(account.userId, traits, userToken === undefined ? undefined : { userToken });
}

/**
 * Tracks `Session Ended` with the visible minutes each time the page is hidden
 * (tab switch, close, navigation), which the models score as time spent.
 * Returns a function that ends the current session now (used on sign-out).
 *
 * @example
 * const endSession = trackSessions(tracker);
 */
export function trackSessions(tracker: DemoTracker): () => void {
  let visibleSince: number | null = document.visibilityState === 'visible' ? Date.now() : null;
  const end = () => {
    if (visibleSince === null) return;
    const minutes = Math.round((Date.now() - visibleSince) / 6000) / 10;
    visibleSince = null;
    if (minutes > 0) tracker.track('Session Ended', { minutes });
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') end();
    else visibleSince ??= Date.now();
  });
  return () => {
    end();
    if (document.visibilityState === 'visible') visibleSince = Date.now();
  };
}
