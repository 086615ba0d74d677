import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFakeTracker } from '../test/fake-tracker.js';
import { configWith, nudge, social } from '../test/fixtures.js';
import { mount, part, settle } from '../test/mount.js';

afterEach(() => {
  document.body.replaceChildren();
  scrollTo(0, 0);
});

const tooltipConfig = () => configWith(nudge('tour', 'tooltip', social, { anchor: '#invite-button' }));

function addAnchor(top = 100): HTMLButtonElement {
  const button = document.createElement('button');
  button.id = 'invite-button';
  button.textContent = 'Invite';
  button.style.cssText = `position:absolute;top:${top}px;left:200px;width:80px;height:30px`;
  document.body.append(button);
  return button;
}

describe('<pulse-nudge placement="tooltip">', () => {
  it('waits for an anchor that appears later, then shows just below it', async () => {
    const tracker = createFakeTracker(tooltipConfig());
    const el = await mount('pulse-nudge', tracker, { placement: 'tooltip' });
    expect(part(el, 'nudge')).toBeNull();
    const anchor = addAnchor();
    await vi.waitFor(() => expect(part(el, 'nudge')).not.toBeNull());
    const a = anchor.getBoundingClientRect();
    // Waits out the entry transition, which slides the card in.
    await vi.waitFor(() => expect((part(el, 'nudge') as HTMLElement).getBoundingClientRect().top).toBe(a.bottom + 10));
    const arrow = (part(el, 'arrow') as HTMLElement).getBoundingClientRect();
    expect(Math.abs(arrow.left + arrow.width / 2 - (a.left + a.width / 2))).toBeLessThan(1);
  });

  it('records Nudge Eligible only once the anchor is there, also for the control', async () => {
    const tracker = createFakeTracker(configWith(nudge('tour', 'tooltip', null, { anchor: '#invite-button' })));
    const el = await mount('pulse-nudge', tracker, { placement: 'tooltip' });
    await settle(el);
    expect(tracker.named('Nudge Eligible')).toEqual([]);
    addAnchor();
    await vi.waitFor(() => expect(tracker.named('Nudge Eligible')).toHaveLength(1));
    expect(part(el, 'nudge')).toBeNull();
  });

  it('gives up quietly when the anchor never appears', async () => {
    const tracker = createFakeTracker(tooltipConfig());
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const el = await mount('pulse-nudge', tracker, { placement: 'tooltip', 'anchor-timeout': '50' });
    await new Promise((resolve) => setTimeout(resolve, 120));
    addAnchor();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await settle(el);
    expect(part(el, 'nudge')).toBeNull();
    expect(tracker.events).toEqual([]);
    warn.mockRestore();
  });

  it('follows its anchor when the page scrolls', async () => {
    const tracker = createFakeTracker(tooltipConfig());
    const spacer = document.createElement('div');
    spacer.style.height = '3000px';
    document.body.append(spacer);
    const anchor = addAnchor(300);
    const el = await mount('pulse-nudge', tracker, { placement: 'tooltip' });
    await vi.waitFor(() => expect(part(el, 'nudge')).not.toBeNull());
    scrollBy(0, 120);
    await vi.waitFor(() =>
      expect((part(el, 'nudge') as HTMLElement).getBoundingClientRect().top).toBe(
        anchor.getBoundingClientRect().bottom + 10,
      ),
    );
    expect(anchor.getBoundingClientRect().top).toBe(180);
  });

  it('goes above an anchor at the bottom of the viewport', async () => {
    const anchor = addAnchor(innerHeight - 40);
    const el = await mount('pulse-nudge', createFakeTracker(tooltipConfig()), { placement: 'tooltip' });
    const card = part(el, 'nudge') as HTMLElement;
    expect(card.hasAttribute('data-above')).toBe(true);
    await vi.waitFor(() => expect(card.getBoundingClientRect().bottom).toBe(anchor.getBoundingClientRect().top - 10));
  });

  it('uses the anchor attribute over the configured selector', async () => {
    const other = document.createElement('span');
    other.id = 'elsewhere';
    other.textContent = 'x';
    document.body.append(other);
    const el = await mount('pulse-nudge', createFakeTracker(tooltipConfig()), {
      placement: 'tooltip',
      anchor: '#elsewhere',
    });
    expect(part(el, 'nudge')).not.toBeNull();
  });

  it('returns focus to the anchor when dismissed with the keyboard', async () => {
    const anchor = addAnchor();
    const el = await mount('pulse-nudge', createFakeTracker(tooltipConfig()), { placement: 'tooltip' });
    part(el, 'dismiss')?.focus();
    part(el, 'dismiss')?.click();
    await settle(el);
    expect(document.activeElement).toBe(anchor);
  });
});
