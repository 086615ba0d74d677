import { describe, expect, it, vi } from 'vitest';
import { safeTrack } from './safe-track.js';
import type { WidgetTracker } from './tracker-source.js';

const trackerWith = (track: WidgetTracker['track']): WidgetTracker => ({
  track,
  state: () => ({ source: 'none', config: null, user: null }),
  on: () => () => undefined,
});

describe('safeTrack', () => {
  it('passes the event to the tracker', () => {
    const track = vi.fn();
    safeTrack(trackerWith(track), 'Nudge Shown', { nudgeId: 'n' });
    expect(track).toHaveBeenCalledWith('Nudge Shown', { nudgeId: 'n' });
  });

  it('swallows a tracker that throws', () => {
    const tracker = trackerWith(() => {
      throw new Error('quota');
    });
    expect(() => safeTrack(tracker, 'Nudge Shown', {})).not.toThrow();
  });

  it('swallows a rejected promise', async () => {
    const unhandled = vi.fn();
    addEventListener('unhandledrejection', unhandled);
    safeTrack(
      trackerWith(() => Promise.reject(new Error('offline'))),
      'Nudge Shown',
      {},
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    removeEventListener('unhandledrejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
  });
});
