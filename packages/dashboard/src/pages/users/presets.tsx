import type { UserFilter } from './user-filter.js';

/**
 * Ready-made lists a growth team asks for first. Their dates are relative (`-7d`),
 * so a segment saved from one stays current.
 */
export const PRESETS: readonly { label: string; filter: UserFilter }[] = [
  { label: 'Band dropped this week', filter: { bandChangedSince: '-7d', bandDirection: 'down' } },
  { label: 'Band rose this week', filter: { bandChangedSince: '-7d', bandDirection: 'up' } },
  { label: 'Quiet for 14 days', filter: { seenBefore: '-14d' } },
];

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
      {PRESETS.map((p) => (
        <button key={p.label} type="button" class="chip" onClick={() => onPick(p.filter)}>
          {p.label}
        </button>
      ))}
    </div>
  );
}
