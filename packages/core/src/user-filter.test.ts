import { describe, expect, it } from 'vitest';
import { parseTimeRef, parseUserFilter, resolveTime } from './user-filter.js';
import { validateConfig } from './validate-config.js';
import { inviteModel } from '../test/saas-config.js';

describe('parseUserFilter', () => {
  it('parses every filter parameter into the typed filter', () => {
    const { filter, issues } = parseUserFilter({
      band: 'low,medium',
      minScore: '10',
      maxScore: 80,
      model: 'saas',
      'trait.plan': 'trial',
      milestone: 'first-project',
      milestoneMissing: 'invite',
      seenAfter: '2026-11-01',
      seenBefore: '2026-11-20T12:00:00Z',
      group: 'acme',
      bandChangedSince: '-7d',
      bandDirection: 'down',
      segment: 'at-risk',
    });
    expect(issues).toEqual([]);
    expect(filter).toEqual({
      bands: ['low', 'medium'],
      minScore: 10,
      maxScore: 80,
      models: ['saas'],
      traits: [{ name: 'plan', value: 'trial' }],
      milestone: 'first-project',
      milestoneMissing: 'invite',
      seenAfter: { at: Date.parse('2026-11-01T00:00:00Z') },
      seenBefore: { at: Date.parse('2026-11-20T12:00:00Z') },
      group: 'acme',
      bandChangedSince: { daysAgo: 7 },
      bandDirection: 'down',
      segment: 'at-risk',
    });
  });

  it('names unknown parameters, bad values and unknown ids', () => {
    const { issues } = parseUserFilter(
      { colour: 'red', minScore: 'high', seenAfter: 'yesterday', band: 'low,gold', bandDirection: 'sideways' },
      { bands: new Set(['low', 'high']) },
    );
    expect(issues.map((i) => i.path).sort()).toEqual(['band', 'bandDirection', 'colour', 'minScore', 'seenAfter']);
    expect(issues.find((i) => i.path === 'band')?.message).toContain('"gold"');
  });

  it('refuses a repeated parameter, a direction without a date and min above max', () => {
    const { issues } = parseUserFilter({ band: ['low', 'high'], bandDirection: 'up', minScore: '60', maxScore: '20' });
    expect(issues.map((i) => i.path)).toEqual(['band', 'bandDirection', 'minScore']);
  });
});

describe('filter times', () => {
  it('reads dates, timestamps and -Nd, and refuses the rest', () => {
    expect(parseTimeRef('2026-11-02')).toEqual({ at: Date.parse('2026-11-02T00:00:00Z') });
    expect(parseTimeRef('-30d')).toEqual({ daysAgo: 30 });
    expect(parseTimeRef('30')).toBeNull();
    expect(parseTimeRef('2026-13-45')).toBeNull();
  });

  it('resolves -Nd to the start of the UTC day N days before now', () => {
    expect(resolveTime({ daysAgo: 2 }, Date.parse('2026-11-22T15:30:00Z'))).toBe(Date.parse('2026-11-20T00:00:00Z'));
  });
});

describe('segments and accounts in the config', () => {
  const base = () => ({ models: [inviteModel()] });

  it('accepts valid segments, accounts settings and a nudge audience by segment', () => {
    const config = {
      ...base(),
      segments: [{ id: 'at-risk', name: 'At risk', filter: { band: 'low', seenAfter: '-14d' } }],
      accounts: { aggregation: 'trait', weightTrait: 'role', weights: { admin: 3 } },
    };
    expect(validateConfig(config)).toEqual([]);
  });

  it('names bad segment filters, duplicate ids and unknown nudge segments by path', () => {
    const config = {
      ...base(),
      segments: [
        { id: 'a', name: 'A', filter: { band: 'gold' } },
        { id: 'a', name: '', filter: { segment: 'a' } },
      ],
      accounts: { aggregation: 'median' },
    };
    const paths = validateConfig(config).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'segments[0].filter.band',
        'segments[1].id',
        'segments[1].name',
        'segments[1].filter.segment',
        'accounts.aggregation',
      ]),
    );
  });
});
