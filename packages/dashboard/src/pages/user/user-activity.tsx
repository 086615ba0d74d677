import type { UserDetail } from '../../api.js';
import { readableDate } from '../users/describe-filter.js';
import { nudgesSeen } from './nudges-seen.js';

const time = (iso: string) => `${readableDate(iso)} ${iso.slice(11, 16)}`;

/**
 * The nudges a user saw (variant, times shown, clicked, dismissed) and their latest events.
 *
 * @example
 * <UserActivity events={detail.events} />
 */
export function UserActivity({ events }: { events: UserDetail['events'] }) {
  const nudges = nudgesSeen(events);
  return (
    <section class="card">
      <h2>Nudges seen</h2>
      {nudges.length === 0 ? (
        <p class="muted">No nudge shown in the events below.</p>
      ) : (
        <table data-testid="user-nudges">
          <thead>
            <tr>
              <th>Nudge</th>
              <th>Version</th>
              <th class="num">Shown</th>
              <th class="num">Clicked</th>
              <th class="num">Dismissed</th>
            </tr>
          </thead>
          <tbody>
            {nudges.map((n) => (
              <tr key={`${n.nudgeId}:${n.variant}`}>
                <td>{n.nudgeId}</td>
                <td>{n.variant}</td>
                <td class="num">{n.shown}</td>
                <td class="num">{n.clicked}</td>
                <td class="num">{n.dismissed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Latest {events.length} events</h2>
      <div class="scroll" tabIndex={0} role="region" aria-label="Latest events">
        <table data-testid="user-events">
          <tbody>
            {events.map((e, i) => (
              <tr key={i}>
                <td class="muted nowrap">{time(e.timestamp)}</td>
                <td>{e.event ?? (e.type === 'page' ? `Viewed ${e.name ?? 'a page'}` : (e.name ?? e.type))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
