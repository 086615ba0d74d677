import type { JSX as PreactJSX } from 'preact';

type PulseAttributes = PreactJSX.HTMLAttributes<HTMLElement> & { theme?: 'light' | 'dark' };

/**
 * JSX typings for the Pulse custom elements the demo renders with preact (attribute
 * names from @pulse/widget). The elements take their data from the default tracker.
 */
declare module 'preact' {
  // preact declares its JSX types as a namespace, so augmenting them takes one.
  namespace JSX {
    interface IntrinsicElements {
      'pulse-widget': PulseAttributes & { position?: 'bottom-end' | 'bottom-start' | 'top-end' | 'top-start' };
      'pulse-checklist': PulseAttributes;
      'pulse-nudge': PulseAttributes & {
        placement?: 'banner' | 'toast' | 'inline' | 'tooltip';
        nudge?: string;
        anchor?: string;
        'snooze-hours'?: number;
      };
    }
  }
}
