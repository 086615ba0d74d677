import type { Auc, ConfigPreview, PreviewSide } from '../../api.js';
import { number, percent } from '../../format.js';

/** Two series side by side per label: now (muted) and with the change (accent). */
function PairChart({ title, rows }: { title: string; rows: { label: string; current: number; draft: number }[] }) {
  const width = 600;
  const height = 190;
  const plot = height - 40;
  const max = Math.max(1, ...rows.flatMap((r) => [r.current, r.draft]));
  const slot = width / Math.max(1, rows.length);
  const bar = Math.min(40, slot * 0.42);
  return (
    <svg class="chart pair-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title}>
      <title>{title}</title>
      {rows.map((r, i) => {
        const x = i * slot + slot / 2;
        const h = (v: number) => (v / max) * (plot - 16);
        return (
          <g key={r.label} data-label={r.label} data-current={r.current} data-draft={r.draft}>
            <rect class="bar now" x={x - bar - 1} y={plot - h(r.current)} width={bar} height={h(r.current)} rx={2} />
            <rect class="bar next" x={x + 1} y={plot - h(r.draft)} width={bar} height={h(r.draft)} rx={2} />
            <text class="bar-value small" x={x - bar / 2} y={plot - h(r.current) - 4} text-anchor="middle">
              {number(r.current)}
            </text>
            <text class="bar-value small" x={x + bar / 2} y={plot - h(r.draft) - 4} text-anchor="middle">
              {number(r.draft)}
            </text>
            <text class="bar-label" x={x} y={height - 18} text-anchor="middle">
              {r.label}
            </text>
          </g>
        );
      })}
      <line class="axis" x1={0} x2={width} y1={plot} y2={plot} />
    </svg>
  );
}

const aucText = (a: Auc) =>
  a.auc === null || a.ci === null
    ? 'not measurable'
    : `${a.auc.toFixed(2)} (${a.ci[0].toFixed(2)}–${a.ci[1].toFixed(2)})`;

function Contributions({ side, other }: { side: PreviewSide; other: PreviewSide }) {
  return (
    <ul class="contributions compact">
      {side.contributions
        .filter((c) => c.points !== 0 || other.contributions.some((o) => o.signal === c.signal && o.points !== 0))
        .map((c) => (
          <li key={c.signal}>
            {c.event === '$page' ? 'Page views' : c.event}: {c.points > 0 ? '+' : ''}
            {number(c.points, 1)}
          </li>
        ))}
      {side.inactivityPoints !== 0 ? <li>Inactivity: {number(side.inactivityPoints, 1)}</li> : null}
    </ul>
  );
}

/**
 * The what-if of a draft: how many users change band, band counts and the
 * score distribution now and with the change, the band-to-band matrix, how well
 * each score predicts the chosen outcome, and the users whose score moves most.
 *
 * @example
 * <WhatIf preview={p} bandLabel={(model, band) => band} />
 */
export function WhatIf({
  preview,
  bandLabel,
}: {
  preview: ConfigPreview;
  bandLabel: (modelId: string, band: string) => string;
}) {
  const labels = new Map(preview.bands.map((b) => [b.id, b.label ?? b.id]));
  const label = (id: string) => labels.get(id) ?? id;
  const { transitions: t } = preview;
  return (
    <div class="what-if" data-testid="what-if">
      <p class="what-if-summary" data-testid="what-if-summary">
        <strong>
          {number(preview.usersChangingBand)} of {number(preview.users)} users would change band
        </strong>{' '}
        ({percent(preview.users === 0 ? null : preview.usersChangingBand / preview.users)}), and{' '}
        {number(preview.usersChangingScore)} would get a different score. Worked out on {number(preview.events)} stored
        events in {(preview.ms / 1000).toFixed(1)} s.
      </p>
      <p class="legend">
        <span class="swatch now">Now</span> <span class="swatch next">With your change</span>
      </p>
      <div class="panels">
        <div>
          <h3>Users per band</h3>
          <PairChart
            title="Users per band, now and with your change"
            rows={preview.bands.map((b) => ({ label: label(b.id), current: b.current, draft: b.draft }))}
          />
        </div>
        <div>
          <h3>Score distribution</h3>
          <PairChart
            title="Users per score range, now and with your change"
            rows={preview.histogram.map((h) => ({ label: `${h.from}–${h.to}`, current: h.current, draft: h.draft }))}
          />
        </div>
      </div>
      <div class="table-scroll">
        <table class="transitions" data-testid="transitions">
          <caption>Where users move: band now (rows) to band with your change (columns)</caption>
          <thead>
            <tr>
              <th scope="col">Now ↓ / With change →</th>
              {t.to.map((id) => (
                <th key={id} scope="col">
                  {label(id)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {t.from.map((from, i) => (
              <tr key={from}>
                <th scope="row">{label(from)}</th>
                {t.to.map((to, j) => {
                  const n = t.counts[i]?.[j] ?? 0;
                  return (
                    <td
                      key={to}
                      class={`num${from === to ? ' stay' : n > 0 ? ' move' : ''}`}
                      data-from={from}
                      data-to={to}
                    >
                      {number(n)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {preview.auc !== null ? (
        <div class="auc-compare" data-testid="auc">
          <h3>How well the score predicts {preview.auc.outcomeText}</h3>
          <p class="muted">
            Scores as of {preview.auc.at}, for {number(preview.auc.users)} users whose outcome is known (
            {number(preview.auc.positives)} had it). 0.5 is a coin toss, 1 is perfect; the range is the 95% interval.
          </p>
          <dl class="auc-pair">
            <div>
              <dt>Now</dt>
              <dd data-testid="auc-current">{aucText(preview.auc.current)}</dd>
            </div>
            <div>
              <dt>With your change</dt>
              <dd data-testid="auc-draft">{aucText(preview.auc.draft)}</dd>
            </div>
          </dl>
        </div>
      ) : null}
      <div class="table-scroll">
        <table class="movers" data-testid="movers">
          <caption>The {preview.movers.length} users whose score moves most</caption>
          <thead>
            <tr>
              <th scope="col">User</th>
              <th scope="col">Score now</th>
              <th scope="col">With change</th>
              <th scope="col">Points now</th>
              <th scope="col">Points with change</th>
            </tr>
          </thead>
          <tbody>
            {preview.movers.map((m) => (
              <tr key={m.userId}>
                <th scope="row">
                  <a href={`#/users/${encodeURIComponent(m.userId)}`}>{m.userId}</a>
                </th>
                <td class="num">
                  {m.current.score}{' '}
                  <span class={`pill band-${m.current.band}`}>{bandLabel(m.current.modelId, m.current.band)}</span>
                </td>
                <td class="num">
                  {m.draft.score}{' '}
                  <span class={`pill band-${m.draft.band}`}>{bandLabel(m.draft.modelId, m.draft.band)}</span>{' '}
                  <span class={m.delta < 0 ? 'negative' : 'positive'}>
                    ({m.delta > 0 ? '+' : ''}
                    {m.delta})
                  </span>
                </td>
                <td>
                  <Contributions side={m.current} other={m.draft} />
                </td>
                <td>
                  <Contributions side={m.draft} other={m.current} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
