import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { createFakeTracker } from '../test/fake-tracker.js';
import { configWith, nudge, social } from '../test/fixtures.js';
import { mount, part, settle, shadow, type Mounted } from '../test/mount.js';

afterEach(() => document.body.replaceChildren());

const activeInside = (el: Element): Element | null => shadow(el).activeElement;

async function openWidget(el: Mounted): Promise<void> {
  part(el, 'launcher')?.click();
  await settle(el);
}

describe('<pulse-widget>', () => {
  it('labels the launcher with the progress and draws it on the ring', async () => {
    const tracker = createFakeTracker(configWith());
    tracker.track('Project Created');
    const el = await mount('pulse-widget', tracker);
    expect(part(el, 'launcher')?.getAttribute('aria-label')).toBe('Your progress: 1 of 3 done');
    expect(part(el, 'launcher-label')?.textContent).toBe('1/3');
    expect(part(el, 'ring-value')?.getAttribute('stroke-dasharray')).toBe('33 100');
  });

  it("shows the config's band label over the default sentence, and the page's strings over both", async () => {
    const config = configWith();
    config.models = config.models!.map((m) => ({
      ...m,
      bands: m.bands.map((b) => ({ ...b, label: b.id === 'low' ? "You're just getting started" : b.label })),
    }));
    const el = await mount('pulse-widget', createFakeTracker(config));
    await openWidget(el);
    expect(part(el, 'band')?.textContent).toBe("You're just getting started");
    const widget = document.querySelector('pulse-widget'); // typed: HTMLElementTagNameMap
    if (widget) widget.strings = { bands: { low: 'Willkommen an Bord' } };
    await settle(el);
    expect(part(el, 'band')?.textContent).toBe('Willkommen an Bord');
  });

  it('opens the panel with the band in plain words and moves focus into it', async () => {
    const el = await mount('pulse-widget', createFakeTracker(configWith()));
    const launcher = part(el, 'launcher') as HTMLButtonElement;
    expect(launcher.getAttribute('aria-expanded')).toBe('false');
    expect(part(el, 'panel')?.hidden).toBe(true);
    await openWidget(el);
    expect(launcher.getAttribute('aria-expanded')).toBe('true');
    expect(part(el, 'panel')?.hidden).toBe(false);
    expect(part(el, 'band')?.textContent).toBe("You're getting started");
    expect(activeInside(el)).toBe(part(el, 'panel'));
  });

  it('closes on Escape and returns focus to the launcher', async () => {
    const el = await mount('pulse-widget', createFakeTracker(configWith()));
    await openWidget(el);
    await userEvent.keyboard('{Escape}');
    await settle(el);
    expect(part(el, 'panel')?.hidden).toBe(true);
    expect(activeInside(el)).toBe(part(el, 'launcher'));
  });

  it('closes with its close button and returns focus to the launcher', async () => {
    const el = await mount('pulse-widget', createFakeTracker(configWith()));
    await openWidget(el);
    part(el, 'close')?.click();
    await settle(el);
    expect(el.hasAttribute('open')).toBe(false);
    expect(activeInside(el)).toBe(part(el, 'launcher'));
  });

  it('closes when the user clicks elsewhere on the page, leaving focus alone', async () => {
    const input = document.createElement('input');
    input.setAttribute('aria-label', 'Search');
    document.body.append(input);
    const el = await mount('pulse-widget', createFakeTracker(configWith()));
    await openWidget(el);
    await userEvent.click(input);
    await settle(el);
    expect(el.hasAttribute('open')).toBe(false);
    expect(document.activeElement).toBe(input);
  });

  it('is operable with the keyboard alone', async () => {
    const el = await mount('pulse-widget', createFakeTracker(configWith()));
    await userEvent.tab();
    expect(activeInside(el)).toBe(part(el, 'launcher'));
    await userEvent.keyboard('{Enter}');
    await settle(el);
    expect(activeInside(el)).toBe(part(el, 'panel'));
    await userEvent.tab();
    expect(activeInside(el)).toBe(part(el, 'close'));
    await userEvent.keyboard('{Enter}');
    await settle(el);
    expect(el.hasAttribute('open')).toBe(false);
    expect(activeInside(el)).toBe(part(el, 'launcher'));
  });

  it('shows the current inline nudge in the open panel', async () => {
    const tracker = createFakeTracker(configWith(nudge('tip', 'inline', social)));
    const el = await mount('pulse-widget', tracker);
    expect(shadow(el).querySelector('pulse-nudge')).toBeNull();
    await openWidget(el);
    const slot = shadow(el).querySelector('pulse-nudge') as Mounted;
    await settle(slot);
    expect(part(slot, 'nudge-title')?.textContent).toBe(social.title);
    await vi.waitFor(() => expect(tracker.named('Nudge Shown')).toHaveLength(1));
  });

  it('keeps focus in the panel when the focused nudge is dismissed', async () => {
    const el = await mount('pulse-widget', createFakeTracker(configWith(nudge('tip', 'inline', social))));
    await openWidget(el);
    const slot = shadow(el).querySelector('pulse-nudge') as Mounted;
    await settle(slot);
    part(slot, 'dismiss')?.focus();
    part(slot, 'dismiss')?.click();
    await settle(el, slot);
    expect(activeInside(el)).toBe(part(el, 'panel'));
  });

  it('moves to another corner rather than cover the element the page focuses', async () => {
    const input = document.createElement('input');
    input.setAttribute('aria-label', 'Message');
    input.style.cssText = 'position:fixed;bottom:20px;right:20px;width:120px';
    document.body.append(input);
    const el = await mount('pulse-widget', createFakeTracker(configWith()));
    input.focus();
    await vi.waitFor(() => expect(part(el, 'root')?.className).toBe('root start'));
    const launcher = (part(el, 'launcher') as HTMLElement).getBoundingClientRect();
    expect(launcher.right).toBeLessThan(input.getBoundingClientRect().left);
  });

  it('keeps the launcher and panel boxes when provisional state is confirmed', async () => {
    const tracker = createFakeTracker(configWith(nudge('tip', 'inline', social)));
    tracker.track('Project Created');
    const el = await mount('pulse-widget', tracker);
    await openWidget(el);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const boxes = () => ['launcher', 'panel'].map((p) => (part(el, p) as HTMLElement).getBoundingClientRect().toJSON());
    const before = boxes();
    tracker.confirm();
    await settle(el);
    expect(boxes()).toEqual(before);
  });

  it('takes its corner from the position attribute', async () => {
    const el = await mount('pulse-widget', createFakeTracker(configWith()), { position: 'top-start' });
    const launcher = (part(el, 'launcher') as HTMLElement).getBoundingClientRect();
    expect([launcher.top, launcher.left]).toEqual([16, 16]);
  });
});
