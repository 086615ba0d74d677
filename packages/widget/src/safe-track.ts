import type { WidgetTracker } from './tracker-source.js';

/**
 * Records an event without ever throwing into the page: a tracker that throws
 * or returns a rejected promise is ignored (the tracker counts its own drops).
 *
 * @example
 * safeTrack(tracker, 'Nudge Shown', { nudgeId: 'invite-nudge', variant: 'social' });
 */
export function safeTrack(tracker: WidgetTracker | null, event: string, properties: Record<string, unknown>): void {
  if (tracker === null) return;
  try {
    const result = tracker.track(event, properties);
    if (result instanceof Promise) result.catch(() => undefined);
  } catch {
    // A failing tracker must not break the element that called it.
  }
}
