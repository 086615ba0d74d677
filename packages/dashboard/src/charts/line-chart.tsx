/** A named series of y values, one per x label. */
export interface Series {
  name: string;
  values: (number | null)[];
  tone?: string;
}

/**
 * A responsive SVG line chart with a legend; gaps where a value is null.
 *
 * @example
 * <LineChart title="Average score" labels={['11-01', '11-02']} series={[{ name: 'avg', values: [40, 42] }]} />
 */
export function LineChart({
  title,
  labels,
  series,
  height = 200,
}: {
  title: string;
  labels: string[];
  series: Series[];
  height?: number;
}) {
  const width = 600;
  const left = 36;
  const plot = height - 40;
  const all = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = Math.max(1, ...all);
  const x = (i: number) => left + (labels.length <= 1 ? 0 : (i / (labels.length - 1)) * (width - left - 8));
  const y = (v: number) => 8 + (1 - v / max) * (plot - 8);
  const path = (values: (number | null)[]) =>
    values
      .map((v, i) =>
        v === null ? null : `${i === 0 || values[i - 1] === null ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`,
      )
      .filter((s) => s !== null)
      .join(' ');
  const ticks = labels.length <= 6 ? labels.map((_, i) => i) : [0, Math.floor(labels.length / 2), labels.length - 1];
  return (
    <figure class="line-chart">
      <svg class="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
        <title>{title}</title>
        <line class="axis" x1={left} x2={width} y1={plot} y2={plot} />
        <text class="bar-label" x={left - 6} y={y(max) + 4} text-anchor="end">
          {Math.round(max)}
        </text>
        <text class="bar-label" x={left - 6} y={plot} text-anchor="end">
          0
        </text>
        {series.map((s) => (
          <path key={s.name} class={`line ${s.tone ?? ''}`} d={path(s.values)} data-series={s.name} />
        ))}
        {ticks.map((i) => (
          <text
            key={i}
            class="bar-label"
            x={x(i)}
            y={height - 18}
            text-anchor={i === 0 ? 'start' : i === labels.length - 1 ? 'end' : 'middle'}
          >
            {labels[i]}
          </text>
        ))}
      </svg>
      <figcaption class="legend">
        {series.map((s) => (
          <span key={s.name} class={`swatch ${s.tone ?? ''}`}>
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
