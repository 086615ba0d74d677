import casesJson from '../../core/test/cases.json' with { type: 'json' };
import type { PulseEvent, ScorableEvent, ScoredUser, ScoringModel } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshWriteKey, HOST, installCollector, until } from '../test/mock-collector.js';
import { createTracker } from './create-tracker.js';
import { provisionalState } from './provisional-state.js';

interface ScoringCase {
  name: string;
  model: ScoringModel;
  events: (ScorableEvent & { traits?: Record<string, unknown> })[];
  now: string;
  expected: { points: number; score: number; band: string; contributions: Record<string, number> };
}

const { cases } = casesJson as unknown as { cases: ScoringCase[] };
const WEEK = 7 * 86_400_000;

// Date and performance both stand still, so sentAt equals the collector's receive time and skew correction adds nothing.
beforeAll(() => vi.useFakeTimers({ toFake: ['Date', 'performance'] }));
afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const outcome = (user: ScoredUser | null | undefined) => ({
  points: user?.points,
  score: user?.score,
  band: user?.band,
  contributions: Object.fromEntries((user?.contributions ?? []).map((c) => [c.signal, c.points])),
});

/**
 * The shared scoring cases, through the tracker: each case's events are tracked
 * (a middleware gives them the case's type, properties and time), the provisional
 * state must give the expected result, and after flush and refetch the
 * authoritative state must give the same. Time is moved by whole weeks into the
 * future, which keeps weekdays and UTC days, so the expected values still hold.
 */
describe.each(cases)('$name', (c) => {
  it('provisional and authoritative states give the expected result', async () => {
    const caseNow = Date.parse(c.now);
    const shift = Math.max(0, Math.ceil((Date.now() + 86_400_000 - caseNow) / WEEK)) * WEEK;
    vi.setSystemTime(caseNow + shift);
    installCollector({ models: [c.model] });
    const tracker = createTracker({ writeKey: freshWriteKey(), host: HOST, state: provisionalState, flushAt: 1000 });
    const replay = [...c.events];
    tracker.use((e): PulseEvent | null => {
      if (e.type === 'identify' && !replay.length) return null; // the test's own identify is not a case event
      const next = replay.shift();
      if (!next) return null;
      const timestamp = new Date(Date.parse(String(next.timestamp)) + shift).toISOString();
      return {
        ...e,
        type: next.type as PulseEvent['type'],
        event: next.event,
        properties: next.properties,
        traits: next.traits,
        timestamp,
      };
    });
    tracker.identify('case-user', {}, { userToken: 'token-case-user' });
    await until(() => tracker.state().source !== 'none');
    for (let i = 0; i < c.events.length; i++) tracker.track('replayed');
    expect(outcome(tracker.state().user)).toEqual(c.expected);
    await tracker.flush();
    await until(() => tracker.state().source === 'authoritative');
    expect(outcome(tracker.state().user)).toEqual(c.expected);
  });
});
