import { describe, expect, it } from 'vitest';
import type { CalibrationUser } from './collect-users.js';
import { isEligible, outcomeOf } from './observe.js';
import { describeOutcome, parseDay, parseOutcome } from './outcome.js';

const user = (activeDays: number[], outcomeDays: number[] = []): CalibrationUser => ({
  key: 'u:1',
  rollup: { v: 1, modelId: 'm', firstSeen: null, lastSeen: null, signals: {}, milestones: {}, events: {}, nudges: {} },
  activeDays,
  outcomeDays,
});

describe('parseOutcome', () => {
  it('reads event and retention outcomes', () => {
    expect(parseOutcome('event:Subscription Renewed', 14)).toEqual({
      kind: 'event',
      event: 'Subscription Renewed',
      withinDays: 14,
    });
    expect(parseOutcome('retention:60-90')).toEqual({ kind: 'retention', fromDay: 60, toDay: 90 });
    expect(describeOutcome(parseOutcome('retention:60-90'))).toBe('active in days 60–89 after first seen');
  });

  it('names what is wrong', () => {
    expect(() => parseOutcome('retention:90-60')).toThrow('retention:<from>-<to> needs whole days');
    expect(() => parseOutcome('event:')).toThrow('needs an event name');
    expect(() => parseDay('2026-13-45')).toThrow('at: "2026-13-45" is not a date');
  });
});

describe('eligibility and outcome', () => {
  const retention = parseOutcome('retention:60-90');

  it('counts a user for retention only when the whole window is after the date and observed', () => {
    expect(isEligible(user([100]), retention, 120, 300)).toBe(true);
    expect(isEligible(user([100]), retention, 99, 300)).toBe(false); // not seen yet
    expect(isEligible(user([100]), retention, 160, 300)).toBe(false); // window started
    expect(isEligible(user([100]), retention, 120, 188)).toBe(false); // window not over
  });

  it('finds activity in days from–(to−1) after first seen', () => {
    expect(outcomeOf(user([100, 159]), retention, 120)).toBe(false);
    expect(outcomeOf(user([100, 160]), retention, 120)).toBe(true);
    expect(outcomeOf(user([100, 189]), retention, 120)).toBe(true);
    expect(outcomeOf(user([100, 190]), retention, 120)).toBe(false);
  });

  it('finds the event in the days after the date', () => {
    const event = parseOutcome('event:Renewed', 30);
    expect(outcomeOf(user([100], [120]), event, 120)).toBe(false);
    expect(outcomeOf(user([100], [121]), event, 120)).toBe(true);
    expect(outcomeOf(user([100], [151]), event, 120)).toBe(false);
    expect(isEligible(user([100]), event, 120, 149)).toBe(false);
  });
});
