import type { Contribution } from '../api.js';
import { number } from '../format.js';

// Signals may count page views, which the protocol names `$page`.
const eventName = (event: string) => (event === '$page' ? 'page views' : event);

/**
 * Each signal's contribution, largest first; zeros hidden in compact mode. Points that
 * raise a `higherIsWorse` score (churn risk) are the bad news, in red.
 *
 * @example
 * <Contributions items={state.contributions} />
 */
export function Contributions({
  items,
  compact = false,
  higherIsWorse = false,
}: {
  items: Contribution[];
  compact?: boolean;
  higherIsWorse?: boolean;
}) {
  const shown = [...items]
    .filter((c) => !compact || c.points !== 0)
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  if (shown.length === 0) return <span class="muted">no activity in the window</span>;
  return (
    <ul class={compact ? 'contributions compact' : 'contributions'}>
      {shown.map((c) => (
        <li key={c.signal} data-signal={c.signal}>
          <span class={c.points < 0 !== higherIsWorse && c.points !== 0 ? 'negative' : 'positive'}>
            {c.points >= 0 ? '+' : ''}
            {number(c.points, 1)}
          </span>{' '}
          {c.signal}
          {compact ? null : (
            <span class="muted">
              {' '}
              ({number(c.n, 1)} × {eventName(c.event)}
              {c.capped ? ', capped' : ''})
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
