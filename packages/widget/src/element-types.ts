import type { PulseChecklist } from './checklist.js';
import type { PulseNudge } from './nudge.js';
import type { PulseWidget } from './widget.js';

/**
 * How a nudge was closed: its call to action clicked, dismissed, or snoozed
 * ("Remind me later").
 *
 * @example
 * const action: PulseNudgeCloseAction = 'snooze';
 */
export type PulseNudgeCloseAction = 'click' | 'dismiss' | 'snooze';

/**
 * The `detail` of `pulse-nudge-close`: which nudge and variant closed, in which
 * placement, and how.
 *
 * @example
 * const detail: PulseNudgeCloseDetail = { nudgeId: 'invite', variant: 'social', placement: 'banner', action: 'click' };
 */
export interface PulseNudgeCloseDetail {
  nudgeId: string;
  variant: string;
  placement: PulseNudge['placement'];
  action: PulseNudgeCloseAction;
}

/**
 * `pulse-nudge-close`: a `<pulse-nudge>` closed. It bubbles out of shadow roots
 * (`composed`), so a parent, the document or the window can listen.
 *
 * @example
 * document.addEventListener('pulse-nudge-close', (e) => console.log(e.detail.nudgeId, e.detail.action));
 */
export type PulseNudgeCloseEvent = CustomEvent<PulseNudgeCloseDetail>;

/**
 * The `theme` attribute and property of every element: light or dark; unset
 * follows the page's `color-scheme` (docs/widget.md, "Theming").
 *
 * @example
 * document.querySelector('pulse-widget')!.theme = 'dark';
 */
export type PulseTheme = 'light' | 'dark';

declare global {
  interface HTMLElementTagNameMap {
    'pulse-checklist': PulseChecklist;
    'pulse-widget': PulseWidget;
    'pulse-nudge': PulseNudge;
  }
  interface HTMLElementEventMap {
    'pulse-nudge-close': PulseNudgeCloseEvent;
  }
  interface DocumentEventMap {
    'pulse-nudge-close': PulseNudgeCloseEvent;
  }
  interface WindowEventMap {
    'pulse-nudge-close': PulseNudgeCloseEvent;
  }
}
