import type { WidgetTrackerState } from './tracker-source.js';
import { DEFAULT_STRINGS, formatString, type PulseStrings } from './strings.js';

/**
 * The user's band in plain words. The page's own `strings.bands` sentence wins,
 * then the band `label` of the model in the config (what the growth team wrote),
 * then the English default sentence, then the generic `band` string. Empty
 * without a user. `user` is the score shown (default: the default score's `state.user`).
 *
 * @example
 * bandText(tracker.state(), element.strings); // → "You're just getting started" (the config's label)
 */
export function bandText(
  state: WidgetTrackerState,
  own: Partial<PulseStrings> | null | undefined,
  user = state.user,
): string {
  if (user === null) return '';
  const band = user.band;
  if (own?.bands && Object.hasOwn(own.bands, band)) return own.bands[band] as string;
  const model = state.config?.models?.find((m) => m.id === user.modelId);
  const label = model?.bands.find((b) => b.id === band)?.label;
  if (label) return label;
  if (Object.hasOwn(DEFAULT_STRINGS.bands, band)) return DEFAULT_STRINGS.bands[band] as string;
  return formatString(own?.band ?? DEFAULT_STRINGS.band, { band });
}
