/**
 * A horizontal interval bar on a shared scale, with a tick at zero: how a lift
 * and its confidence interval compare with "no difference".
 *
 * @example
 * <CiBar value={0.04} ci={[0.01, 0.07]} range={0.1} label="social vs control" />
 */
export function CiBar({
  value,
  ci,
  range,
  label,
}: {
  value: number;
  ci: [number, number];
  range: number;
  label: string;
}) {
  const width = 240;
  const x = (v: number) => ((Math.max(-range, Math.min(range, v)) + range) / (2 * range)) * width;
  const tone = ci[0] > 0 ? 'positive' : ci[1] < 0 ? 'negative' : 'neutral';
  return (
    <svg class={`ci-bar ${tone}`} viewBox={`0 0 ${width} 24`} role="img" aria-label={label}>
      <title>{label}</title>
      <line class="zero" x1={x(0)} x2={x(0)} y1={2} y2={22} />
      <line class="interval" x1={x(ci[0])} x2={x(ci[1])} y1={12} y2={12} />
      <circle class="estimate" cx={x(value)} cy={12} r={4} />
    </svg>
  );
}
