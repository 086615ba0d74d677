import { scoreEvents, type ScorableEvent, type ScoringModel } from '@pulse/core';
import { afterAll, describe, expect, it } from 'vitest';
import casesJson from '../../../core/test/cases.json' with { type: 'json' };
import { backends, postBatch, startCollector } from '../support.js';

interface ScoringCase {
  name: string;
  model: ScoringModel;
  events: (ScorableEvent & Record<string, unknown>)[];
  now: string;
  expected: { points: number; score: number; band: string; contributions: Record<string, number> };
}

const cases = (casesJson as unknown as { cases: ScoringCase[] }).cases;

function outcome(r: {
  points: number;
  score: number;
  band: string;
  contributions: { signal: string; points: number }[];
}) {
  return {
    points: r.points,
    score: r.score,
    band: r.band,
    contributions: Object.fromEntries(r.contributions.map((c) => [c.signal, c.points])),
  };
}

for (const backend of backends()) {
  describe(`cases.json replayed through HTTP ingestion on ${backend.name}`, () => {
    afterAll(() => backend.cleanup());

    it('has cases to replay', () => {
      expect(cases.length).toBeGreaterThan(0);
    });

    it.each(cases)('$name', async (c) => {
      const collector = await startCollector(backend, { config: { models: [c.model] }, now: () => Date.parse(c.now) });
      const batch = c.events.map((e, i) => ({ ...e, userId: 'case-user', messageId: `case-${i}` }));
      if (batch.length > 0) {
        const res = await postBatch(collector, batch);
        expect(res.json()).toEqual({ accepted: batch.length, duplicates: 0, rejected: [] });
      }
      const state = await collector.app.inject({
        url: '/v1/users/case-user/state',
        headers: { authorization: `Bearer ${collector.secretKey}` },
      });
      const got = outcome(state.json());
      expect(got).toEqual(c.expected);
      expect(got).toEqual(outcome(scoreEvents(c.events, c.model, c.now)));
      await collector.close();
    });
  });
}
