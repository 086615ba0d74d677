import type { NormalizedConfig } from '@pulse/core';

function bandMin(config: NormalizedConfig, modelId: string | null, band: string): number | null {
  const own = config.models.find((m) => m.id === modelId)?.bands.find((b) => b.id === band);
  if (own !== undefined) return own.min;
  for (const m of config.models) for (const b of m.bands) if (b.id === band) return b.min;
  return null;
}

/**
 * Whether a band change went up (1) or down (-1), by the bands' lower bounds
 * (each looked up in its own model, so a move between models compares what
 * the bands mean); null when neither is higher or a band is unknown.
 *
 * @example
 * bandDirection(config, { from: 'high', fromModel: 'saas', to: 'low', toModel: 'saas' }); // → -1
 */
export function bandDirection(
  config: NormalizedConfig,
  change: { from: string; fromModel: string | null; to: string; toModel: string },
): 1 | -1 | null {
  const a = bandMin(config, change.fromModel, change.from);
  const b = bandMin(config, change.toModel, change.to);
  if (a === null || b === null || a === b) return null;
  return b > a ? 1 : -1;
}
