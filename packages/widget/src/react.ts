/**
 * JSX types of the elements for React 19, which sets a custom element's known
 * properties as properties (`tracker`, `strings`, `placement`…) and adds
 * `on<event-name>` props as event listeners. Import once, anywhere in the app:
 * `import '@pulse/widget/react';` (it holds types only, no code).
 * See docs/widget.md ("React").
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { PulseChecklist } from './checklist.js';
import type { PulseNudgeCloseEvent } from './element-types.js';
import type { PulseNudge } from './nudge.js';
import type { PulseWidget } from './widget.js';

/**
 * A Pulse element's JSX props: React's for any HTML element plus the element's
 * own properties named in `Own`.
 *
 * @example
 * const props: PulseJsxProps<PulseNudge, 'placement'> = { placement: 'banner' };
 */
export type PulseJsxProps<E extends HTMLElement, Own extends keyof E> = DetailedHTMLProps<HTMLAttributes<E>, E> &
  Partial<Pick<E, Own>>;

type Shared = 'tracker' | 'strings' | 'theme' | 'score';

/**
 * The three elements as React's `JSX.IntrinsicElements` knows them once this
 * module is imported.
 *
 * @example
 * const banner: PulseIntrinsicElements['pulse-nudge'] = { placement: 'banner', 'onpulse-nudge-close': (e) => e.detail.action };
 */
export interface PulseIntrinsicElements {
  'pulse-checklist': PulseJsxProps<PulseChecklist, Shared>;
  'pulse-widget': PulseJsxProps<PulseWidget, Shared | 'position' | 'open'>;
  'pulse-nudge': PulseJsxProps<
    PulseNudge,
    Shared | 'placement' | 'nudge' | 'anchor' | 'anchorTimeout' | 'snoozeHours'
  > & {
    /** A nudge closed: clicked, dismissed or snoozed (React 19 adds it with `addEventListener`). */
    'onpulse-nudge-close'?: (event: PulseNudgeCloseEvent) => void;
  };
}

// A module augmentation can only be written as a namespace: React declares JSX as one.
/* eslint-disable @typescript-eslint/no-namespace, @typescript-eslint/no-empty-object-type */
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends PulseIntrinsicElements {}
  }
}
