import { createTracker, provisionalState } from '@pulse/tracker';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configWith, nudge, social } from '../test/fixtures.js';
import { mount, part, settle, shadow } from '../test/mount.js';
import type { WidgetTracker } from './tracker-source.js';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

/** The real tracker against a stubbed collector that only serves the config. */
function realTracker(tip = nudge('tip', 'inline', social)): { tracker: WidgetTracker } {
  vi.stubGlobal('fetch', async (url: string) => {
    if (url.includes('/v1/config')) return Response.json(configWith(tip));
    return Response.json({ accepted: 0, duplicates: 0, rejected: [] });
  });
  // The assignment is the contract check: @pulse/tracker's Tracker is a WidgetTracker.
  const tracker: WidgetTracker = createTracker({
    writeKey: `pk_${Math.random().toString(36).slice(2)}`,
    host: 'http://collector.test',
    state: provisionalState,
    storage: 'memory',
  });
  return { tracker };
}

describe('with the real @pulse/tracker', () => {
  it('shows the provisional checklist and ticks a step as soon as it is tracked', async () => {
    const { tracker } = realTracker();
    const el = await mount('pulse-checklist', tracker);
    await vi.waitFor(() => expect(shadow(el).querySelectorAll('[part~=item]')).toHaveLength(3));
    tracker.track('Project Created');
    await vi.waitFor(() => expect(part(el, 'progress-label')?.textContent).toBe('1 of 3 done'));
  });

  it("counts the impression in the tracker's state and keeps the nudge on screen", async () => {
    const { tracker } = realTracker();
    const el = await mount('pulse-nudge', tracker);
    await vi.waitFor(() => expect(part(el, 'nudge-title')?.textContent).toBe(social.title));
    await vi.waitFor(() => expect(tracker.state().user?.rollup.nudges.tip?.impressions).toBe(1));
    await settle(el);
    expect(part(el, 'nudge-title')?.textContent).toBe(social.title);
  });

  it('decides nudges from the provisional state, so a frequency cap holds before the collector answers', async () => {
    const { tracker } = realTracker(nudge('tip', 'inline', social, { frequency: { maxImpressions: 1 } }));
    const first = await mount('pulse-nudge', tracker);
    await vi.waitFor(() => expect(part(first, 'nudge-title')?.textContent).toBe(social.title));
    expect(tracker.state()).toMatchObject({ source: 'provisional' });
    expect(tracker.state().user).not.toHaveProperty('nudges');
    await vi.waitFor(() => expect(tracker.state().user?.rollup.nudges.tip?.impressions).toBe(1));
    first.remove();
    const second = await mount('pulse-nudge', tracker);
    await settle(second);
    expect(part(second, 'nudge')).toBeNull();
  });
});
