import { describe, expect, it } from 'vitest';
import { bandTone, hashWithScore, humanizeScoreId, scoreInQuery, scoreName, withScoreParam } from './score-names.js';

const bands = [
  { id: 'safe', min: 0 },
  { id: 'watch', min: 35 },
  { id: 'at-risk', min: 65 },
];

describe('score names', () => {
  it('turns ids into words', () => {
    expect(humanizeScoreId('churnRisk')).toBe('Churn risk');
    expect(humanizeScoreId('upsell_readiness')).toBe('Upsell readiness');
    expect(humanizeScoreId('engagement')).toBe('Engagement');
    expect(humanizeScoreId('nps-2025')).toBe('Nps 2025');
  });

  it("uses the config's label, else the id in words", () => {
    expect(scoreName({ id: 'churnRisk', label: 'Risk of leaving' })).toBe('Risk of leaving');
    expect(scoreName({ id: 'churnRisk', label: '  ' })).toBe('Churn risk');
    expect(scoreName({ id: 'upsellReadiness' })).toBe('Upsell readiness');
  });
});

describe('band colours', () => {
  it('paints the worst band red and the best green, by the score’s direction', () => {
    const worse = { direction: 'higher-is-worse' as const, bands };
    expect(bands.map((b) => bandTone(worse, b.id))).toEqual(['band-high', 'band-medium', 'band-low']);
    const better = { direction: 'higher-is-better' as const, bands };
    expect(bands.map((b) => bandTone(better, b.id))).toEqual(['band-low', 'band-medium', 'band-high']);
  });

  it('keeps a band the score does not list as its own class', () => {
    expect(bandTone(undefined, 'medium')).toBe('band-medium');
    expect(bandTone({ direction: 'higher-is-worse', bands }, 'elsewhere')).toBe('band-elsewhere');
  });
});

describe('the score in the address', () => {
  it('reads ?score= from the hash query', () => {
    expect(scoreInQuery('score=churnRisk&days=7')).toBe('churnRisk');
    expect(scoreInQuery('days=7')).toBeNull();
    expect(scoreInQuery('score=')).toBeNull();
  });

  it('sets the score and drops it for the default one, keeping the rest of the query', () => {
    expect(hashWithScore('#/overview', 'churnRisk', 'engagement')).toBe('#/overview?score=churnRisk');
    expect(hashWithScore('#/overview?score=churnRisk', 'engagement', 'engagement')).toBe('#/overview');
    expect(hashWithScore('#/users/u%201?x=1', 'churnRisk', 'engagement')).toBe('#/users/u%201?x=1&score=churnRisk');
    expect(hashWithScore('', 'churnRisk', 'engagement')).toBe('#/overview?score=churnRisk');
    expect(hashWithScore('#/', 'churnRisk', 'engagement')).toBe('#/overview?score=churnRisk');
  });

  it('adds score= to an API path only for a picked score', () => {
    expect(withScoreParam('/v1/admin/overview', null)).toBe('/v1/admin/overview');
    expect(withScoreParam('/v1/admin/overview', 'churnRisk')).toBe('/v1/admin/overview?score=churnRisk');
    expect(withScoreParam('/v1/admin/trend?days=60', 'a b')).toBe('/v1/admin/trend?days=60&score=a%20b');
  });
});
