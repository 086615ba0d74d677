import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertConfig, DAY_MS, type Nudge, type PulseConfig } from '@pulse/core';
import { createCollector, type Collector } from '../../packages/collector/src/index.js';
// @ts-expect-error -- the seed generator is plain JavaScript without declarations
import { createRandom } from '../../demo/seed/random.mjs';
// @ts-expect-error -- the seed generator is plain JavaScript without declarations
import { simulateUser } from '../../demo/seed/simulate.mjs';

/**
 * A nudge whose assignment is broken on purpose: the collector knows it, and
 * `seedBrokenSplit` sends its exposures 60/40 against 50/50 weights, so the
 * Experiments page has a sample-ratio mismatch to show.
 */
export const BROKEN_SPLIT: Nudge = {
  id: 'upgrade-banner',
  description: 'A/B test whose split broke: one variant lost a third of its exposures (made by the e2e test).',
  placement: 'banner',
  trigger: { bands: ['high'] },
  variants: [
    { id: 'control', weight: 0.5, content: null },
    { id: 'offer', weight: 0.5, content: { title: 'Upgrade to Team', body: 'Two months free on a yearly plan.' } },
  ],
  goal: { event: 'Plan Upgraded', withinDays: 7 },
};

/** A real collector on a temporary SQLite file, with the demo config plus `BROKEN_SPLIT`. */
export interface SeededCollector {
  collector: Collector;
  base: string;
  demoConfig: PulseConfig;
  close(): Promise<void>;
}

/**
 * Starts the collector; the demo config's nudges and `BROKEN_SPLIT` are its experiments.
 *
 * @example
 * const { base, close } = await startSeededCollector('sk_test');
 */
export async function startSeededCollector(secretKey: string): Promise<SeededCollector> {
  const demoConfig = assertConfig(
    JSON.parse(readFileSync(new URL('../../demo/pulse.config.json', import.meta.url), 'utf8')),
  );
  const config = assertConfig({ ...demoConfig, nudges: [...(demoConfig.nudges ?? []), BROKEN_SPLIT] });
  const dir = mkdtempSync(join(tmpdir(), 'pulse-experiments-'));
  const collector = await createCollector({
    db: join(dir, 'pulse.db'),
    config,
    secretKey,
    dev: true,
    rateLimit: false,
  });
  const base = await collector.listen({ port: 0 });
  return {
    collector,
    base,
    demoConfig,
    async close() {
      await collector.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function deliver(s: SeededCollector, events: unknown[]): Promise<void> {
  for (let i = 0; i < events.length; i += 500) {
    const res = await fetch(`${s.base}/v1/batch`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${btoa(`${s.collector.writeKey}:`)}`,
      },
      body: JSON.stringify({ batch: events.slice(i, i + 500) }),
    });
    if (res.status !== 200) throw new Error(`POST /v1/batch answered ${res.status}: ${await res.text()}`);
  }
}

/**
 * The demo's synthetic population (`npm run seed`'s simulation: invite-nudge with a
 * real effect, board-tip launched 5 days before `now`), `users` of them signing up
 * over 58 days.
 *
 * @example
 * await seedDemo(seeded, 3000, Date.now());
 */
export async function seedDemo(s: SeededCollector, users: number, now: number): Promise<void> {
  const schedule = createRandom(11) as { next(): number };
  let pending: unknown[] = [];
  for (let i = 0; i < users; i++) {
    const signupAt = now - 60 * DAY_MS + schedule.next() * 58 * DAY_MS;
    const { events } = simulateUser(createRandom(1000 + i), i, s.demoConfig, signupAt, now) as { events: unknown[] };
    pending.push(...events);
    if (pending.length >= 5000) {
      await deliver(s, pending);
      pending = [];
    }
  }
  await deliver(s, pending);
}

/**
 * `BROKEN_SPLIT`'s exposures over the last 10 days: 300 control users and 200 in
 * `offer` (p of the χ² split check ≈ 8·10⁻⁶), 10% of each converting.
 *
 * @example
 * await seedBrokenSplit(seeded, Date.now());
 */
export async function seedBrokenSplit(s: SeededCollector, now: number): Promise<void> {
  const events: unknown[] = [];
  for (let i = 0; i < 500; i++) {
    const userId = `usr_split_${i}`;
    // Interleaved over the days, three control users for every two in `offer`.
    const variant = i % 5 < 3 ? 'control' : 'offer';
    const at = now - 10 * DAY_MS + (i / 500) * 9 * DAY_MS;
    const track = (event: string, t: number, properties: Record<string, unknown>) =>
      events.push({
        type: 'track',
        event,
        userId,
        properties,
        messageId: `split-${i}-${event}`,
        timestamp: new Date(t).toISOString(),
      });
    track('Nudge Eligible', at, { nudgeId: BROKEN_SPLIT.id, variant });
    if (i % 10 === 0) track('Plan Upgraded', at + DAY_MS, { plan: 'team' });
  }
  await deliver(s, events);
}
