import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, LIMITS, normalizeTimestamp } from './protocol.js';

const at = (iso: string) => Date.parse(iso);

describe('normalizeTimestamp', () => {
  it('moves the timestamp by receivedAt − sentAt when the client clock is behind', () => {
    const stored = normalizeTimestamp('2026-01-01T00:00:00Z', '2026-01-01T00:00:10Z', at('2026-01-01T01:00:10Z'));
    expect(stored).toBe(at('2026-01-01T01:00:00Z'));
  });

  it('moves the timestamp back when the client clock is ahead', () => {
    const stored = normalizeTimestamp('2026-01-02T12:00:00Z', '2026-01-02T12:00:05Z', at('2026-01-01T12:00:06Z'));
    expect(stored).toBe(at('2026-01-01T12:00:01Z'));
  });

  it('keeps the timestamp when the clocks agree', () => {
    const stored = normalizeTimestamp('2026-01-01T00:00:00Z', '2026-01-01T00:00:03Z', at('2026-01-01T00:00:03Z'));
    expect(stored).toBe(at('2026-01-01T00:00:00Z'));
  });

  it('keeps the timestamp as sent without sentAt', () => {
    expect(normalizeTimestamp('2026-01-01T00:00:00Z', undefined, at('2026-03-01T00:00:00Z'))).toBe(
      at('2026-01-01T00:00:00Z'),
    );
  });

  it('ignores an invalid sentAt', () => {
    expect(normalizeTimestamp('2026-01-01T00:00:00Z', 'yesterday-ish', at('2026-03-01T00:00:00Z'))).toBe(
      at('2026-01-01T00:00:00Z'),
    );
  });

  it('uses receivedAt without a timestamp', () => {
    expect(normalizeTimestamp(undefined, '2026-01-01T00:00:00Z', 1_800_000_000_000)).toBe(1_800_000_000_000);
  });

  it('uses receivedAt for an invalid timestamp, even with sentAt', () => {
    expect(normalizeTimestamp('not a date', '2026-01-01T00:00:00Z', 1_800_000_000_000)).toBe(1_800_000_000_000);
  });

  it('honours UTC offsets in both client times', () => {
    const stored = normalizeTimestamp(
      '2026-01-01T02:00:00+02:00',
      '2026-01-01T02:00:10+02:00',
      at('2026-01-01T00:00:10Z'),
    );
    expect(stored).toBe(at('2026-01-01T00:00:00Z'));
  });

  it('keeps millisecond precision', () => {
    const stored = normalizeTimestamp(
      '2026-01-01T00:00:00.123Z',
      '2026-01-01T00:00:00.200Z',
      at('2026-01-01T00:00:00.250Z'),
    );
    expect(stored).toBe(at('2026-01-01T00:00:00.173Z'));
  });
});

describe('LIMITS', () => {
  it('allows 32 KB per event and 500 KB per request', () => {
    expect(LIMITS.maxEventBytes).toBe(32 * 1024);
    expect(LIMITS.maxRequestBytes).toBe(500 * 1024);
  });

  it('caps a batch at 2,500 events and a messageId at 100 characters', () => {
    expect(LIMITS.maxBatchEvents).toBe(2500);
    expect(LIMITS.maxMessageIdLength).toBe(100);
  });
});

describe('EVENT_TYPES', () => {
  it("lists the Segment spec's six types", () => {
    expect([...EVENT_TYPES].sort()).toEqual(['alias', 'group', 'identify', 'page', 'screen', 'track']);
  });
});
