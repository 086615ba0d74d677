import { describe, expect, it } from 'vitest';
import { LIMITS } from './protocol.js';
import { parseIsoTimestamp } from './iso-time.js';
import { isIsoTimestamp, validateEvent } from './validate-event.js';

const track = { type: 'track', event: 'Project Created', userId: 'u1', messageId: 'm1' };

function errorOf(raw: unknown, path = 'batch[3]'): string | undefined {
  const r = validateEvent(raw, path);
  return r.ok ? undefined : r.error;
}

describe('validateEvent', () => {
  it('accepts a minimal track event and returns it with its JSON', () => {
    const r = validateEvent(track, 'batch[0]');
    expect(r).toEqual({ ok: true, event: track, json: JSON.stringify(track), time: undefined, sentAt: undefined });
  });

  it('returns the client times parsed: timestamp, else originalTimestamp, and sentAt', () => {
    const timed = (extra: Record<string, unknown>) => {
      const r = validateEvent({ ...track, ...extra }, 'batch[0]');
      return r.ok ? [r.time, r.sentAt] : r.error;
    };
    const at = (iso: string) => Date.parse(iso);
    expect(timed({ timestamp: '2026-11-22T10:00:00+01:00', sentAt: '2026-11-22T09:00:05Z' })).toEqual([
      at('2026-11-22T09:00:00Z'),
      at('2026-11-22T09:00:05Z'),
    ]);
    expect(timed({ timestamp: null, originalTimestamp: '2026-11-21' })).toEqual([
      at('2026-11-21T00:00:00Z'),
      undefined,
    ]);
    expect(timed({ timestamp: '2026-11-22T10:00:00.000Z', originalTimestamp: '2026-11-21' })).toEqual([
      at('2026-11-22T10:00:00Z'),
      undefined,
    ]);
  });

  it('rejects a non-object', () => {
    expect(errorOf('nope', 'batch[1]')).toBe('batch[1]: must be an object');
    expect(errorOf([track], 'batch[1]')).toBe('batch[1]: must be an object');
  });

  it('names an unknown type', () => {
    expect(errorOf({ ...track, type: 'click' })).toBe(
      'batch[3].type: must be one of track, identify, page, screen, group, alias',
    );
  });

  it('requires the event name for track', () => {
    expect(errorOf({ ...track, event: undefined })).toBe('batch[3].event: required for type "track"');
    expect(errorOf({ ...track, event: '' })).toBe('batch[3].event: required for type "track"');
  });

  it('reports the messageId of a rejected event so the client can match it', () => {
    expect(validateEvent({ ...track, event: 7 }, 'batch[3]')).toEqual({
      ok: false,
      messageId: 'm1',
      error: 'batch[3].event: required for type "track"',
    });
  });

  it('rejects a missing messageId rather than inventing one', () => {
    expect(errorOf({ ...track, messageId: undefined })).toBe(
      'batch[3].messageId: required (a unique string, the dedupe key)',
    );
  });

  it('limits messageId to 100 characters', () => {
    expect(validateEvent({ ...track, messageId: 'x'.repeat(100) }, 'e').ok).toBe(true);
    expect(errorOf({ ...track, messageId: 'x'.repeat(101) })).toBe(
      'batch[3].messageId: must be at most 100 characters',
    );
  });

  it('needs userId or anonymousId', () => {
    expect(errorOf({ ...track, userId: undefined }, 'batch[0]')).toBe('batch[0]: needs userId or anonymousId');
    expect(errorOf({ ...track, userId: null, anonymousId: null }, 'batch[0]')).toBe(
      'batch[0]: needs userId or anonymousId',
    );
  });

  it('accepts an anonymous event with userId null, as Segment clients send it', () => {
    expect(validateEvent({ ...track, userId: null, anonymousId: 'a1' }, 'e').ok).toBe(true);
  });

  it('accepts an anonymous event with userId "", as RudderStack sends it before identify', () => {
    expect(validateEvent({ ...track, userId: '', anonymousId: 'a1' }, 'e').ok).toBe(true);
    expect(errorOf({ ...track, userId: '', anonymousId: '' }, 'batch[0]')).toBe(
      'batch[0]: needs userId or anonymousId',
    );
  });

  it('rejects a non-string userId', () => {
    expect(errorOf({ ...track, userId: 42 })).toBe('batch[3].userId: must be a string');
  });

  it('requires ISO-8601 times', () => {
    expect(errorOf({ ...track, timestamp: 'yesterday' })).toBe('batch[3].timestamp: must be an ISO-8601 date-time');
    expect(errorOf({ ...track, sentAt: 1700000000 })).toBe('batch[3].sentAt: must be an ISO-8601 date-time');
    expect(errorOf({ ...track, originalTimestamp: '2026-13-45T00:00:00Z' })).toBe(
      'batch[3].originalTimestamp: must be an ISO-8601 date-time',
    );
  });

  it("accepts Segment's originalTimestamp and zone offsets", () => {
    const r = validateEvent({ ...track, originalTimestamp: '2026-11-22T10:00:00.123+01:00' }, 'e');
    expect(r.ok).toBe(true);
  });

  it('requires object-valued properties, traits and context', () => {
    expect(errorOf({ ...track, properties: [1] })).toBe('batch[3].properties: must be an object');
    expect(errorOf({ ...track, context: 'web' })).toBe('batch[3].context: must be an object');
  });

  it('requires groupId for group and previousId + userId for alias', () => {
    expect(errorOf({ type: 'group', userId: 'u', messageId: 'g' })).toBe('batch[3].groupId: required for type "group"');
    expect(errorOf({ type: 'alias', userId: 'u', messageId: 'a' })).toBe(
      'batch[3].previousId: required for type "alias"',
    );
    expect(errorOf({ type: 'alias', anonymousId: 'x', previousId: 'p', messageId: 'a' })).toBe(
      'batch[3].userId: required for type "alias"',
    );
  });

  it('accepts identify, page, screen, group and alias events', () => {
    const events = [
      { type: 'identify', userId: 'u', traits: { plan: 'trial' }, messageId: '1' },
      { type: 'page', anonymousId: 'a', name: 'Home', properties: { path: '/' }, messageId: '2' },
      { type: 'screen', anonymousId: 'a', messageId: '3' },
      { type: 'group', userId: 'u', groupId: 'g', messageId: '4' },
      { type: 'alias', userId: 'u', previousId: 'a', messageId: '5' },
    ];
    expect(events.map((e) => validateEvent(e, 'e').ok)).toEqual([true, true, true, true, true]);
  });

  it('keeps unknown fields', () => {
    const r = validateEvent({ ...track, integrations: { All: false }, _metadata: { bundled: [] }, extra: 1 }, 'e');
    expect(r.ok && r.event.extra).toBe(1);
    expect(r.ok && r.event._metadata).toEqual({ bundled: [] });
  });

  it('limits the UTF-8 size of one event', () => {
    const big = { ...track, properties: { text: 'é'.repeat(LIMITS.maxEventBytes / 2) } };
    expect(errorOf(big)).toMatch(/^batch\[3\]: is \d+ bytes, over the 32768-byte limit per event$/);
    const fits = { ...track, properties: { text: 'a'.repeat(LIMITS.maxEventBytes - 200) } };
    expect(validateEvent(fits, 'e').ok).toBe(true);
  });

  it('drops a __proto__ key and never touches a prototype', () => {
    const raw = JSON.parse('{"type":"track","event":"E","userId":"u","messageId":"m","__proto__":{"polluted":1}}');
    const r = validateEvent(raw, 'e');
    expect(r.ok && Object.keys(r.event)).toEqual(['type', 'event', 'userId', 'messageId']);
    expect(r.ok && Object.getPrototypeOf(r.event)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps a constructor key as plain data', () => {
    const raw = JSON.parse(
      '{"type":"track","event":"E","userId":"u","messageId":"m","constructor":{"prototype":{"x":1}}}',
    );
    const r = validateEvent(raw, 'e');
    expect(r.ok && r.event.constructor).toEqual({ prototype: { x: 1 } });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('does not mutate its input', () => {
    const raw = { ...track, properties: { a: 1 } };
    const before = JSON.stringify(raw);
    validateEvent(raw, 'e');
    expect(JSON.stringify(raw)).toBe(before);
  });
});

describe('isIsoTimestamp', () => {
  it('accepts dates and date-times with zones', () => {
    expect(['2026-11-22', '2026-11-22T10:00Z', '2026-11-22T10:00:00.5-0300'].map(isIsoTimestamp)).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('refuses other date formats and non-strings', () => {
    expect(['Nov 22 2026', '22/11/2026', '', 5].map(isIsoTimestamp)).toEqual([false, false, false, false]);
  });
});

describe('parseIsoTimestamp', () => {
  it('agrees with Date.parse on zoned date-times', () => {
    for (const t of [
      '2026-11-22T10:00:00.123Z',
      '2026-11-22T10:00:00+01:00',
      '2024-02-29T23:59:59.5-0330',
      '2026-11-22',
    ]) {
      expect(parseIsoTimestamp(t)).toBe(Date.parse(t));
    }
  });

  it('parses the toISOString form exactly', () => {
    const t = '2026-11-22T23:59:58.007Z';
    expect(parseIsoTimestamp(t)).toBe(Date.parse(t));
    expect(parseIsoTimestamp('2026-11-22T23:59:58.0x7Z')).toBeNaN();
    expect(parseIsoTimestamp('2026-02-29T00:00:00.000Z')).toBeNaN();
  });

  it('keeps milliseconds of longer fractions', () => {
    expect(parseIsoTimestamp('2026-11-22T10:00:00.123456789Z')).toBe(Date.parse('2026-11-22T10:00:00.123Z'));
  });

  it('reads a time without a zone as UTC', () => {
    expect(parseIsoTimestamp('2026-11-22T10:00:00')).toBe(Date.UTC(2026, 10, 22, 10));
  });

  it('refuses dates that do not exist', () => {
    expect(
      ['2026-02-29', '2026-02-30', '2026-04-31', '2026-11-22T24:00:00Z', '2026-11-22T10:60Z', '0099-01-01'].map(
        parseIsoTimestamp,
      ),
    ).toEqual([NaN, NaN, NaN, NaN, NaN, NaN]);
  });
});
