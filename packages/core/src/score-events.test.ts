import { describe, expect, it } from 'vitest';
import type { ScoringModel } from './model.js';
import { addEvent, createRollup, type ScorableEvent } from './rollup.js';
import { score } from './score.js';
import { scoreEvents } from './score-events.js';

const NOW = Date.parse('2026-11-25T12:00:00Z');
const DAY = 86_400_000;

const model: ScoringModel = {
  id: 'm',
  windowDays: 30,
  signals: [{ id: 'uses', event: 'Feature Used', weight: 1, cap: 50 }],
  inactivity: [{ afterDays: 7, perDay: -1 }],
  scale: { maxPoints: 100 },
  bands: [{ id: 'all', min: 0 }],
};

describe('scoreEvents', () => {
  it('scores like a rollup of the same events', () => {
    const events: ScorableEvent[] = [3, 9, 12, 40].map((d) => ({ event: 'Feature Used', timestamp: NOW - d * DAY }));
    const rollup = createRollup(model.id);
    for (const e of events) addEvent(rollup, e, model);
    expect(scoreEvents(events, model, NOW)).toEqual(score(rollup, model, NOW));
  });

  it('skips events with an invalid time, also for last seen', () => {
    const events: ScorableEvent[] = [
      { event: 'Feature Used', timestamp: NOW - 10 * DAY },
      { event: 'Feature Used', timestamp: 'garbage' },
    ];
    expect(scoreEvents(events, model, NOW)).toMatchObject({ points: 1 - 3, inactivity: { daysInactive: 10 } });
  });

  it('handles a long history without overflowing the stack', () => {
    const events: ScorableEvent[] = Array.from({ length: 300_000 }, (_, i) => ({
      event: 'Feature Used',
      timestamp: NOW - (i % 20) * DAY,
    }));
    expect(scoreEvents(events, model, NOW)).toMatchObject({ points: 50, inactivity: { daysInactive: 0 } });
  });

  it('does not throw on null properties', () => {
    const events = [{ event: 'Feature Used', properties: null, timestamp: NOW }] as unknown as ScorableEvent[];
    expect(scoreEvents(events, model, NOW).points).toBe(1);
  });
});
