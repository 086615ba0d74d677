declare const __PULSE_DEV__: boolean | undefined;

/**
 * True in development: @pulse/core's `DEV`, evaluated in the tracker's own module. A
 * customer's bundler folds a constant only inside the module that declares it (esbuild
 * does not inline an imported one), so with core's `DEV` every `if (DEV)` block and its
 * message stayed in production bundles built from the tracker's npm build. The
 * messages themselves still go through core's `warnOnce`.
 *
 * @example
 * if (DEV) warnOnce('track-name', 'track() needs an event name');
 */
export const DEV: boolean = typeof __PULSE_DEV__ === 'undefined' || __PULSE_DEV__;
