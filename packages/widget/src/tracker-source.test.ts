import { afterEach, describe, expect, it } from 'vitest';
import { createFakeTracker } from '../test/fake-tracker.js';
import { configWith } from '../test/fixtures.js';
import { mount, part, settle } from '../test/mount.js';
import { isTracker, resolveTracker, setDefaultTracker } from './tracker-source.js';

const global = globalThis as { pulse?: unknown };

afterEach(() => {
  setDefaultTracker(null);
  delete global.pulse;
  document.body.replaceChildren();
});

describe('isTracker', () => {
  it('accepts an object with track, state and on', () => {
    expect(isTracker(createFakeTracker(configWith()))).toBe(true);
  });

  it("rejects the async snippet's queue and other values", () => {
    const stub = Object.assign([], { track: () => undefined, state: () => undefined, on: () => undefined });
    expect([stub, null, undefined, {}, { track: () => undefined }].map(isTracker)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('resolveTracker', () => {
  it("prefers the element's own tracker, then the default, then the global pulse", () => {
    const own = createFakeTracker(configWith());
    const fallback = createFakeTracker(configWith());
    const page = createFakeTracker(configWith());
    global.pulse = page;
    expect(resolveTracker(null)).toBe(page);
    setDefaultTracker(fallback);
    expect(resolveTracker(null)).toBe(fallback);
    expect(resolveTracker(own)).toBe(own);
  });

  it('is null when there is no tracker anywhere', () => {
    expect(resolveTracker(undefined)).toBeNull();
  });
});

describe('setDefaultTracker', () => {
  it('moves elements already on the page to the new tracker', async () => {
    const el = await mount('pulse-checklist', null);
    expect(part(el, 'progress-label')?.textContent).toBe('');
    const tracker = createFakeTracker(configWith());
    tracker.track('Project Created');
    setDefaultTracker(tracker);
    await settle(el);
    expect(part(el, 'progress-label')?.textContent).toBe('1 of 3 done');
  });

  it('is used by an element whose .tracker was set before the element was defined', async () => {
    const tracker = createFakeTracker(configWith());
    const el = document.createElement('pulse-early-checklist') as HTMLElement & { tracker?: unknown };
    el.tracker = tracker;
    document.body.append(el);
    const { PulseChecklist } = await import('./checklist.js');
    customElements.define('pulse-early-checklist', class extends PulseChecklist {});
    await settle(el as never);
    expect(part(el, 'progress-label')?.textContent).toBe('0 of 3 done');
  });
});
