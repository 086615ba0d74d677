import type { KnownIds, NormalizedConfig } from '@pulse/core';

/**
 * The ids a filter may name under `config`: bands, models and milestones of
 * every model, and the saved segments.
 *
 * @example
 * parseUserFilter(query, knownIds(config));
 */
export function knownIds(config: NormalizedConfig): Required<KnownIds> {
  const bands = new Set<string>();
  const milestones = new Set<string>();
  for (const m of config.models) {
    for (const b of m.bands) bands.add(b.id);
    for (const s of m.milestones ?? []) milestones.add(s.id);
  }
  return {
    bands,
    milestones,
    models: new Set(config.models.map((m) => m.id)),
    segments: new Set((config.segments ?? []).map((s) => s.id)),
  };
}
