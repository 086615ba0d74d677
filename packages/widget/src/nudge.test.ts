import { userNudges } from '@pulse/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeTracker } from '../test/fake-tracker.js';
import { configWith, nudge, social } from '../test/fixtures.js';
import { mount, part, settle, shadow, type Mounted } from '../test/mount.js';

afterEach(() => document.body.replaceChildren());

const HOUR = 3_600_000;
const shownOnce = async (tracker: ReturnType<typeof createFakeTracker>): Promise<void> =>
  vi.waitFor(() => expect(tracker.named('Nudge Shown')).toHaveLength(1));

describe('<pulse-nudge>', () => {
  it('renders the eligible banner nudge: title, body and a CTA link', async () => {
    const el = await mount('pulse-nudge', createFakeTracker(configWith(nudge('invite', 'banner', social))), {
      placement: 'banner',
    });
    expect(part(el, 'nudge-title')?.textContent).toBe('Work is better together');
    expect(part(el, 'nudge-body')?.textContent).toBe('Invite a teammate to your project.');
    expect(part(el, 'cta')?.getAttribute('href')).toBe('/invite');
  });

  it('shows only nudges of its own placement', async () => {
    const tracker = createFakeTracker(configWith(nudge('invite', 'banner', social)));
    const el = await mount('pulse-nudge', tracker, { placement: 'toast' });
    expect(part(el, 'nudge')).toBeNull();
  });

  it('shows an HTML-looking title as characters and runs nothing', async () => {
    const alert = vi.spyOn(window, 'alert').mockImplementation(() => undefined);
    const title = '<img src=x onerror=alert(1)>';
    const el = await mount('pulse-nudge', createFakeTracker(configWith(nudge('x', 'inline', { title, body: title }))));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(part(el, 'nudge-title')?.textContent).toBe(title);
    expect(shadow(el).querySelector('img')).toBeNull();
    expect(alert).not.toHaveBeenCalled();
    alert.mockRestore();
  });

  it('records Nudge Eligible for the control variant and shows nothing', async () => {
    const tracker = createFakeTracker(configWith(nudge('invite', 'banner', null)));
    const el = await mount('pulse-nudge', tracker, { placement: 'banner' });
    await settle(el);
    expect(tracker.named('Nudge Eligible')).toEqual([{ nudgeId: 'invite', variant: 'control', placement: 'banner' }]);
    expect(part(el, 'nudge')).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tracker.named('Nudge Shown')).toEqual([]);
  });

  it('records Nudge Shown only once the nudge is scrolled into view', async () => {
    const tracker = createFakeTracker(configWith(nudge('tip', 'inline', social)));
    const spacer = document.createElement('div');
    spacer.style.height = '3000px';
    document.body.append(spacer);
    const el = await mount('pulse-nudge', tracker);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(tracker.named('Nudge Shown')).toEqual([]);
    el.scrollIntoView();
    await shownOnce(tracker);
    expect(tracker.named('Nudge Shown')[0]).toEqual({ nudgeId: 'tip', variant: 'treatment', placement: 'inline' });
  });

  it('records one Nudge Shown per impression, however often it re-renders', async () => {
    const tracker = createFakeTracker(configWith(nudge('tip', 'inline', social)));
    const el = await mount('pulse-nudge', tracker);
    await shownOnce(tracker);
    tracker.track('Project Created');
    tracker.confirm();
    await settle(el);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(tracker.named('Nudge Shown')).toHaveLength(1);
  });

  it('stays on screen when its own impression starts the cooldown', async () => {
    const capped = nudge('tip', 'inline', social, { frequency: { maxImpressions: 1, cooldownHours: 24 } });
    const tracker = createFakeTracker(configWith(capped));
    const el = await mount('pulse-nudge', tracker);
    await shownOnce(tracker);
    await settle(el);
    const { config, user } = tracker.state();
    expect(user && userNudges(user, config?.nudges ?? [])[0]?.reason).toBe('max-impressions');
    expect(part(el, 'nudge-title')?.textContent).toBe(social.title);
  });

  it('drops a nudge not yet seen when a fresher state says it is capped', async () => {
    const capped = nudge('tip', 'inline', social, { frequency: { maxImpressions: 1 } });
    const tracker = createFakeTracker(configWith(capped));
    const spacer = document.createElement('div');
    spacer.style.height = '3000px';
    document.body.append(spacer);
    const el = await mount('pulse-nudge', tracker);
    expect(part(el, 'nudge')).not.toBeNull();
    // Another device's impression arrives with the server's state before this one was seen.
    tracker.track('Nudge Shown', { nudgeId: 'tip', variant: 'treatment' });
    await settle(el);
    expect(part(el, 'nudge')).toBeNull();
  });

  it('is not shown again once capped', async () => {
    const capped = nudge('tip', 'inline', social, { frequency: { maxImpressions: 1 } });
    const tracker = createFakeTracker(configWith(capped));
    const first = await mount('pulse-nudge', tracker);
    await shownOnce(tracker);
    first.remove();
    const second = await mount('pulse-nudge', tracker);
    await settle(second);
    expect(part(second, 'nudge')).toBeNull();
  });

  it('comes back after the cooldown', async () => {
    const tracker = createFakeTracker(configWith(nudge('tip', 'inline', social, { frequency: { cooldownHours: 24 } })));
    const first = await mount('pulse-nudge', tracker);
    await shownOnce(tracker);
    first.remove();
    const second = await mount('pulse-nudge', tracker);
    expect(part(second, 'nudge')).toBeNull();
    tracker.advance(25 * HOUR);
    await settle(second);
    expect(part(second, 'nudge')).not.toBeNull();
  });

  it('records Nudge Dismissed and stays dismissed for this user', async () => {
    const tracker = createFakeTracker(configWith(nudge('tip', 'inline', social)));
    const el = await mount('pulse-nudge', tracker);
    part(el, 'dismiss')?.click();
    await settle(el);
    expect(tracker.named('Nudge Dismissed')).toEqual([{ nudgeId: 'tip', variant: 'treatment', placement: 'inline' }]);
    expect(part(el, 'nudge')).toBeNull();
    const again = await mount('pulse-nudge', tracker);
    expect(part(again, 'nudge')).toBeNull();
  });

  it('snoozes with "Remind me later" until snooze-hours have passed', async () => {
    const tracker = createFakeTracker(configWith(nudge('tip', 'inline', social)));
    const el = await mount('pulse-nudge', tracker, { 'snooze-hours': '4' });
    part(el, 'snooze')?.click();
    await settle(el);
    expect(tracker.named('Nudge Dismissed')[0]).toMatchObject({ nudgeId: 'tip', snoozeHours: 4 });
    const again = await mount('pulse-nudge', tracker);
    expect(part(again, 'nudge')).toBeNull();
    tracker.advance(5 * HOUR);
    await settle(again);
    expect(part(again, 'nudge')).not.toBeNull();
  });

  it('hides the snooze button when snooze-hours is 0', async () => {
    const el = await mount('pulse-nudge', createFakeTracker(configWith(nudge('tip', 'inline', social))), {
      'snooze-hours': '0',
    });
    expect(part(el, 'snooze')).toBeNull();
  });

  it('renders a javascript: CTA as a button that only records the click', async () => {
    const content = { title: 'Hi', cta: { label: 'Go', href: 'JavaScript:alert(1)' } };
    const tracker = createFakeTracker(configWith(nudge('tip', 'inline', content)));
    const el = await mount('pulse-nudge', tracker);
    const cta = part(el, 'cta') as HTMLElement;
    expect(cta.localName).toBe('button');
    expect(cta.hasAttribute('href')).toBe(false);
    cta.click();
    expect(tracker.named('Nudge Clicked')).toEqual([{ nudgeId: 'tip', variant: 'treatment', placement: 'inline' }]);
  });

  it('tracks the CTA event together with Nudge Clicked', async () => {
    const content = { title: 'Hi', cta: { label: 'Start tour', event: 'Tour Started' } };
    const tracker = createFakeTracker(configWith(nudge('tip', 'inline', content)));
    const el = await mount('pulse-nudge', tracker);
    part(el, 'cta')?.click();
    await settle(el);
    expect(tracker.events.map((e) => e.event).slice(-2)).toEqual(['Nudge Clicked', 'Tour Started']);
    expect(tracker.named('Tour Started')).toEqual([{ nudgeId: 'tip', variant: 'treatment' }]);
    expect(part(el, 'nudge')).toBeNull();
  });

  it('never shows the same nudge in two slots', async () => {
    const tracker = createFakeTracker(configWith(nudge('a', 'inline', social), nudge('b', 'inline', { title: 'B' })));
    const one = await mount('pulse-nudge', tracker);
    const two = await mount('pulse-nudge', tracker);
    expect(part(one, 'nudge-title')?.textContent).toBe(social.title);
    expect(part(two, 'nudge-title')?.textContent).toBe('B');
  });

  it('shows the nudge named by the nudge attribute', async () => {
    const tracker = createFakeTracker(configWith(nudge('a', 'inline', social), nudge('b', 'inline', { title: 'B' })));
    const el = await mount('pulse-nudge', tracker, { nudge: 'b' });
    expect(part(el, 'nudge-title')?.textContent).toBe('B');
  });

  it('announces a new nudge in a polite live region', async () => {
    const el = await mount('pulse-nudge', createFakeTracker(configWith(nudge('tip', 'toast', social))), {
      placement: 'toast',
    });
    const live = shadow(el).querySelector('[role=status]');
    expect(live?.textContent).toBe('New tip: Work is better together');
  });

  it('dismisses a toast with Escape', async () => {
    const tracker = createFakeTracker(configWith(nudge('tip', 'toast', social)));
    const el = await mount('pulse-nudge', tracker, { placement: 'toast' });
    part(el, 'dismiss')?.focus();
    part(el, 'dismiss')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await settle(el);
    expect(tracker.named('Nudge Dismissed')).toHaveLength(1);
    expect(part(el, 'nudge')).toBeNull();
  });

  it('renders nothing and throws nothing when the tracker throws', async () => {
    const broken = {
      track: () => {
        throw new Error('down');
      },
      state: () => {
        throw new Error('down');
      },
      on: () => () => undefined,
    };
    const el: Mounted = await mount('pulse-nudge', broken);
    expect(part(el, 'nudge')).toBeNull();
  });
});
