import type { DayResult } from '@pulse/collector/contract';
import { liftRange, ticks, type LiftPoint } from './lift-chart-scale.js';
import { pts, span } from './experiment-format.js';

const W = 600;
const H = 220;
const LEFT = 48;
const RIGHT = 8;
const TOP = 8;
const BOTTOM = 32;

/** When the interval last started to exclude zero, in words; null if it does not today. */
function since(points: LiftPoint[]): string | null {
  const last = points.at(-1);
  if (last === undefined || (last.ci[0] <= 0 && last.ci[1] >= 0)) return null;
  let i = points.length - 1;
  while (i > 0 && (points[i - 1]!.ci[0] > 0 || points[i - 1]!.ci[1] < 0)) i -= 1;
  return points[i]!.day;
}

/**
 * A treatment's cumulative lift vs control per day since the start, with its
 * always-valid interval as a band (the whole curve is covered at once, so it is
 * safe to read daily), days when the split check failed marked under the axis;
 * titled and described for screen readers.
 *
 * @example
 * <LiftOverTime id="invite-nudge-social" variant="social" days={results.overTime} />
 */
export function LiftOverTime({ id, variant, days }: { id: string; variant: string; days: DayResult[] }) {
  const points: LiftPoint[] = days.flatMap((d) => {
    const v = d.variants.find((x) => x.id === variant);
    return v && v.lift !== null && v.ci !== null ? [{ day: d.day, lift: v.lift, ci: v.ci }] : [];
  });
  if (points.length < 2) return <p class="muted">The chart starts once both arms have users on two days.</p>;
  const [lo, hi] = liftRange(points);
  const index = new Map(days.map((d, i) => [d.day, i]));
  const x = (day: string) => LEFT + ((index.get(day) ?? 0) / Math.max(1, days.length - 1)) * (W - LEFT - RIGHT);
  const y = (v: number) => TOP + ((hi - v) / (hi - lo)) * (H - TOP - BOTTOM);
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.day).toFixed(1)},${y(p.lift).toFixed(1)}`).join('');
  const band =
    points.map((p, i) => `${i ? 'L' : 'M'}${x(p.day).toFixed(1)},${y(p.ci[1]).toFixed(1)}`).join('') +
    [...points]
      .reverse()
      .map((p) => `L${x(p.day).toFixed(1)},${y(p.ci[0]).toFixed(1)}`)
      .join('') +
    'Z';
  const last = points.at(-1)!;
  const start = since(points);
  const flagged = days.filter((d) => d.srm.flagged);
  const labels = [days[0]!, days[Math.floor(days.length / 2)]!, days.at(-1)!];
  const desc =
    `${variant}'s lift over control from ${days[0]!.day} to ${last.day}. On ${last.day}: ${pts(last.lift)} points, ` +
    `interval ${span(last.ci)}. ` +
    (start === null ? 'The interval includes zero today.' : `The interval has excluded zero since ${start}.`);
  return (
    <figure class="lift-chart">
      <figcaption class="chart-title">{variant} vs control, lift in points</figcaption>
      <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{`Lift of ${variant} over time`}</title>
        <desc id={`${id}-desc`}>{desc}</desc>
        <clipPath id={`${id}-clip`}>
          <rect x={LEFT} y={TOP} width={W - LEFT - RIGHT} height={H - TOP - BOTTOM} />
        </clipPath>
        {ticks([lo, hi]).map((t) => (
          <g key={t}>
            <line class={t === 0 ? 'zero-line' : 'grid-line'} x1={LEFT} x2={W - RIGHT} y1={y(t)} y2={y(t)} />
            <text class="bar-label" x={LEFT - 6} y={y(t) + 4} text-anchor="end">
              {t === 0 ? '0' : pts(t)}
            </text>
          </g>
        ))}
        <g clip-path={`url(#${id}-clip)`}>
          <path class="lift-band" d={band} />
          <path class="lift-line" d={line} />
        </g>
        {flagged.map((d) => (
          <rect key={d.day} class="srm-mark" x={x(d.day) - 2} y={H - BOTTOM + 2} width={4} height={6} />
        ))}
        {labels.map((d, i) => (
          <text key={i} class="bar-label" x={x(d.day)} y={H - 10} text-anchor={['start', 'middle', 'end'][i]}>
            {d.day.slice(5)}
          </text>
        ))}
      </svg>
      <div class="legend">
        <span class="swatch lift">lift, points</span>
        <span class="swatch band">always-valid interval</span>
        {flagged.length > 0 ? <span class="swatch srm">split check failed</span> : null}
      </div>
    </figure>
  );
}
