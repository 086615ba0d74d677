import { assertConfig, DAY_MS, normalizeConfig, type ScoringModel } from '@pulse/core';
import { afterEach, expect, it } from 'vitest';
import { createSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { collectUsers } from './collect-users.js';
import { parseDay, parseOutcome } from './outcome.js';

const DAY = parseDay('2026-03-01');
const model = (id: string, extra: Partial<ScoringModel> = {}): ScoringModel => ({
  id,
  windowDays: 30,
  signals: [{ id: 'visits', event: 'Visit', weight: 1 }],
  scale: { maxPoints: 10 },
  bands: [{ id: 'low', min: 0 }],
  ...extra,
});
// A user quiet for 30 days at the observation day is on `dormant`, whatever they did before.
const config = assertConfig({
  models: [model('dormant', { lifecycle: { minDaysInactive: 30 } }), model('active')],
  nudges: [],
});

let store: Store | undefined;
afterEach(async () => store?.close());

async function withVisits(visits: Record<string, number[]>): Promise<Store> {
  const s = createSqliteStore(':memory:');
  await s.migrate();
  const rows = Object.entries(visits).flatMap(([user, days]) =>
    days.map((day, i) => {
      const at = day * DAY_MS + 3_600_000;
      const body = { type: 'track', event: 'Visit', userId: user, messageId: `${user}-${i}`, timestamp: at };
      return {
        messageId: body.messageId,
        userKey: `u:${user}`,
        type: 'track',
        at,
        receivedAt: at,
        body: JSON.stringify(body),
      };
    }),
  );
  await s.transaction((tx) => tx.insertEvents('default', rows));
  return s;
}

const keysFor = async (s: Store, id: string) =>
  (
    await collectUsers({
      store: s,
      project: 'default',
      config: normalizeConfig(config),
      model: normalizeConfig(config).models.find((m) => m.id === id) as ScoringModel,
      outcome: parseOutcome('retention:60-90'),
      day: DAY,
    })
  ).map((u) => u.key);

it('takes each user on the model lifecycle rules give them at the observation day', async () => {
  // `quiet` was last seen 40 days before the observation day; `busy` the day before it;
  // `returning` was quiet then came back after it (which must not count at the observation day).
  store = await withVisits({ quiet: [DAY - 60, DAY - 40], busy: [DAY - 50, DAY - 1], returning: [DAY - 45, DAY + 5] });
  expect(await keysFor(store, 'dormant')).toEqual(['u:quiet', 'u:returning']);
  expect(await keysFor(store, 'active')).toEqual(['u:busy']);
});
