declare const __PULSE_DEV__: boolean | undefined;

/**
 * True in development. Production builds define `__PULSE_DEV__` as `false`, which folds
 * this to `false` and strips every `if (DEV)` block with its message.
 *
 * Shared by core, the tracker and the widget. The module stays free of imports: bundlers
 * fold a constant only at the top of a module or across modules (esbuild inlines an
 * imported constant, not one declared after other code), so core's npm build emits it as
 * a chunk of its own. See docs/decisions.md.
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
