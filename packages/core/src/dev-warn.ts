declare const __PULSE_DEV__: boolean | undefined;

/**
 * True in development. Every build of Pulse defines `__PULSE_DEV__`: the production build
 * (`dist/`, what bundlers pick by default) folds this to `false` and strips every `if (DEV)`
 * block with its message; the development build (`dist/development/`, the `development`
 * export condition) keeps them. Sources run unbuilt, as in the tests, are development.
 *
 * Shared by core, the tracker and the widget as `@pulse/core/dev-warn`, a module free of
 * imports; the tracker's and the widget's production builds carry it inside them, folded,
 * so no bundler has to inline it across modules. See docs/decisions.md.
 *
 * @example
 * if (DEV) warnOnce('track-name', 'track() needs an event name');
 */
export const DEV: boolean = typeof __PULSE_DEV__ === 'undefined' || __PULSE_DEV__;

/**
 * Logs a development warning once per code; `undefined` in production builds, so that
 * bundlers drop the function too, not only its calls (a function declared elsewhere is
 * kept as soon as dead code refers to it). Call it inside `if (DEV)`.
 *
 * @example
 * if (DEV) warnOnce?.('invalid-event', 'an event over 32 KB was dropped');
 */
export const warnOnce: ((code: string, message: string) => void) | undefined = DEV
  ? (
      (warned: Set<string>) => (code: string, message: string) =>
        warned.has(code) || (warned.add(code), console.warn(`[pulse] ${code}: ${message}`))
    )(new Set())
  : undefined;
