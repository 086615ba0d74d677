import { describe, expect, it } from 'vitest';
import { describeFilter, readableDate } from './describe-filter.js';
import { inputDate } from './filter-bar.js';
import { filterTraits, parseUsersQuery, usersQuery, withTraits, withValue } from './user-filter.js';

describe('the users filter in the page address', () => {
  it('reads filters, sort and order, dropping empty values and the cursor', () => {
    const { filter, sort } = parseUsersQuery('band=low&trait.plan=trial&minScore=&cursor=abc&sort=lastSeen&order=asc');
    expect(filter).toEqual({ band: 'low', 'trait.plan': 'trial' });
    expect(sort).toEqual({ key: 'lastSeen', order: 'asc' });
  });

  it('falls back to score, highest first, for an unknown sort', () => {
    expect(parseUsersQuery('sort=name').sort).toEqual({ key: 'score', order: 'desc' });
  });

  it('writes the same query for the same filter whatever the key order', () => {
    const a = usersQuery({ band: 'low', 'trait.plan': 'trial' }, { key: 'score', order: 'desc' });
    const b = usersQuery({ 'trait.plan': 'trial', band: 'low' }, { key: 'score', order: 'desc' });
    expect(a).toBe(b);
    expect(parseUsersQuery(a).filter).toEqual({ band: 'low', 'trait.plan': 'trial' });
  });

  it('sets, removes and replaces traits', () => {
    expect(withValue({ band: 'low' }, 'band', '')).toEqual({});
    const f = withTraits({ band: 'low', 'trait.plan': 'paid' }, [
      ['plan', 'trial'],
      ['', 'x'],
      ['role', ''],
    ]);
    expect(f).toEqual({ band: 'low', 'trait.plan': 'trial' });
    expect(filterTraits(f)).toEqual([['plan', 'trial']]);
  });
});

describe('the filter in words', () => {
  it('says each condition without parameter names', () => {
    const words = describeFilter(
      {
        'trait.plan': 'trial',
        bandChangedSince: '-7d',
        bandDirection: 'down',
        milestoneMissing: 'invite',
        minScore: '10',
      },
      { milestones: { invite: 'Invite a teammate' } },
    );
    expect(words).toEqual([
      'plan is trial',
      'score at least 10',
      'band dropped since 7 days ago',
      'has not done “Invite a teammate”',
    ]);
    expect(words.join(' ')).not.toMatch(/bandChangedSince|milestoneMissing|trait\./);
  });

  it('reads dates as people do', () => {
    expect(readableDate('2026-11-25')).toBe('25 Nov 2026');
    expect(readableDate('-1d')).toBe('yesterday');
    expect(inputDate('-1d', Date.parse('2026-12-02T10:00:00Z'))).toBe('2026-12-01');
    expect(inputDate('2026-11-03T10:00:00Z')).toBe('2026-11-03');
  });
});
