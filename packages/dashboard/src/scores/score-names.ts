import type { ScoreSummary } from '../api.js';

/**
 * A score id in words: `churnRisk` → "Churn risk", `upsell_readiness` → "Upsell readiness".
 *
 * @example
 * humanizeScoreId('churnRisk'); // → 'Churn risk'
 */
export function humanizeScoreId(id: string): string {
  const words = id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * What the dashboard calls a score: its label from the config, else its id in words.
 *
 * @example
 * scoreName({ id: 'churnRisk', label: '' }); // → 'Churn risk'
 */
export function scoreName(score: { id: string; label?: string | undefined }): string {
  return score.label?.trim() || humanizeScoreId(score.id);
}

/** The colour class of a band: `band-low` (bad), `band-medium`, `band-high` (good). */
export type BandTone = 'band-low' | 'band-medium' | 'band-high';

/**
 * The colour of a band by where it sits among its score's bands and which way the
 * score reads: the worst band is red and the best green, so a churn-risk score's
 * highest band is red where an engagement score's highest is green. A band the
 * score does not list keeps its own id as the class (`band-low` etc. of the default score).
 *
 * @example
 * bandTone(churnRisk, 'at-risk'); // → 'band-low'
 */
export function bandTone(score: Pick<ScoreSummary, 'bands' | 'direction'> | undefined, bandId: string): string {
  const bands = score?.bands ?? [];
  const i = bands.findIndex((b) => b.id === bandId);
  if (i < 0) return `band-${bandId}`;
  const last = bands.length - 1;
  const rank = score?.direction === 'higher-is-worse' ? last - i : i;
  return rank === 0 ? 'band-low' : rank === last ? 'band-high' : 'band-medium';
}

/**
 * The score a page address picks (`?score=` in the hash's query), or null for the default score.
 *
 * @example
 * scoreInQuery('score=churnRisk&days=7'); // → 'churnRisk'
 */
export function scoreInQuery(query: string): string | null {
  const id = new URLSearchParams(query).get('score');
  return id === null || id === '' ? null : id;
}

/**
 * A page address (`#/overview?…`; none or `#/` is the overview) with `?score=` set to `scoreId`, or removed when it is the default score.
 *
 * @example
 * hashWithScore('#/overview', 'churnRisk', 'engagement'); // → '#/overview?score=churnRisk'
 */
export function hashWithScore(hash: string, scoreId: string, defaultScore: string): string {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query);
  if (scoreId === defaultScore) params.delete('score');
  else params.set('score', scoreId);
  const q = params.toString();
  // An address without a page is the overview.
  return `#${path === '' || path === '/' ? '/overview' : path}${q === '' ? '' : `?${q}`}`;
}

/**
 * An admin API path with `score=` added when a score other than the default is picked.
 *
 * @example
 * withScoreParam('/v1/admin/trend?days=60', 'churnRisk'); // → '/v1/admin/trend?days=60&score=churnRisk'
 */
export function withScoreParam(path: string, scoreId: string | null): string {
  if (scoreId === null) return path;
  return `${path}${path.includes('?') ? '&' : '?'}score=${encodeURIComponent(scoreId)}`;
}
