import type { NormalizedConfig, ScoringModel, UserState } from '@pulse/core';
import type { ChurnRiskUser, Funnel, Overview } from '../contract/admin.js';

/**
 * A scored user as the admin views need them.
 *
 * @example
 * const u: ScoredUser = { userId: '42', state };
 */
export interface ScoredUser {
  userId: string;
  state: UserState;
}

function allBands(config: NormalizedConfig): { id: string; label?: string; min: number }[] {
  const seen = new Map<string, { id: string; label?: string; min: number }>();
  for (const model of config.models) {
    for (const b of model.bands) if (!seen.has(b.id)) seen.set(b.id, { id: b.id, label: b.label, min: b.min });
  }
  return [...seen.values()].sort((a, b) => a.min - b.min);
}

/**
 * `GET /v1/admin/overview`: score distribution (a 10-point histogram) and the
 * size of each band (bands of every model, by id) of a population.
 *
 * @example
 * overview([{ userId: 'a', state }], config, Date.now()).bands;
 */
export function overview(users: ScoredUser[], config: NormalizedConfig, now: number): Overview {
  const histogram = Array.from({ length: 10 }, (_, i) => ({ from: i * 10, to: i === 9 ? 100 : i * 10 + 9, count: 0 }));
  const counts = new Map<string, number>();
  let total = 0;
  for (const { state } of users) {
    total += state.score;
    const bucket = histogram[Math.min(9, Math.floor(state.score / 10))];
    if (bucket) bucket.count += 1;
    counts.set(state.band, (counts.get(state.band) ?? 0) + 1);
  }
  return {
    users: users.length,
    averageScore: users.length === 0 ? null : Math.round((total / users.length) * 10) / 10,
    histogram,
    bands: allBands(config).map((b) => ({ ...b, count: counts.get(b.id) ?? 0 })),
    asOf: new Date(now).toISOString(),
  };
}

/**
 * `GET /v1/admin/funnel`: users who completed each milestone (of the models
 * that define it), in config order.
 *
 * @example
 * funnel(users, config).milestones[0]; // { id: 'first-project', title: 'Create a project', completed: 812 }
 */
export function funnel(users: ScoredUser[], config: NormalizedConfig): Omit<Funnel, 'overTime'> {
  const order: { id: string; title: string }[] = [];
  for (const model of config.models as ScoringModel[]) {
    for (const m of model.milestones ?? [])
      if (!order.some((o) => o.id === m.id)) order.push({ id: m.id, title: m.title });
  }
  const completed = new Map<string, number>();
  for (const { state } of users) {
    for (const item of state.milestones.items) if (item.done) completed.set(item.id, (completed.get(item.id) ?? 0) + 1);
  }
  return { total: users.length, milestones: order.map((m) => ({ ...m, completed: completed.get(m.id) ?? 0 })) };
}

/**
 * `GET /v1/admin/churn-risk`: users whose band is now worse than it was `days`
 * ago (band order is each model's `min` order; lower is worse unless the
 * config's default score is `higher-is-worse`), largest move first.
 *
 * @example
 * churnRisk(users, previous, config); // previous: userId → { score, band } as of 7 days ago
 */
export function churnRisk(
  users: ScoredUser[],
  previous: Map<string, { score: number; band: string }>,
  config: NormalizedConfig,
): ChurnRiskUser[] {
  // A higher-is-worse score (churn risk) worsens when its band goes up.
  const worse = config.scores.find((s) => s.id === config.defaultScore)?.direction === 'higher-is-worse' ? -1 : 1;
  const rank = new Map(allBands(config).map((b, i) => [b.id, i * worse]));
  const out: ChurnRiskUser[] = [];
  for (const { userId, state } of users) {
    const before = previous.get(userId);
    if (before === undefined) continue;
    if ((rank.get(state.band) ?? 0) >= (rank.get(before.band) ?? 0)) continue;
    out.push({
      userId,
      from: before.band,
      to: state.band,
      previousScore: before.score,
      score: state.score,
      contributions: state.contributions,
    });
  }
  return out.sort((a, b) => worse * (b.previousScore - b.score - (a.previousScore - a.score)));
}
