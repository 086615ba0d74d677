// The element types in plain DOM code, as docs/widget.md uses them. Each
// `@ts-expect-error` proves a type is there: without it the line would compile.
import { createTracker } from '@pulse/tracker';
import '@pulse/widget/define';

const widget = document.querySelector('pulse-widget');
if (widget) {
  widget.strings = { bands: { low: 'Willkommen' } };
  widget.tracker = createTracker({ writeKey: 'pk_test' });
  widget.theme = 'dark';
  widget.position = 'top-start';
  widget.score = 'churnRisk';
  // @ts-expect-error a score is named by its id, a string
  widget.score = 3;
  // @ts-expect-error not a corner
  widget.position = 'middle';
  // @ts-expect-error only light or dark
  widget.theme = 'blue';
}

const nudge = document.createElement('pulse-nudge');
nudge.placement = 'tooltip';
nudge.snoozeHours = 24;
nudge.score = 'churnRisk';
// @ts-expect-error hours are a number
nudge.snoozeHours = '24';

document.addEventListener('pulse-nudge-close', (e) => {
  const action: 'click' | 'dismiss' | 'snooze' = e.detail.action;
  const id: string = e.detail.nudgeId;
  // @ts-expect-error the detail has no such field
  void e.detail.score;
  return [action, id];
});
nudge.addEventListener('pulse-nudge-close', (e) => e.detail.variant);
