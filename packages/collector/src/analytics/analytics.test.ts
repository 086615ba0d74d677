import { describe, expect, it } from 'vitest';
import {
  addEvent,
  createRollup,
  DAY_MS,
  normalizeConfig,
  userState,
  type NormalizedConfig,
  type ScorableEvent,
} from '@pulse/core';
import { churnRisk, funnel, overview, type ScoredUser } from './population.js';
import { scoresAsOf, scoreTrend } from './trend.js';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const config: NormalizedConfig = normalizeConfig({
  models: [
    {
      id: 'm',
      windowDays: 30,
      signals: [{ id: 'projects', event: 'Project Created', weight: 10 }],
      scale: { maxPoints: 100 },
      bands: [
        { id: 'low', min: 0 },
        { id: 'high', min: 50 },
      ],
      milestones: [
        { id: 'first-project', event: 'Project Created', title: 'Create a project' },
        { id: 'invite', event: 'Teammate Invited', title: 'Invite a teammate' },
      ],
    },
  ],
});
const model = config.models[0]!;

function user(userId: string, events: ScorableEvent[]): ScoredUser {
  const rollup = createRollup('m');
  for (const e of events) addEvent(rollup, e, model);
  return { userId, state: userState({ config, rollups: { m: rollup }, userKey: userId, now: NOW }) };
}

const projects = (n: number): ScorableEvent[] =>
  Array.from({ length: n }, () => ({ type: 'track', event: 'Project Created', timestamp: NOW - DAY_MS }));

describe('overview', () => {
  it('counts users per band and per 10-point bucket, with the average score', () => {
    const o = overview([user('a', projects(1)), user('b', projects(6)), user('c', [])], config, NOW);
    expect(o.users).toBe(3);
    expect(o.averageScore).toBe(Math.round(((10 + 60 + 0) / 3) * 10) / 10);
    expect(o.bands.map((b) => [b.id, b.count])).toEqual([
      ['low', 2],
      ['high', 1],
    ]);
    expect(o.histogram.find((h) => h.from === 60)?.count).toBe(1);
    expect(o.histogram.find((h) => h.from === 0)?.count).toBe(1);
    expect(o.histogram.reduce((s, h) => s + h.count, 0)).toBe(3);
  });

  it('puts a perfect score in the last bucket', () => {
    expect(overview([user('a', projects(12))], config, NOW).histogram[9]?.count).toBe(1);
  });
});

describe('funnel', () => {
  it('counts users who completed each milestone', () => {
    const invited: ScorableEvent = { type: 'track', event: 'Teammate Invited', timestamp: NOW };
    const f = funnel([user('a', projects(1)), user('b', [...projects(1), invited]), user('c', [])], config);
    expect(f).toEqual({
      total: 3,
      milestones: [
        { id: 'first-project', title: 'Create a project', completed: 2 },
        { id: 'invite', title: 'Invite a teammate', completed: 1 },
      ],
    });
  });
});

describe('churnRisk', () => {
  it('lists users whose band is lower than before, with their contributions', () => {
    const users = [user('a', projects(1)), user('b', projects(6)), user('c', projects(1))];
    const previous = new Map([
      ['a', { score: 70, band: 'high' }],
      ['b', { score: 80, band: 'high' }],
      ['c', { score: 5, band: 'low' }],
    ]);
    const risk = churnRisk(users, previous, config);
    expect(risk.map((r) => [r.userId, r.from, r.to, r.previousScore, r.score])).toEqual([['a', 'high', 'low', 70, 10]]);
    expect(risk[0]?.contributions[0]).toMatchObject({ signal: 'projects', points: 10 });
  });
});

describe('scoreTrend', () => {
  it('carries each user’s latest score forward day by day', () => {
    const today = Math.floor(NOW / DAY_MS);
    const rows = [
      { userKey: 'a', day: today - 2, score: 10, band: 'low' },
      { userKey: 'b', day: today - 1, score: 60, band: 'high' },
      { userKey: 'a', day: today, score: 50, band: 'high' },
    ];
    const t = scoreTrend(rows, 3, NOW);
    expect(t.map((d) => [d.users, d.averageScore, d.bands])).toEqual([
      [1, 10, { low: 1 }],
      [2, 35, { low: 1, high: 1 }],
      [2, 55, { high: 2 }],
    ]);
    expect(t[2]?.date).toBe('2026-11-22');
  });

  it('gives each user’s latest row on or before a day', () => {
    const rows = [
      { userKey: 'a', day: 5, score: 10, band: 'low' },
      { userKey: 'a', day: 7, score: 60, band: 'high' },
      { userKey: 'a', day: 9, score: 20, band: 'low' },
    ];
    expect(scoresAsOf(rows, 8).get('a')).toEqual({ score: 60, band: 'high', day: 7 });
  });
});
