import type { Api, Overview, ScoreHistory, ScoreList, ScoreStateResponse, UserDetail } from '../../api.js';
import type { ComponentChildren } from 'preact';
import { bandTone, scoreName, withScoreParam } from '../../scores/score-names.js';
import { number } from '../../format.js';
import { useResource } from '../../use-resource.js';
import { Loaded } from '../../views/status.js';
import { Contributions } from '../../views/user-view.js';
import { readableDate } from '../users/describe-filter.js';
import { Change } from '../users/users-table.js';
import { UserActivity } from './user-activity.js';
import { ScoreHistoryChart, type Threshold } from './score-history-chart.js';

/** Days of score history the user page shows. */
export const HISTORY_DAYS = 60;

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

const change = (s: { score: number; trend: { score7dAgo: number | null } }) =>
  s.trend.score7dAgo === null ? null : s.score - s.trend.score7dAgo;

/**
 * Every score of the user side by side: the score now, its band, the change
 * over 7 days and the lifecycle stage, one tile per score in config order.
 */
function ScoreTiles({
  states,
  scores,
  defaultId,
}: {
  states: Record<string, ScoreStateResponse>;
  scores: ScoreList | null;
  defaultId: string;
}) {
  const order = scores?.scores.map((s) => s.id).filter((id) => id in states) ?? Object.keys(states);
  return (
    <ul class="score-tiles" data-testid="user-scores">
      {order.map((id) => {
        const s = states[id] as ScoreStateResponse;
        const summary = scores?.scores.find((x) => x.id === id);
        const tone = bandTone(summary, s.band);
        const worse = s.direction === 'higher-is-worse';
        // The default score's numbers keep the ids a single score's page gives them.
        const main = id === defaultId;
        return (
          <li key={id} class="score-tile" data-score={id}>
            <h2>{scoreName({ id, label: summary?.label ?? s.label })}</h2>
            <p class="score-line">
              <span class={`kpi-value ${tone}`} data-field="score" data-testid={main ? 'user-score' : undefined}>
                {s.score}
              </span>
              <span class={`pill ${tone}`} data-field="band" data-testid={main ? 'user-band' : undefined}>
                {s.band}
              </span>
            </p>
            <p class="muted">
              <span data-field="change">
                <Change value={change(s)} higherIsWorse={worse} />
              </span>{' '}
              over 7 days
            </p>
            <p class="muted">Lifecycle stage: {s.modelId}</p>
          </li>
        );
      })}
    </ul>
  );
}

/** The points the days without activity took or added, when any (a churn-risk score counts them up). */
function Quiet({ inactivity, higherIsWorse }: { inactivity: unknown; higherIsWorse: boolean }) {
  const { daysInactive, points } = (inactivity ?? {}) as { daysInactive?: number; points?: number };
  if (!points || daysInactive === undefined) return null;
  return (
    <p data-testid="inactivity">
      <span class={points > 0 === higherIsWorse ? 'negative' : 'positive'}>
        {points > 0 ? '+' : ''}
        {number(points, 1)}
      </span>{' '}
      quiet for {daysInactive} {daysInactive === 1 ? 'day' : 'days'}
    </p>
  );
}

/**
 * One user: every score now (side by side when the config has several), 60
 * days of the picked score's history against its band thresholds, what makes
 * up that score, its onboarding steps, nudges seen, accounts and the latest
 * events. `score` is the picked score (null: the default); `switcher` picks it.
 *
 * @example
 * <UserPage api={api} userId="u_42" scores={list} score="churnRisk" switcher={<ScoreSwitcher … />} />
 */
export function UserPage({
  api,
  userId,
  scores = null,
  score = null,
  switcher = null,
}: {
  api: Api;
  userId: string;
  scores?: ScoreList | null;
  score?: string | null;
  switcher?: ComponentChildren;
}) {
  const id = encodeURIComponent(userId);
  const detail = useResource<UserDetail>(api, `/v1/admin/users/${id}`);
  const history = useResource<ScoreHistory>(api, withScoreParam(`/v1/users/${id}/history?days=${HISTORY_DAYS}`, score));
  const picked = scores?.scores.find((s) => s.id === (score ?? scores.defaultScore));
  // Without the score list (an older collector), the thresholds come from the overview.
  const overview = useResource<Overview>(api, scores === null ? withScoreParam('/v1/admin/overview', score) : null);
  const thresholds: Threshold[] = picked
    ? picked.bands.map((b) => ({ id: b.id, min: b.min, tone: bandTone(picked, b.id) }))
    : overview.status === 'ok'
      ? overview.data.bands.map((b) => ({ id: b.id, min: b.min }))
      : [];
  return (
    <Loaded resource={detail}>
      {(d) => {
        const name = text(d.traits.name) ?? text(d.traits.email);
        const states = d.state.scores ?? {};
        const several = Object.keys(states).length > 1;
        const shown: ScoreStateResponse | UserDetail['state'] = (score === null ? undefined : states[score]) ?? d.state;
        const title = several && picked ? scoreName(picked) : 'Score';
        return (
          <div class="grid halves" data-testid="user-detail">
            <section class="card wide user-head">
              <p class="crumbs">
                <a href="#/users">← All users</a>
              </p>
              <h1>{name ?? d.userId}</h1>
              {name ? <p class="muted">{d.userId}</p> : null}
              {several ? (
                <ScoreTiles states={states} scores={scores} defaultId={d.state.scoreId} />
              ) : (
                <>
                  <div class="kpi">
                    <span class={`kpi-value band-${d.state.band}`} data-testid="user-score">
                      {d.state.score}
                    </span>
                    <span class="kpi-label">score now</span>
                  </div>
                  <div class="kpi">
                    <span class={`kpi-value band-${d.state.band}`} data-testid="user-band">
                      {d.state.band}
                    </span>
                    <span class="kpi-label">band</span>
                  </div>
                  <div class="kpi">
                    <span class="kpi-value">
                      <Change value={change(d.state)} />
                    </span>
                    <span class="kpi-label">change over 7 days</span>
                  </div>
                  <div class="kpi">
                    <span class="kpi-value">{d.state.modelId}</span>
                    <span class="kpi-label">lifecycle stage</span>
                  </div>
                </>
              )}
            </section>
            {several ? switcher : null}
            <section class="card wide">
              <h2 data-testid="history-heading">{title} history</h2>
              <Loaded resource={history}>{(h) => <ScoreHistoryChart days={h.days} thresholds={thresholds} />}</Loaded>
            </section>
            <section class="card">
              <h2>What makes up {several && picked ? `the ${scoreName(picked).toLowerCase()} score` : 'the score'}</h2>
              <Contributions items={shown.contributions} higherIsWorse={picked?.direction === 'higher-is-worse'} />
              <Quiet inactivity={shown.inactivity} higherIsWorse={picked?.direction === 'higher-is-worse'} />
              <h3>Onboarding steps</h3>
              <ul class="milestones" data-testid="milestones">
                {(shown.milestones.items.length > 0 ? shown.milestones : d.state.milestones).items.map((m) => (
                  <li key={m.id} class={m.done ? 'done' : ''}>
                    {m.done ? '✓' : '○'} {m.title}
                    {m.done && m.doneAt ? (
                      <span class="muted"> · {readableDate(new Date(m.doneAt).toISOString())}</span>
                    ) : null}
                    <span class="visually-hidden">{m.done ? ' (done)' : ' (not done yet)'}</span>
                  </li>
                ))}
              </ul>
              <h3>Accounts</h3>
              {d.accounts.length > 0 ? (
                <ul class="plain" data-testid="user-accounts">
                  {d.accounts.map((a) => (
                    <li key={a.accountId}>
                      <a href={`#/accounts/${encodeURIComponent(a.accountId)}`}>{a.accountId}</a>
                      {a.role ? <span class="muted"> · {a.role}</span> : null}
                    </li>
                  ))}
                </ul>
              ) : (
                <p class="muted">Not a member of any account.</p>
              )}
            </section>
            <UserActivity events={d.events} />
          </div>
        );
      }}
    </Loaded>
  );
}
