import { describe, expect, it } from 'vitest';
import { addEvent, assertConfig, createRollup, normalizeConfig, scoredScores, type Rollup } from '../src/index.js';
// @ts-expect-error the demo's seed is plain JavaScript
import { createRandom } from '../../../demo/seed/random.mjs';
// @ts-expect-error the demo's seed is plain JavaScript
import { simulateUser } from '../../../demo/seed/simulate.mjs';
import demoJson from '../../../demo/pulse.config.json' with { type: 'json' };

interface Simulated {
  events: { type: string; timestamp: string; traits?: Record<string, unknown> }[];
  summary: { archetype: string };
}

const DAY = 86_400_000;
const config = normalizeConfig(assertConfig(demoJson as unknown));

/** Mean engagement and churn risk per seed archetype, 300 simulated users. */
function meansByArchetype(): Record<string, { engagement: number; churnRisk: number }> {
  const now = Date.parse('2026-11-25T12:00:00Z');
  const sums: Record<string, { engagement: number; churnRisk: number; n: number }> = {};
  for (let i = 0; i < 300; i++) {
    const rng = createRandom(1000 + i);
    const { events, summary } = simulateUser(rng, i, config, now - rng.int(1, 60) * DAY, now) as Simulated;
    const rollups: Record<string, Rollup> = {};
    let traits: Record<string, unknown> = {};
    for (const m of config.models) rollups[m.id] = createRollup(m.id);
    for (const e of events) {
      if (e.type === 'identify') traits = e.traits ?? traits;
      for (const m of config.models) addEvent(rollups[m.id]!, { ...e, timestamp: Date.parse(e.timestamp) }, m);
    }
    const s = scoredScores({ config, rollups, traits, userKey: 'u', now });
    const sum = (sums[summary.archetype] ??= { engagement: 0, churnRisk: 0, n: 0 });
    sum.engagement += s.engagement!.score;
    sum.churnRisk += s.churnRisk!.score;
    sum.n += 1;
  }
  return Object.fromEntries(
    Object.entries(sums).map(([k, v]) => [k, { engagement: v.engagement / v.n, churnRisk: v.churnRisk / v.n }]),
  );
}

describe('the demo seed', () => {
  it('gives engagement and churn risk different shapes: churners low and at risk, power users the reverse', () => {
    const m = meansByArchetype();
    expect(m.power!.engagement - m.churner!.engagement).toBeGreaterThan(30);
    expect(m.churner!.churnRisk - m.power!.churnRisk).toBeGreaterThan(25);
    expect(m.casual!.churnRisk).toBeGreaterThan(m.power!.churnRisk);
  });
});
