import { readFileSync } from 'node:fs';
import { assertConfig, DAY_MS, type PulseConfig } from '@pulse/core';
// @ts-expect-error -- the seed generator is plain JavaScript without declarations
import { createRandom } from '../../demo/seed/random.mjs';
// @ts-expect-error -- the seed generator is plain JavaScript without declarations
import { simulateUser } from '../../demo/seed/simulate.mjs';

/** The demo's config (trial, active and dormant models; the invite-nudge experiment). */
export const demoConfig: PulseConfig = assertConfig(
  JSON.parse(readFileSync(new URL('../../demo/pulse.config.json', import.meta.url), 'utf8')),
);

/**
 * Posts the demo's synthetic population (what `npm run seed` sends: sign-ups
 * spread over the last 60 days) to a collector, 500 events a batch.
 *
 * @example
 * await seedDemo(base, collector.writeKey, 200, Date.now());
 */
export async function seedDemo(base: string, writeKey: string, users: number, now: number): Promise<number> {
  const schedule = createRandom(11) as { next(): number };
  let batch: unknown[] = [];
  let sent = 0;
  const send = async () => {
    const res = await fetch(`${base}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${btoa(`${writeKey}:`)}` },
      body: JSON.stringify({ batch }),
    });
    if (res.status !== 200) throw new Error(`seed: /v1/batch answered ${res.status}: ${await res.text()}`);
    sent += batch.length;
    batch = [];
  };
  for (let i = 0; i < users; i++) {
    const signupAt = now - 60 * DAY_MS + schedule.next() * 58 * DAY_MS;
    const { events } = simulateUser(createRandom(1000 + i), i, demoConfig, signupAt, now) as { events: unknown[] };
    for (const e of events) {
      batch.push(e);
      if (batch.length >= 500) await send();
    }
  }
  if (batch.length > 0) await send();
  return sent;
}
