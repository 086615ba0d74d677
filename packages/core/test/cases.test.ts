import { describe, expect, it } from 'vitest';
import {
  addEvent,
  createRollup,
  mergeRollups,
  score,
  scoreEvents,
  validateModel,
  type ScorableEvent,
  type ScoreResult,
  type ScoringModel,
} from '../src/index.js';
import casesJson from './cases.json' with { type: 'json' };

interface ScoringCase {
  name: string;
  description: string;
  model: ScoringModel;
  events: ScorableEvent[];
  now: string;
  expected: { points: number; score: number; band: string; contributions: Record<string, number> };
}

const file = casesJson as unknown as { version: number; cases: ScoringCase[] };

function outcome(result: ScoreResult) {
  return {
    points: result.points,
    score: result.score,
    band: result.band,
    contributions: Object.fromEntries(result.contributions.map((c) => [c.signal, c.points])),
  };
}

function rollupOf(events: ScorableEvent[], model: ScoringModel) {
  const rollup = createRollup(model.id);
  for (const event of events) addEvent(rollup, event, model);
  return rollup;
}

describe('cases.json', () => {
  it('is version 1 with at least 40 uniquely named cases', () => {
    expect(file.version).toBe(1);
    expect(file.cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(file.cases.map((c) => c.name)).size).toBe(file.cases.length);
  });

  it('has only valid models', () => {
    const invalid = file.cases.filter((c) => validateModel(c.model).length > 0).map((c) => c.name);
    expect(invalid).toEqual([]);
  });

  it('lists a contribution for every signal of each model', () => {
    const mismatched = file.cases
      .filter((c) => Object.keys(c.expected.contributions).join() !== c.model.signals.map((s) => s.id).join())
      .map((c) => c.name);
    expect(mismatched).toEqual([]);
  });
});

describe.each(file.cases)('$name', (c) => {
  it('scoreEvents gives the expected points, score, band and contributions', () => {
    expect(outcome(scoreEvents(c.events, c.model, c.now))).toEqual(c.expected);
  });

  it('an incrementally built rollup scores the same', () => {
    expect(outcome(score(rollupOf(c.events, c.model), c.model, c.now))).toEqual(c.expected);
  });

  it('a rollup built in reverse order and merged from two halves scores the same', () => {
    const reversed = [...c.events].reverse();
    const half = Math.floor(reversed.length / 2);
    const merged = mergeRollups(rollupOf(reversed.slice(0, half), c.model), rollupOf(reversed.slice(half), c.model));
    expect(outcome(score(merged, c.model, c.now))).toEqual(c.expected);
  });
});
