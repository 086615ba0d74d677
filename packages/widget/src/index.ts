export { PulseChecklist, progressBar } from './checklist.js';
export { defineElements } from './define-elements.js';
export type {
  PulseNudgeCloseAction,
  PulseNudgeCloseDetail,
  PulseNudgeCloseEvent,
  PulseTheme,
} from './element-types.js';
export { dodgePosition, WIDGET_POSITIONS } from './dodge-position.js';
export type { WidgetPosition } from './dodge-position.js';
export { PulseNudge } from './nudge.js';
export { placeTooltip } from './place-tooltip.js';
export type { TooltipPlacement, ViewportRect } from './place-tooltip.js';
export { PulseElement } from './pulse-element.js';
export { selectNudge } from './select-nudge.js';
export type { NudgeChoice, NudgeQuery } from './select-nudge.js';
export { DEFAULT_STRINGS, formatString, resolveStrings } from './strings.js';
export type { PulseStrings } from './strings.js';
export { isTracker, resolveTracker, setDefaultTracker } from './tracker-source.js';
export type { WidgetTracker, WidgetTrackerState } from './tracker-source.js';
export { waitForElement } from './wait-for-element.js';
export { watchVisible } from './watch-visible.js';
export { PulseWidget } from './widget.js';
