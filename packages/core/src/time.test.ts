import { describe, expect, it } from 'vitest';
import { DAY_MS, isoWeek, toMillis, utcDay } from './time.js';

const day = (iso: string) => utcDay(Date.parse(iso));

describe('utcDay', () => {
  it('counts whole UTC days since the epoch', () => {
    expect(utcDay(0)).toBe(0);
    expect(utcDay(DAY_MS - 1)).toBe(0);
    expect(utcDay(DAY_MS)).toBe(1);
    expect(day('2026-11-22T00:00:00Z')).toBe(20_779);
  });

  it('floors times before the epoch', () => {
    expect(utcDay(-1)).toBe(-1);
  });

  it('follows UTC, not the offset the time was written in', () => {
    expect(day('2026-11-22T23:30:00-02:00')).toBe(day('2026-11-23T01:30:00Z'));
  });
});

describe('isoWeek', () => {
  it('runs Monday to Sunday', () => {
    const monday = isoWeek(day('2026-11-23T00:00:00Z'));
    expect(isoWeek(day('2026-11-29T23:59:59Z'))).toBe(monday);
    expect(isoWeek(day('2026-11-22T23:59:59Z'))).toBe(monday - 1);
    expect(isoWeek(day('2026-11-30T00:00:00Z'))).toBe(monday + 1);
  });

  it('puts 1970-01-01 (a Thursday) in the week of Monday 1969-12-29', () => {
    expect(isoWeek(0)).toBe(isoWeek(-3));
    expect(isoWeek(-4)).toBe(isoWeek(0) - 1);
    expect(isoWeek(4)).toBe(isoWeek(0) + 1);
  });

  it('keeps the year-end week together', () => {
    // 2026-12-28 is a Monday; ISO week 53 of 2026 runs to Sunday 2027-01-03.
    expect(isoWeek(day('2027-01-03T12:00:00Z'))).toBe(isoWeek(day('2026-12-28T12:00:00Z')));
  });
});

describe('toMillis', () => {
  it('parses ISO-8601', () => {
    expect(toMillis('2026-11-22T00:00:00Z')).toBe(1_795_305_600_000);
  });

  it('passes numbers through and reads Dates', () => {
    expect(toMillis(42)).toBe(42);
    expect(toMillis(new Date(1_795_305_600_000))).toBe(1_795_305_600_000);
  });

  it('is NaN for an invalid time', () => {
    expect(toMillis('soon')).toBeNaN();
  });
});
