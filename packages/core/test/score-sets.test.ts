import { describe, expect, it } from 'vitest';
import {
  addEvent,
  createRollup,
  normalizeConfig,
  scoredScores,
  selectLifecycleModel,
  toMillis,
  userState,
  validateConfig,
  type PulseConfig,
  type Rollup,
  type ScorableEvent,
} from '../src/index.js';
import casesJson from './cases.json' with { type: 'json' };

interface Expected {
  modelId: string;
  points: number;
  score: number;
  band: string;
}

interface ScoreSetCase {
  name: string;
  config: PulseConfig;
  traits: Record<string, unknown>;
  events: ScorableEvent[];
  checkpoints: { now: string; expected: Record<string, Expected> }[];
}

const sets = (casesJson as unknown as { scoreSets: ScoreSetCase[] }).scoreSets;

/** Each score's model as the collector picks it (lifecycle rules on first and last event), then scored. */
function scoreAt(c: ScoreSetCase, now: string): Record<string, Expected> {
  const config = normalizeConfig(c.config);
  const events = c.events.filter((e) => toMillis(e.timestamp) <= toMillis(now));
  const rollups: Record<string, Rollup> = {};
  for (const m of config.models) rollups[m.id] = events.reduce((r, e) => addEvent(r, e, m), createRollup(m.id));
  const any = Object.values(rollups)[0] as Rollup;
  const facts = { traits: c.traits, firstSeen: any.firstSeen, lastSeen: any.lastSeen, now: toMillis(now) };
  // Pinned: each score keeps only the model lifecycle rules chose, as the collector's state does.
  const pinned = {
    ...config,
    scores: config.scores.map((s) => ({ ...s, models: [selectLifecycleModel(s.models, facts) ?? s.models[0]!] })),
  };
  const all = scoredScores({ config: pinned, rollups, traits: c.traits, userKey: 'u', now });
  return Object.fromEntries(
    Object.entries(all).map(([id, r]) => [id, { modelId: r.modelId, points: r.points, score: r.score, band: r.band }]),
  );
}

describe('cases.json scoreSets', () => {
  it('has cases with two and three scores and valid configs', () => {
    expect(sets.map((c) => normalizeConfig(c.config).scores.length)).toEqual(expect.arrayContaining([2, 3]));
    expect(sets.flatMap((c) => validateConfig(c.config))).toEqual([]);
  });
});

describe.each(sets)('$name', (c) => {
  it.each(c.checkpoints)(
    'gives every score its expected model, points, score and band at $now',
    ({ now, expected }) => {
      expect(scoreAt(c, now)).toEqual(expected);
    },
  );

  it('userState carries every score and the default score at the top level', () => {
    const { now, expected } = c.checkpoints[c.checkpoints.length - 1]!;
    const config = normalizeConfig(c.config);
    const state = userState({ config: c.config, rollups: {}, traits: c.traits, userKey: 'u', now });
    expect(Object.keys(state.scores)).toEqual(Object.keys(expected));
    expect(state.scoreId).toBe(config.defaultScore);
    expect(state.scores[config.defaultScore]?.score).toBe(state.score);
  });
});
