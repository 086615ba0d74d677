import { render } from 'preact';
import { setDefaultTracker } from '@pulse/widget';
import '@pulse/widget/define';
import { currentAccount } from './accounts.js';
import { App } from './app.js';
import { createDemoTracker, identifyAccount, trackSessions } from './pulse.js';

/**
 * Boots the demo: one tracker for the page, shared with the Pulse elements, and a
 * returning user is identified (with their identity token) before the first
 * render so that every event of this visit is theirs.
 */
async function boot(root: HTMLElement): Promise<void> {
  const tracker = createDemoTracker();
  setDefaultTracker(tracker);
  // Like the script-tag build, the page's tracker is `window.pulse`, for the console and end-to-end tests.
  (window as unknown as { pulse: unknown }).pulse = tracker;
  const endSession = trackSessions(tracker);
  const account = currentAccount();
  if (account !== null) await identifyAccount(tracker, account);
  render(<App tracker={tracker} endSession={endSession} />, root);
}

const root = document.getElementById('app');
if (root !== null) void boot(root);
