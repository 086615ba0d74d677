/**
 * Template types of the elements for Vue 3 (`GlobalComponents`, read by vue-tsc
 * and Volar): props, `theme` and the `pulse-nudge-close` event. Import once,
 * anywhere in the app: `import '@pulse/widget/vue';` (types only, no code), and
 * tell Vue's compiler the `pulse-` tags are custom elements (docs/widget.md, "Vue").
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { PulseChecklist } from './checklist.js';
import type { PulseNudgeCloseEvent } from './element-types.js';
import type { PulseNudge } from './nudge.js';
import type { PulseWidget } from './widget.js';

/**
 * A custom element as a Vue component type: its instance, with the props `Own`
 * and the events `Events` for templates.
 *
 * @example
 * type Banner = PulseVueElement<PulseNudge, 'placement', { 'pulse-nudge-close': PulseNudgeCloseEvent }>;
 */
export type PulseVueElement<
  E extends HTMLElement,
  Own extends keyof E,
  Events extends Record<string, Event> = Record<never, Event>,
> = new () => E & {
  /** For template type checking only: not a property of the element. */
  $props: HTMLAttributes & Partial<Pick<E, Own>> & PublicProps;
  /** For template type checking only: not a property of the element. */
  $emit: EmitFn<{ [K in keyof Events]: (event: Events[K]) => void }>;
};

type Shared = 'tracker' | 'strings' | 'theme' | 'score';

/**
 * The three elements as Vue's `GlobalComponents` knows them once this module is imported.
 *
 * @example
 * const Nudge: PulseGlobalComponents['pulse-nudge'] = customElements.get('pulse-nudge') as never;
 */
export interface PulseGlobalComponents {
  'pulse-checklist': PulseVueElement<PulseChecklist, Shared>;
  'pulse-widget': PulseVueElement<PulseWidget, Shared | 'position' | 'open'>;
  'pulse-nudge': PulseVueElement<
    PulseNudge,
    Shared | 'placement' | 'nudge' | 'anchor' | 'anchorTimeout' | 'snoozeHours',
    { 'pulse-nudge-close': PulseNudgeCloseEvent }
  >;
}

// A module augmentation: Vue's own interface gains the elements.
declare module 'vue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalComponents extends PulseGlobalComponents {}
}
