import { createTracker, provisionalState } from '@pulse/tracker';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { configWith, nudge, social } from '../test/fixtures.js';
import { mount, part, settle } from '../test/mount.js';
import type { WidgetTracker } from './tracker-source.js';

const draft = { title: 'Bring your team along', body: 'Projects move faster with two.', cta: { label: 'Invite' } };

afterEach(() => {
  vi.unstubAllGlobals();
  history.replaceState(null, '', location.pathname);
  document.body.replaceChildren();
});

/**
 * The real tracker in a page opened with `?pulse_preview=<token>`, against a
 * stubbed collector: `/v1/config` has a running nudge in the same slot, and
 * `/v1/preview/nudge` answers the draft for the good token only (a 401 otherwise).
 */
function previewPage(token: string): { tracker: WidgetTracker; tracked: string[]; previewUrls: string[] } {
  history.replaceState(null, '', `${location.pathname}?pulse_preview=${token}`);
  const previewUrls: string[] = [];
  vi.stubGlobal('fetch', async (url: string) => {
    if (url.includes('/v1/config')) return Response.json(configWith(nudge('live', 'banner', social)));
    if (url.includes('/v1/preview/nudge')) {
      previewUrls.push(url);
      if (!url.endsWith('token=good')) return Response.json({ error: 'preview link: expired' }, { status: 401 });
      const answer = nudge('invite-draft', 'banner', draft, { preview: true, status: 'running' });
      return Response.json({ nudge: answer, expiresAt: '2099-01-01T00:00:00.000Z' });
    }
    return Response.json({ accepted: 0, duplicates: 0, rejected: [] });
  });
  const tracker = createTracker({
    writeKey: `pk_${Math.random().toString(36).slice(2)}`,
    host: 'http://collector.test',
    state: provisionalState,
    storage: 'memory',
  });
  const tracked: string[] = [];
  const track = tracker.track.bind(tracker);
  tracker.track = (event, properties) => {
    tracked.push(event);
    track(event, properties);
  };
  return { tracker, tracked, previewUrls };
}

describe('a preview link (?pulse_preview=)', () => {
  it('shows the draft in its slot, in place of the live nudge, and records no event for it', async () => {
    const { tracker, tracked, previewUrls } = previewPage('good');
    const el = await mount('pulse-nudge', tracker, { placement: 'banner' });
    await vi.waitFor(() => expect(part(el, 'nudge-title')?.textContent).toBe(draft.title));
    expect(previewUrls).toEqual(['http://collector.test/v1/preview/nudge?token=good']);
    await settle(el);
    (part(el, 'cta') as HTMLElement).click();
    await settle(el);
    expect(part(el, 'nudge')).toBeNull();
    expect(tracked.filter((e) => e.startsWith('Nudge'))).toEqual([]);
    expect(tracker.state().user?.rollup.nudges).toEqual({});
  });

  it('shows the live nudge as usual when the collector refuses the token', async () => {
    const { tracker, tracked, previewUrls } = previewPage('forged');
    const el = await mount('pulse-nudge', tracker, { placement: 'banner' });
    await vi.waitFor(() => expect(part(el, 'nudge-title')?.textContent).toBe(social.title));
    expect(previewUrls).toHaveLength(1);
    await vi.waitFor(() => expect(tracked).toContain('Nudge Eligible'));
  });
});
