import type { UserFilter } from './user-filter.js';

const daysAgo = (n: number, now = Date.now()) => new Date(now - n * 86_400_000).toISOString().slice(0, 10);

/**
 * Ready-made lists a growth team asks for first, each a filter relative to today.
 *
 * @example
 * presetFilters(Date.parse('2026-12-02'))[0]; // { label: 'Band dropped this week', filter: {...} }
 */
export function presetFilters(now = Date.now()): { label: string; filter: UserFilter }[] {
  return [
    { label: 'Band dropped this week', filter: { bandChangedSince: daysAgo(7, now), bandDirection: 'down' } },
    { label: 'Band rose this week', filter: { bandChangedSince: daysAgo(7, now), bandDirection: 'up' } },
    { label: 'Quiet for 14 days', filter: { seenBefore: daysAgo(14, now) } },
    { label: 'Most engaged', filter: { band: 'high' } },
  ];
}

/**
 * Buttons for the ready-made lists.
 *
 * @example
 * <Presets onPick={(f) => go(f)} />
 */
export function Presets({ onPick }: { onPick: (filter: UserFilter) => void }) {
  return (
    <div class="presets" role="group" aria-label="Quick starts">
      <span class="muted">Quick starts:</span>
      {presetFilters().map((p) => (
        <button key={p.label} type="button" class="chip" onClick={() => onPick(p.filter)}>
          {p.label}
        </button>
      ))}
    </div>
  );
}
