/**
 * Every text the elements show or announce. `{name}` placeholders are filled
 * in by `formatString`; `bands` maps a band id to a sentence.
 *
 * @example
 * const de: Partial<PulseStrings> = { checklistTitle: 'Erste Schritte', progress: '{done} von {total} erledigt' };
 */
export interface PulseStrings {
  checklistTitle: string;
  progress: string;
  done: string;
  notDone: string;
  complete: string;
  showSteps: string;
  hideSteps: string;
  launcher: string;
  panelTitle: string;
  close: string;
  dismiss: string;
  snooze: string;
  newNudge: string;
  band: string;
  bands: Record<string, string>;
}

/**
 * The English defaults.
 *
 * @example
 * formatString(DEFAULT_STRINGS.progress, { done: 1, total: 3 }); // → '1 of 3 done'
 */
export const DEFAULT_STRINGS: PulseStrings = {
  checklistTitle: 'Get started',
  progress: '{done} of {total} done',
  done: 'done',
  notDone: 'not done yet',
  complete: 'All done, nice work!',
  showSteps: 'Show steps',
  hideSteps: 'Hide steps',
  launcher: 'Your progress: {done} of {total} done',
  panelTitle: 'Your progress',
  close: 'Close',
  dismiss: 'Dismiss',
  snooze: 'Remind me later',
  newNudge: 'New tip: {title}',
  band: 'Your level: {band}',
  bands: {
    low: "You're getting started",
    medium: "You're making good progress",
    high: "You're a power user",
  },
};

/**
 * The defaults with `overrides` applied; `bands` entries merge one by one.
 *
 * @example
 * resolveStrings({ bands: { low: 'Welcome aboard' } }).bands.medium; // → "You're making good progress"
 */
export function resolveStrings(overrides: Partial<PulseStrings> | null | undefined): PulseStrings {
  if (!overrides) return DEFAULT_STRINGS;
  return { ...DEFAULT_STRINGS, ...overrides, bands: { ...DEFAULT_STRINGS.bands, ...overrides.bands } };
}

/**
 * Replaces `{name}` placeholders with values; unknown placeholders stay as they are.
 *
 * @example
 * formatString('{done} of {total} done', { done: 2, total: 5 }); // → '2 of 5 done'
 */
export function formatString(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) =>
    Object.hasOwn(values, key) ? String(values[key]) : match,
  );
}
