import { describe, expect, it } from 'vitest';
import { validateConfig } from './validate-config.js';

const model = (extra: Record<string, unknown> = {}) => ({
  id: 'm',
  windowDays: 30,
  signals: [{ id: 's', event: 'E', weight: 1 }],
  scale: { maxPoints: 10 },
  bands: [{ id: 'low', min: 0 }],
  ...extra,
});

describe('retention in validateConfig', () => {
  it('accepts models that look back no further than events are kept', () => {
    const config = {
      models: [
        model({
          inactivity: [
            { afterDays: 14, points: -10 },
            { afterDays: 7, perDay: -3, cap: -30 },
          ],
        }),
      ],
      retention: { eventsDays: 30 },
    };
    expect(validateConfig(config)).toEqual([]);
  });

  it('rejects a window longer than the retention, by path', () => {
    const issues = validateConfig({
      models: [model(), model({ id: 'n', windowDays: 90 })],
      retention: { eventsDays: 60 },
    });
    expect(issues).toEqual([
      {
        path: 'models[1].windowDays',
        message: 'reaches past retention.eventsDays (60): a rescore after the purge would give other scores',
      },
    ]);
  });

  it('rejects inactivity rules that reach past the retention, and uncapped perDay rules', () => {
    const config = {
      models: [
        model({
          inactivity: [
            { afterDays: 40, points: -10 },
            { afterDays: 20, perDay: -1, cap: -30 },
            { afterDays: 5, perDay: -1 },
          ],
        }),
      ],
      retention: { eventsDays: 40 },
    };
    expect(validateConfig(config).map((i) => i.path)).toEqual([
      'models[0].inactivity[0]',
      'models[0].inactivity[1]',
      'models[0].inactivity[2].cap',
    ]);
    expect(validateConfig(config)[1]?.message).toContain('(it reaches 50 days)');
  });

  it('rejects lifecycle bounds at or past the retention', () => {
    const config = {
      models: [model({ lifecycle: { minDaysInactive: 400 } }), model({ id: 'd' })],
      retention: { eventsDays: 400 },
    };
    expect(validateConfig(config).map((i) => i.path)).toEqual(['models[0].lifecycle.minDaysInactive']);
  });

  it('checks the shape of retention', () => {
    expect(validateConfig({ models: [model()], retention: { eventsDays: 0.5, keep: 1 } })).toEqual([
      { path: 'retention.keep', message: 'is not a known field' },
      { path: 'retention.eventsDays', message: 'must be a whole number ≥ 1' },
    ]);
    expect(validateConfig({ models: [model()], retention: 30 })[0]?.path).toBe('retention');
  });
});

describe('lifecycle in validateModel (through validateConfig)', () => {
  it('reports bad lifecycle rules by path', () => {
    const config = {
      models: [
        model({ lifecycle: { minDaysInactive: -1, maxDaysSinceFirstSeen: 2, minDaysSinceFirstSeen: 5, when: 1 } }),
        model({ id: 'n', lifecycle: {} }),
        model({ id: 'o', lifecycle: { traits: [{ property: 'plan' }] } }),
      ],
    };
    expect(validateConfig(config)).toEqual([
      { path: 'models[0].lifecycle.when', message: 'is not a known field' },
      { path: 'models[0].lifecycle.minDaysInactive', message: 'must be ≥ 0' },
      { path: 'models[0].lifecycle.maxDaysSinceFirstSeen', message: 'must be ≥ minDaysSinceFirstSeen (5)' },
      {
        path: 'models[1].lifecycle',
        message:
          'needs at least one of traits, minDaysSinceFirstSeen, maxDaysSinceFirstSeen, minDaysInactive, maxDaysInactive',
      },
      { path: 'models[2].lifecycle.traits[0]', message: 'needs at least one of equals, in, gte, lte' },
    ]);
  });
});
