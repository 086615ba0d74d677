declare const __PULSE_DEV__: boolean | undefined;

/**
 * True in development. Production builds define `__PULSE_DEV__` as `false`,
 * which folds this to `false` and strips every `if (DEV)` block with its message.
 *
 * @example
 * if (DEV) warnOnce('anchor-timeout', 'No element matches "#invite" after 10000 ms');
 */
export const DEV: boolean = typeof __PULSE_DEV__ === 'undefined' || __PULSE_DEV__;

let warned: Set<string> | undefined;

/**
 * Logs a development warning once per code; call it behind `if (DEV)`.
 *
 * @example
 * if (DEV) warnOnce('unsafe-href', 'nudge CTA href "javascript:…" is not http(s) or relative');
 */
export function warnOnce(code: string, message: string): void {
  if ((warned ??= new Set()).has(code)) return;
  warned.add(code);
  console.warn(`[pulse] ${code}: ${message}`);
}
