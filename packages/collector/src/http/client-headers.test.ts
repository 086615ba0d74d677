import { describe, expect, it } from 'vitest';
import { readClientHeaders, withSentAt } from './client-headers.js';

describe('readClientHeaders', () => {
  it("reads RudderStack's SentAt and retry attempt", () => {
    expect(
      readClientHeaders({ sentat: '2026-03-01T12:00:00.000Z', 'rsa-retry-attempt': '2', anonymousid: 'YQ==' }),
    ).toEqual({ sentAt: '2026-03-01T12:00:00.000Z', retriedBy: 'rudderstack' });
  });

  it("reads Segment's X-Retry-Count from 1 on", () => {
    expect(readClientHeaders({ 'x-retry-count': '1' })).toEqual({ retriedBy: 'segment' });
    expect(readClientHeaders({ 'x-retry-count': '0' })).toEqual({});
  });

  it('ignores values that are no date or no positive count', () => {
    expect(readClientHeaders({ sentat: 'now', 'x-retry-count': '-1', 'rsa-retry-attempt': 'x' })).toEqual({});
    expect(readClientHeaders({ 'x-retry-count': ['1', '2'] })).toEqual({});
  });
});

describe('withSentAt', () => {
  const at = '2026-03-01T12:00:00.000Z';

  it('adds the header time to a body without a valid sentAt, without copying the events', () => {
    const batch = [{ type: 'track' }];
    const out = withSentAt({ batch, sentAt: 'soon' }, at) as { batch: unknown[]; sentAt: string };
    expect(out.sentAt).toBe(at);
    expect(out.batch).toBe(batch);
  });

  it("keeps the body's own sentAt and anything that is not an object", () => {
    const body = { batch: [], sentAt: '2026-03-01T11:00:00.000Z' };
    expect(withSentAt(body, at)).toBe(body);
    expect(withSentAt('text', at)).toBe('text');
    expect(withSentAt(body, undefined)).toBe(body);
  });
});
