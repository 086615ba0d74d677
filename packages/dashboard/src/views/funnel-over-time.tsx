import type { Funnel } from '../api.js';
import { LineChart } from '../charts/line-chart.js';
import { percent } from '../format.js';

// Distinct colours for up to four milestones, then they repeat (the legend and the table name each line).
const TONES = ['band-high', 'band-medium', 'band-low', ''];

/**
 * The funnel week by week: for each milestone, the share of the users seen by
 * the end of each week who had completed it by then (`overTime` of
 * `GET /v1/admin/funnel`), as a chart and a table. Renders nothing for an
 * answer without weeks (a collector from before).
 *
 * @example
 * <FunnelOverTime funnel={f} />
 */
export function FunnelOverTime({ funnel }: { funnel: Funnel }) {
  const weeks = funnel.overTime ?? [];
  if (weeks.length === 0) return null;
  const share = (users: number, completed: number) => (users === 0 ? null : completed / users);
  const series = funnel.milestones.map((m, i) => ({
    name: m.title,
    tone: TONES[i % TONES.length],
    values: weeks.map((w) => {
      const done = w.milestones.find((x) => x.id === m.id)?.completed ?? 0;
      const s = share(w.users, done);
      return s === null ? null : Math.round(s * 1000) / 10;
    }),
  }));
  return (
    <div data-testid="funnel-over-time">
      <h3>Week by week</h3>
      <p class="muted">Share of the users seen by the end of each week who had completed each milestone by then.</p>
      <LineChart
        title="Share of users who completed each milestone, by week (%)"
        labels={weeks.map((w) => w.date.slice(5))}
        series={series}
      />
      <table data-testid="funnel-weeks">
        <thead>
          <tr>
            <th>Week ending</th>
            <th>Users</th>
            {funnel.milestones.map((m) => (
              <th key={m.id}>{m.title}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.date}>
              <td>{w.date}</td>
              <td class="num">{w.users.toLocaleString('en-US')}</td>
              {funnel.milestones.map((m) => (
                <td key={m.id} class="num">
                  {percent(share(w.users, w.milestones.find((x) => x.id === m.id)?.completed ?? 0))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
