import { readableDate } from '../users/describe-filter.js';

/** A band's lower bound, drawn as a dashed line across the chart. */
export interface Threshold {
  id: string;
  min: number;
  /** The line's colour class (default `band-<id>`). */
  tone?: string;
}

/** One day of a score history. */
export interface ScorePoint {
  date: string;
  score: number;
  band: string;
}

/**
 * One sentence saying how a score moved over the days shown, for screen readers
 * and the chart's caption.
 *
 * @example
 * historySummary([{ date: '2026-11-01', score: 20, band: 'low' }, { date: '2026-11-02', score: 44, band: 'medium' }]);
 */
export function historySummary(days: ScorePoint[]): string {
  const first = days[0];
  const last = days[days.length - 1];
  if (!first || !last) return 'No score history yet.';
  const high = days.reduce((a, b) => (b.score > a.score ? b : a));
  const low = days.reduce((a, b) => (b.score < a.score ? b : a));
  const moved = last.score === first.score ? 'stayed at' : last.score > first.score ? 'rose to' : 'fell to';
  return (
    `From ${first.score} (${first.band}) on ${readableDate(first.date)} the score ${moved} ${last.score} (${last.band}) ` +
    `on ${readableDate(last.date)}; highest ${high.score} on ${readableDate(high.date)}, lowest ${low.score} on ${readableDate(low.date)}.`
  );
}

/**
 * A user's daily score as an SVG line on a 0–100 axis, each band's threshold drawn
 * as a labelled dashed line; described for screen readers and with the numbers in
 * a table under "Show as table".
 *
 * @example
 * <ScoreHistoryChart days={history.days} thresholds={[{ id: 'medium', min: 35 }]} />
 */
export function ScoreHistoryChart({ days, thresholds }: { days: ScorePoint[]; thresholds: Threshold[] }) {
  // A wide view box keeps the labels near the page's own text size on a desktop screen.
  const width = 1000;
  const height = 260;
  const left = 34;
  const right = 110;
  const top = 10;
  const plot = height - 30;
  const x = (i: number) => left + (days.length <= 1 ? 0 : (i / (days.length - 1)) * (width - left - right));
  const y = (v: number) => top + (1 - v / 100) * (plot - top);
  const line = days.map((d, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(d.score).toFixed(1)}`).join(' ');
  const ticks = days.length <= 1 ? [0] : [0, Math.floor((days.length - 1) / 2), days.length - 1];
  const summary = historySummary(days);
  return (
    <figure class="history-chart">
      <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="history-title history-desc">
        <title id="history-title">Score over the last {days.length} days</title>
        <desc id="history-desc">{summary}</desc>
        {[0, 50, 100].map((v) => (
          <text key={v} class="bar-label" x={left - 6} y={y(v) + 4} text-anchor="end">
            {v}
          </text>
        ))}
        <line class="axis" x1={left} x2={width - right} y1={plot} y2={plot} />
        {thresholds
          .filter((t) => t.min > 0)
          .map((t) => (
            <g key={t.id} class={`threshold ${t.tone ?? `band-${t.id}`}`} data-threshold={t.id}>
              <line x1={left} x2={width - right} y1={y(t.min)} y2={y(t.min)} />
              <text x={width - right + 4} y={y(t.min) + 4} class="bar-label">
                {t.id} ≥ {t.min}
              </text>
            </g>
          ))}
        <path class="line" d={line} data-series="score" />
        {days.length > 0 ? (
          <circle class="dot" cx={x(days.length - 1)} cy={y(days[days.length - 1]!.score)} r={4} />
        ) : null}
        {ticks.map((i) => (
          <text
            key={i}
            class="bar-label"
            x={x(i)}
            y={height - 8}
            text-anchor={i === 0 ? 'start' : i === days.length - 1 ? 'end' : 'middle'}
          >
            {days[i] ? readableDate(days[i].date) : ''}
          </text>
        ))}
      </svg>
      <figcaption class="muted">{summary}</figcaption>
      <details>
        <summary>Show as table</summary>
        <table data-testid="history-table">
          <thead>
            <tr>
              <th>Day</th>
              <th class="num">Score</th>
              <th>Band</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.date}>
                <td>{d.date}</td>
                <td class="num">{d.score}</td>
                <td>{d.band}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
