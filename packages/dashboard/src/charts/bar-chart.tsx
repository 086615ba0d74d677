/** One bar: a label under it and its value. */
export interface Bar {
  label: string;
  value: number;
  /** A CSS class for the bar's colour (e.g. a band id). */
  tone?: string;
}

/**
 * A responsive SVG bar chart with values on the bars; scales to its container.
 *
 * @example
 * <BarChart title="Score distribution" bars={[{ label: '0–9', value: 12 }]} />
 */
export function BarChart({ title, bars, height = 180 }: { title: string; bars: Bar[]; height?: number }) {
  const width = 600;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = width / Math.max(1, bars.length);
  const plot = height - 36;
  return (
    <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
      <title>{title}</title>
      {bars.map((b, i) => {
        const h = (b.value / max) * (plot - 14);
        const x = i * slot + slot * 0.12;
        return (
          <g key={b.label} data-bar={b.label} data-value={b.value}>
            <rect class={`bar ${b.tone ?? ''}`} x={x} y={plot - h} width={slot * 0.76} height={h} rx={3} />
            <text class="bar-value" x={x + slot * 0.38} y={plot - h - 4} text-anchor="middle">
              {b.value.toLocaleString('en-US')}
            </text>
            <text class="bar-label" x={x + slot * 0.38} y={height - 16} text-anchor="middle">
              {b.label}
            </text>
          </g>
        );
      })}
      <line class="axis" x1={0} x2={width} y1={plot} y2={plot} />
    </svg>
  );
}
