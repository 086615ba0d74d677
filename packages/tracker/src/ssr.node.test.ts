import { expect, it } from 'vitest';

it('imports in Node without touching browser globals or throwing', async () => {
  expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
  const module = await import('./index.js');
  expect(typeof module.createTracker).toBe('function');
});

it('creates a tracker that does nothing and never throws', async () => {
  const { createTracker, provisionalState } = await import('./index.js');
  const tracker = createTracker({ writeKey: 'pk_ssr', host: 'https://pulse.example.com', state: provisionalState });
  expect(() => {
    tracker.identify('u1', { plan: 'trial' }, { userToken: 't' });
    tracker.track('Rendered', { path: '/' });
    tracker.page();
    tracker.consent(false);
  }).not.toThrow();
  await expect(tracker.flush()).resolves.toBeUndefined();
  expect(tracker.state()).toEqual({ source: 'none', config: null, user: null, scores: {} });
});

it('still rejects bad options on the server', async () => {
  const { createTracker } = await import('./index.js');
  expect(() => createTracker({ writeKey: '' })).toThrow(/writeKey/);
});
