import { describe, expect, it } from 'vitest';
import { matchesAll, matchesFilter, matchName } from './match.js';

describe('matchName', () => {
  it('is the event name of a track event', () => {
    expect(matchName({ type: 'track', event: 'Project Created' })).toBe('Project Created');
  });

  it('treats a missing type as track', () => {
    expect(matchName({ event: 'Project Created' })).toBe('Project Created');
  });

  it('is $page for page and screen events', () => {
    expect(matchName({ type: 'page' })).toBe('$page');
    expect(matchName({ type: 'screen', event: 'ignored' })).toBe('$page');
  });

  it('is undefined for identify, group and alias, and for a track without a name', () => {
    for (const type of ['identify', 'group', 'alias']) expect(matchName({ type })).toBeUndefined();
    expect(matchName({ type: 'track' })).toBeUndefined();
  });
});

describe('matchesFilter', () => {
  it('compares equals strictly', () => {
    expect(matchesFilter({ property: 'plan', equals: 'pro' }, { plan: 'pro' })).toBe(true);
    expect(matchesFilter({ property: 'plan', equals: 'pro' }, { plan: 'Pro' })).toBe(false);
    expect(matchesFilter({ property: 'n', equals: 1 }, { n: '1' })).toBe(false);
    expect(matchesFilter({ property: 'on', equals: true }, { on: 1 })).toBe(false);
  });

  it('checks membership with in', () => {
    expect(matchesFilter({ property: 'plan', in: ['pro', 'team'] }, { plan: 'team' })).toBe(true);
    expect(matchesFilter({ property: 'plan', in: ['pro', 'team'] }, { plan: 'free' })).toBe(false);
  });

  it('checks inclusive numeric bounds', () => {
    const f = { property: 'total', gte: 10, lte: 20 };
    expect([9, 10, 15, 20, 21].map((total) => matchesFilter(f, { total }))).toEqual([false, true, true, true, false]);
  });

  it('fails bounds for non-numbers', () => {
    expect(matchesFilter({ property: 'total', gte: 10 }, { total: '15' })).toBe(false);
    expect(matchesFilter({ property: 'total', lte: 10 }, { total: null })).toBe(false);
  });

  it('fails when the property is missing', () => {
    expect(matchesFilter({ property: 'plan', equals: 'pro' }, {})).toBe(false);
    expect(matchesFilter({ property: 'plan', equals: 'pro' }, undefined)).toBe(false);
  });

  it('does not throw on null or non-object properties', () => {
    const f = { property: 'plan', equals: 'pro' };
    for (const props of [null, 'pro', 3, ['pro']]) {
      expect(matchesFilter(f, props as unknown as Record<string, unknown>)).toBe(false);
    }
  });

  it('never reads inherited properties', () => {
    expect(matchesFilter({ property: 'toString', in: ['x'] }, {})).toBe(false);
    expect(matchesFilter({ property: '__proto__', gte: 0 }, {})).toBe(false);
    expect(matchesFilter({ property: 'constructor', lte: 0 }, {})).toBe(false);
  });

  it('reads an own __proto__ key from parsed JSON like any other', () => {
    const props = JSON.parse('{"__proto__": "pro"}') as Record<string, unknown>;
    expect(matchesFilter({ property: '__proto__', equals: 'pro' }, props)).toBe(true);
    expect(({} as Record<string, unknown>).pro).toBeUndefined();
  });
});

describe('matchesAll', () => {
  it('passes without filters', () => {
    expect(matchesAll(undefined, undefined)).toBe(true);
    expect(matchesAll([], {})).toBe(true);
  });

  it('needs every filter to pass', () => {
    const filters = [
      { property: 'plan', equals: 'pro' },
      { property: 'seats', gte: 5 },
    ];
    expect(matchesAll(filters, { plan: 'pro', seats: 5 })).toBe(true);
    expect(matchesAll(filters, { plan: 'pro', seats: 4 })).toBe(false);
  });
});
