import { useState } from 'preact/hooks';
import type { Api, Auc, ModelHealth } from '../api.js';
import { BarChart } from '../charts/bar-chart.js';
import { LineChart } from '../charts/line-chart.js';
import { number, percent } from '../format.js';
import { useResource } from '../use-resource.js';
import { Loaded } from './status.js';
import { withScoreParam } from '../scores/score-names.js';

// Active in days 28-41 after first seen: a young population (the demo's 60 days of
// sign-ups) can already answer it, where 60-90 would need three months of events.
const DEFAULT_OUTCOME = 'retention:28-42';

const auc = (a: number | null) => (a === null ? '—' : a.toFixed(3));
const ci = (a: Auc) => (a.ci === null ? '—' : `${a.ci[0].toFixed(3)}–${a.ci[1].toFixed(3)}`);
const toPercent = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

function Query({ onRun }: { onRun: (path: string) => void }) {
  const [outcome, setOutcome] = useState(DEFAULT_OUTCOME);
  const [at, setAt] = useState('');
  const [within, setWithin] = useState('30');
  return (
    <form
      class="card wide query"
      onSubmit={(e) => {
        e.preventDefault();
        const q = new URLSearchParams({ outcome: outcome.trim() });
        if (at !== '') q.set('at', at);
        if (outcome.startsWith('event:')) q.set('within', within);
        onRun(`/v1/admin/model-health?${q.toString()}`);
      }}
    >
      <label>
        Outcome
        <input
          name="outcome"
          value={outcome}
          onInput={(e) => setOutcome(e.currentTarget.value)}
          placeholder="retention:60-90 or event:Subscription Renewed"
        />
      </label>
      <label>
        Days (event)
        <input
          name="within"
          type="number"
          min={1}
          max={365}
          value={within}
          onInput={(e) => setWithin(e.currentTarget.value)}
        />
      </label>
      <label>
        Observation date
        <input name="at" type="date" value={at} onInput={(e) => setAt(e.currentTarget.value)} />
      </label>
      <button type="submit">Check</button>
      <p class="muted">
        Blank date: the latest date whose outcome is already known. Scores are taken at the end of that day; the outcome
        is observed after it.
      </p>
    </form>
  );
}

function Current({ h }: { h: ModelHealth }) {
  return (
    <>
      <section class="card wide" data-testid="model-health-kpis">
        <p class="muted">
          Model <strong>{h.modelId}</strong> at the end of {h.at}; outcome: {h.outcomeText}.
        </p>
        <div class="kpi">
          <span class="kpi-value" data-testid="auc">
            {auc(h.current.auc.auc)}
          </span>
          <span class="kpi-label">ROC AUC (95% CI {ci(h.current.auc)})</span>
        </div>
        <div class="kpi">
          <span class="kpi-value" data-testid="health-users">
            {number(h.users)}
          </span>
          <span class="kpi-label">users observed</span>
        </div>
        <div class="kpi">
          <span class="kpi-value" data-testid="outcome-rate">
            {percent(h.rate)}
          </span>
          <span class="kpi-label">had the outcome</span>
        </div>
        {h.warnings.map((w) => (
          <p class="muted" key={w}>
            {w}
          </p>
        ))}
        {h.current.auc.auc === null ? (
          <p data-testid="auc-missing">
            An AUC needs users both with and without the outcome: {number(h.positives)} of {number(h.users)} users
            observed at the end of {h.at} had it. Try another outcome window, model or date.
          </p>
        ) : null}
      </section>
      <section class="card">
        <h2>Outcome rate by band</h2>
        <BarChart
          title="Outcome rate by band (%)"
          bars={h.current.bands.map((b) => ({
            label: b.label ?? b.id,
            value: toPercent(b.rate) ?? 0,
            tone: `band-${b.id}`,
          }))}
        />
        <table>
          <thead>
            <tr>
              <th>Band</th>
              <th>Users</th>
              <th>Rate</th>
              <th>vs other bands</th>
            </tr>
          </thead>
          <tbody>
            {h.current.bands.map((b) => (
              <tr key={b.id} data-band={b.id}>
                <td>
                  {b.label ?? b.id} (≥ {b.min})
                </td>
                <td class="num" data-field="users">
                  {number(b.users)}
                </td>
                <td class="num" data-field="rate">
                  {percent(b.rate)}
                </td>
                <td class="num" data-field="lift">
                  {b.lift === null ? '—' : `${b.lift.toFixed(2)}×`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card">
        <h2>Calibration by score decile</h2>
        <table>
          <thead>
            <tr>
              <th>Decile</th>
              <th>Scores</th>
              <th>Mean score</th>
              <th>Outcome rate</th>
            </tr>
          </thead>
          <tbody>
            {h.current.deciles.map((d) => (
              <tr key={d.decile} data-decile={d.decile}>
                <td>{d.decile}</td>
                <td>
                  {d.minScore}–{d.maxScore}
                </td>
                <td class="num">{d.meanScore.toFixed(1)}</td>
                <td class="num" data-field="rate">
                  {percent(d.rate)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section class="card wide">
        <h2>AUC over time (×100)</h2>
        <LineChart
          title="AUC by observation date"
          labels={h.aucOverTime.map((p) => p.date.slice(5))}
          series={[
            { name: 'current model', values: h.aucOverTime.map((p) => toPercent(p.auc)) },
            {
              name: 'recorded scores',
              tone: 'band-medium',
              values: h.aucOverTime.map((p) => toPercent(p.recordedAuc)),
            },
          ]}
        />
      </section>
    </>
  );
}

function Suggestion({ h }: { h: ModelHealth }) {
  const s = h.suggestion;
  if (s === null) return null;
  return (
    <section class="card wide" data-testid="suggestion">
      <h2>Suggested model</h2>
      <p>
        Held out ({number(s.heldOut.users)} users): current AUC{' '}
        <strong data-testid="heldout-current">{auc(s.heldOut.current.auc)}</strong>, suggested AUC{' '}
        <strong data-testid="heldout-suggested">{auc(s.heldOut.suggested.auc)}</strong> (95% CI{' '}
        {ci(s.heldOut.suggested)}). Bands: {s.model.bands.map((b) => `${b.id} ≥ ${b.min}`).join(', ')}; maxPoints{' '}
        {s.model.scale.maxPoints}.
      </p>
      <table>
        <thead>
          <tr>
            <th>Signal</th>
            <th>Event</th>
            <th>Strength (log-odds per SD)</th>
            <th>Current weight</th>
            <th>Suggested weight</th>
          </tr>
        </thead>
        <tbody>
          {h.signals.map((g) => (
            <tr key={g.id} data-signal={g.id}>
              <td>{g.id}</td>
              <td>{g.event}</td>
              <td class="num">{g.coefficient.toFixed(3)}</td>
              <td class="num">{g.currentWeight}</td>
              <td class="num" data-field="suggested">
                {g.suggestedWeight}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <details>
        <summary>Config for PUT /v1/admin/config</summary>
        <pre>{JSON.stringify(s.config, null, 2)}</pre>
      </details>
    </section>
  );
}

/**
 * Model health: how well the score predicts an outcome (AUC, outcome rate per
 * band, calibration by decile, AUC over time) and the suggested model, of one
 * score (`score`, null for the default score).
 *
 * @example
 * <ModelHealthView api={api} score="churnRisk" />
 */
export function ModelHealthView({ api, score = null }: { api: Api; score?: string | null }) {
  const [path, setPath] = useState(`/v1/admin/model-health?outcome=${encodeURIComponent(DEFAULT_OUTCOME)}`);
  const health = useResource<ModelHealth>(api, withScoreParam(path, score));
  return (
    <div class="grid">
      <Query onRun={setPath} />
      <Loaded resource={health}>
        {(h) => (
          <>
            <Current h={h} />
            <Suggestion h={h} />
          </>
        )}
      </Loaded>
    </div>
  );
}
