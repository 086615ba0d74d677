import type { WidgetTrackerState } from './tracker-source.js';
import { formatString, type PulseStrings } from './strings.js';

/**
 * The user's band in plain words: the `bands` string for the band id, else
 * the model's band `label`, else the generic `band` string. Empty without a user.
 *
 * @example
 * bandText(tracker.state(), DEFAULT_STRINGS); // → "You're getting started"
 */
export function bandText(state: WidgetTrackerState, strings: PulseStrings): string {
  const user = state.user;
  if (user === null) return '';
  if (Object.hasOwn(strings.bands, user.band)) return strings.bands[user.band] as string;
  const model = state.config?.models?.find((m) => m.id === user.modelId);
  const label = model?.bands.find((b) => b.id === user.band)?.label;
  return label ?? formatString(strings.band, { band: user.band });
}
