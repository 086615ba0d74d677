declare const __PULSE_DEV__: boolean | undefined;

/**
 * True in development. Production builds define `__PULSE_DEV__` as `false`
 * (rollup `replace`, esbuild `--define:__PULSE_DEV__=false`), which folds this to
 * `false` so every `if (DEV)` block and its message strings are stripped.
 *
 * @example
 * if (DEV) warnOnce('bad-event', 'track() needs an event name');
 */
export const DEV: boolean = typeof __PULSE_DEV__ === 'undefined' || __PULSE_DEV__;

let warned: Set<string> | undefined;

/**
 * Logs a development warning once per code, so a mistake in a hot path does not flood the
 * console. The tracker and the widget share it, and so one record of what was said.
 *
 * @example
 * if (DEV) warnOnce('too-large', 'an event over 32 KB was dropped');
 */
export function warnOnce(code: string, message: string): void {
  if ((warned ??= new Set()).has(code)) return;
  warned.add(code);
  console.warn(`[pulse] ${code}: ${message}`);
}
