import { DAY_MS, normalizeConfig, utcDay, type PulseEvent } from '@pulse/core';
import { describe, expect, it } from 'vitest';
import { DESIGN_MODEL, SAAS_SIGNALS, SAAS_BANDS } from '../../../core/test/saas-config.js';
import { emptyUser } from '../store/rows.js';
import { compactHistory, dailyHistory, historyMarks, type DailyScore, type ReplayEvent } from './daily-history.js';
import { applyEvent, scoreUser } from './user-scoring.js';
import { mulberry32 } from '../../test/stats-reference.js';

const NOW = Date.parse('2026-11-30T15:00:00Z');
const CONFIG = normalizeConfig({
  models: [
    { ...DESIGN_MODEL, id: 'trial', lifecycle: { maxDaysSinceFirstSeen: 14 }, appliesTo: undefined },
    { ...DESIGN_MODEL, id: 'dormant', lifecycle: { minDaysInactive: 10 }, appliesTo: undefined },
    {
      id: 'active',
      windowDays: 14,
      halfLifeDays: 7,
      signals: [...SAAS_SIGNALS],
      inactivity: [{ perDay: -2, afterDays: 3, cap: -20 }],
      scale: { maxPoints: 80 },
      bands: [...SAAS_BANDS],
    },
  ],
});
const NAMES = ['Project Created', 'Teammate Invited', 'Core Feature Used', 'Session Ended', 'Payment Failed'];

/** A user's random events over the last 60 days, with quiet spells. */
function randomEvents(seed: number): ReplayEvent[] {
  const rand = mulberry32(seed);
  const events: ReplayEvent[] = [];
  for (let i = 0; i < 120; i++) {
    const daysAgo = Math.floor(rand() * 60) * (rand() < 0.3 ? 0.5 : 1);
    const at = NOW - Math.floor(daysAgo * DAY_MS) - Math.floor(rand() * 3_600_000);
    const event = NAMES[Math.floor(rand() * NAMES.length)] as string;
    const minutes = Math.floor(rand() * 30);
    const body = { type: 'track', messageId: `m${i}`, event, properties: { minutes } } as PulseEvent;
    events.push({ id: i, at, event: body });
  }
  return events;
}

/** The reference: every day, score a user built from only the events up to that day's end, at that end. */
function asOf(events: ReplayEvent[], day: number, now: number): { score: number; band: string; modelId: string } {
  const end = day === utcDay(now) ? now : (day + 1) * DAY_MS - 1;
  const user = emptyUser('ref');
  for (const e of [...events].sort((a, b) => a.id - b.id))
    if (e.at <= end) applyEvent(user, e.event, e.at, CONFIG.models);
  const r = scoreUser(user, CONFIG, end);
  return { score: r.score, band: r.band, modelId: r.modelId };
}

describe('dailyHistory', () => {
  it("equals the scorer's result at the end of each UTC day, for every day from the first event", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const events = randomEvents(seed);
      const days = dailyHistory(events, CONFIG, 0, NOW);
      const first = utcDay(Math.min(...events.map((e) => e.at)));
      expect(days[0]?.day).toBe(first);
      expect(days.at(-1)?.day).toBe(utcDay(NOW));
      expect(new Set(days.map((d) => d.modelId)).size, 'lifecycle moves are in the history').toBeGreaterThan(1);
      for (const d of days) {
        expect({ score: d.score, band: d.band, modelId: d.modelId }, `seed ${seed} day ${d.day}`).toEqual(
          asOf(events, d.day, NOW),
        );
      }
    }
  });

  it('starts at fromDay when the first event is older, and is empty without events', () => {
    const days = dailyHistory(randomEvents(9), CONFIG, utcDay(NOW) - 9, NOW);
    expect(days.map((d) => d.day)).toEqual(Array.from({ length: 10 }, (_, i) => utcDay(NOW) - 9 + i));
    expect(dailyHistory([], CONFIG, 0, NOW)).toEqual([]);
  });

  it('keeps only the days that differ from the day before when compacted', () => {
    const days = [
      { scoreId: 's', day: 1, score: 10, band: 'low', modelId: 'm' },
      { scoreId: 's', day: 2, score: 10, band: 'low', modelId: 'm' },
      { scoreId: 's', day: 3, score: 12, band: 'low', modelId: 'm' },
      { scoreId: 's', day: 4, score: 12, band: 'low', modelId: 'n' },
    ];
    expect(compactHistory(days).map((d) => d.day)).toEqual([1, 3, 4]);
  });
});

describe('historyMarks', () => {
  const today = utcDay(NOW);
  const day = (back: number, score: number, band: string): DailyScore => ({
    scoreId: CONFIG.defaultScore,
    day: today - back,
    score,
    band,
    modelId: 'active',
  });
  const bands = SAAS_BANDS.map((b) => b.id);
  const [low, , high] = [bands[0]!, bands[1]!, bands[bands.length - 1]!];

  it('reads the score 7 days back and the last band change with its direction', () => {
    const days = [day(20, 70, high), day(9, 65, high), day(8, 60, high), day(3, 10, low), day(0, 12, low)];
    expect(historyMarks(days, CONFIG, today)).toEqual({
      score7dAgo: 60,
      bandChangedAt: (today - 3) * DAY_MS,
      bandDirection: -1,
    });
  });

  it('has no 7-day score for a user first seen this week, and no change for a steady band', () => {
    const days = [day(5, 10, low), day(4, 11, low), day(0, 12, low)];
    expect(historyMarks(days, CONFIG, today)).toEqual({ score7dAgo: null, bandChangedAt: null, bandDirection: null });
  });

  it('ignores the other scores of the config', () => {
    const other = { ...day(2, 90, high), scoreId: 'elsewhere' };
    expect(historyMarks([day(9, 10, low), other, day(0, 12, low)], CONFIG, today).bandChangedAt).toBeNull();
  });
});
