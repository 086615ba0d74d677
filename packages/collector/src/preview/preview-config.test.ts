import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertConfig, DAY_MS, getOwn, normalizeConfig, type PulseConfig, type ScoringModel } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startCollector, tempDbPath } from '../../test/support.js';
import { createAdminKey } from '../auth/admin-keys.js';
import { rocAuc } from '../calibrate/auc.js';
import { collectUsers } from '../calibrate/collect-users.js';
import { observe } from '../calibrate/observe.js';
import { parseDay, parseOutcome } from '../calibrate/outcome.js';
import { syntheticEvents, syntheticModel } from '../calibrate/synthetic-population.js';
import type { Auc } from '../contract/model-health.js';
import type { ConfigPreview } from '../contract/preview.js';
import type { Collector } from '../create-collector.js';
import { importNdjson } from '../ingest/import-ndjson.js';

// A seeded population (retention depends on signals a and b) with a trial model
// for users who identified with plan: trial. The preview of a draft must equal
// what the collector stores once the draft is applied and every user rescored,
// and the preview itself must change nothing stored.

const DAY = parseDay('2026-03-01');
const HORIZON = DAY + 120;
const NOW = (HORIZON + 1) * DAY_MS + 6 * 3_600_000;
const OUTCOME = 'retention:60-90';

const model = (weights: number[], extra: Partial<ScoringModel> = {}): ScoringModel => ({
  ...syntheticModel(weights),
  windowDays: 150,
  inactivity: [{ afterDays: 40, perDay: -1, cap: -20 }],
  ...extra,
});
const trial = (weight: number): ScoringModel => ({
  id: 'trial',
  windowDays: 150,
  signals: [{ id: 'a', event: 'Signal A', weight }],
  scale: { maxPoints: 40 },
  bands: [
    { id: 'low', min: 0 },
    { id: 'high', min: 60 },
  ],
  appliesTo: { trait: 'plan', equals: 'trial' },
});
const CURRENT: PulseConfig = assertConfig({ models: [model([0, 0, 5, 5, 5]), trial(4)], nudges: [] });
// Beyond weights, the draft adds signals that sum a property, filter on one, and count active days.
const DRAFT: PulseConfig = assertConfig({
  models: [
    model([15, 10, 0, 0, 2], {
      halfLifeDays: 60,
      signals: [
        ...syntheticModel([15, 10, 0, 0, 2]).signals,
        { id: 'minutes', event: 'Session Ended', value: 'minutes', weight: 0.5, cap: 10 },
        { id: 'long', event: 'Session Ended', where: [{ property: 'kind', equals: 'long' }], weight: 3 },
        { id: 'visits', event: 'Page Viewed', count: 'activeDays', weight: 2 },
      ],
      bands: [
        { id: 'low', min: 0, label: 'Cold' },
        { id: 'medium', min: 30, label: 'Warm' },
        { id: 'high', min: 60, label: 'Hot' },
      ],
    }),
    trial(8),
  ],
  nudges: [],
});

/** Everything stored that a preview could conceivably touch, read through the store's API. */
async function snapshot(c: Collector): Promise<string> {
  const { store, project } = c;
  const events = [];
  for (let after = 0; ;) {
    const page = await store.listEvents(project, after, 10_000);
    events.push(...page);
    if (page.length < 10_000) break;
    after = page[page.length - 1]!.id;
  }
  const users = [];
  for (let after = ''; ;) {
    const keys = await store.listUserKeys(project, after, 500);
    if (keys.length === 0) break;
    after = keys[keys.length - 1]!;
    for (const key of keys) {
      users.push([await store.getUser(project, key), await store.scoreHistory(project, key, 0)]);
    }
  }
  const versions = await store.listConfigVersions(null, 50);
  const meta = await Promise.all(['models_hash', 'purged_before'].map((k) => store.getMeta(k)));
  return JSON.stringify({ events, users, versions, meta });
}

/** Each identified user's stored score of `scoreId`. */
async function storedScores(c: Collector, scoreId: string): Promise<Map<string, { score: number; band: string }>> {
  const out = new Map<string, { score: number; band: string }>();
  for (let after = 'u:'; ;) {
    const keys = await c.store.listUserKeys(c.project, after, 500);
    const identified = keys.filter((k) => k.startsWith('u:'));
    for (const key of identified) {
      const s = getOwn((await c.store.getUser(c.project, key))!.scores, scoreId)!;
      out.set(key.slice(2), { score: s.score!, band: s.band! });
    }
    if (identified.length < 500) break;
    after = keys[keys.length - 1]!;
  }
  return out;
}

for (const backend of backends()) {
  describe(`config preview on ${backend.name}`, () => {
    let c: Collector;
    let tmp: ReturnType<typeof tempDbPath>;
    let preview: ConfigPreview;
    let before: Map<string, { score: number; band: string }>;
    let untouched: [string, string];
    let analystKey: string;

    const post = (body: unknown, key = c.secretKey) =>
      c.app.inject({
        method: 'POST',
        url: '/v1/admin/config/preview',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });

    beforeAll(async () => {
      tmp = tempDbPath();
      const lines: string[] = [];
      syntheticEvents({ users: 500, seed: 7, observationDay: DAY }, (e) => lines.push(JSON.stringify(e)));
      for (let u = 0; u < 500; u += 5) {
        for (let k = 0; k < 1 + (u % 3); k++) {
          lines.push(
            JSON.stringify({
              type: 'track',
              event: 'Session Ended',
              userId: `user-${u}`,
              properties: { minutes: (u + k) % 30, kind: (u + k) % 2 === 0 ? 'long' : 'short' },
              messageId: `s-${u}-${k}`,
              timestamp: new Date((DAY + 20 + k) * DAY_MS).toISOString(),
            }),
          );
        }
      }
      for (let u = 0; u < 500; u += 6) {
        lines.push(
          JSON.stringify({
            type: 'identify',
            userId: `user-${u}`,
            traits: { plan: 'trial' },
            messageId: `id-${u}`,
            timestamp: new Date((DAY - 1) * DAY_MS).toISOString(),
          }),
        );
      }
      const file = join(tmp.path, '..', 'events.ndjson');
      writeFileSync(file, lines.join('\n') + '\n');
      c = await startCollector(backend, { config: CURRENT, now: () => NOW });
      expect((await importNdjson(c.context, file, { batchSize: 1000 })).rejected).toBe(0);
      await c.rescore();
      before = await storedScores(c, 'engagement');
      analystKey = (await createAdminKey(c.store, 'analyst', 'analyst key', NOW)).key;
      const was = await snapshot(c);
      const res = await post({ config: DRAFT, outcome: OUTCOME, at: '2026-03-01' });
      expect(res.statusCode, res.body).toBe(200);
      preview = res.json();
      untouched = [was, await snapshot(c)];
    }, 180_000);

    afterAll(async () => {
      await c?.close();
      await backend.cleanup();
      tmp?.cleanup();
    });

    it('writes nothing: every event, user, history row, version and mark is as it was', () => {
      expect(untouched[1]).toBe(untouched[0]);
      expect(preview.users).toBe(500);
    });

    it('equals the stored scores now, and the scores a rescore under the draft stores, user by user', async () => {
      const put = await c.app.inject({
        method: 'PUT',
        url: '/v1/admin/config',
        headers: { authorization: `Bearer ${c.secretKey}`, 'content-type': 'application/json', 'if-match': '"1"' },
        payload: JSON.stringify(DRAFT),
      });
      expect(put.statusCode, put.body).toBe(200);
      const after = await storedScores(c, 'engagement');
      expect(after.size).toBe(500);
      const progress = await c.app.inject({
        url: '/v1/admin/config/rescore',
        headers: { authorization: `Bearer ${analystKey}` },
      });
      expect(progress.json()).toMatchObject({ running: false, done: 500, total: 500 });
      expect(progress.json().finishedAt).not.toBeNull();

      const bandCounts = (m: Map<string, { band: string }>, id: string) =>
        [...m.values()].filter((s) => s.band === id).length;
      expect(preview.bands.map((b) => [b.id, b.current, b.draft])).toEqual(
        preview.bands.map((b) => [b.id, bandCounts(before, b.id), bandCounts(after, b.id)]),
      );
      expect(preview.bands.find((b) => b.id === 'medium')?.label).toBe('Warm');
      const bin = (s: number) => Math.min(9, Math.floor(s / 10));
      expect(preview.histogram.map((h) => [h.current, h.draft])).toEqual(
        preview.histogram.map((_, i) => [
          [...before.values()].filter((s) => bin(s.score) === i).length,
          [...after.values()].filter((s) => bin(s.score) === i).length,
        ]),
      );
      const { from, to, counts } = preview.transitions;
      const expected = from.map((f) =>
        to.map((t) => [...before].filter(([k, s]) => s.band === f && after.get(k)!.band === t).length),
      );
      expect(counts).toEqual(expected);
      // The draft really moves people, or this test would prove little.
      expect(preview.usersChangingBand).toBeGreaterThan(30);
      expect(preview.usersChangingBand).toBe([...before].filter(([k, s]) => after.get(k)!.band !== s.band).length);

      expect(preview.movers).toHaveLength(20);
      for (const m of preview.movers) {
        expect([m.userId, m.current.score, m.draft.score]).toEqual([
          m.userId,
          before.get(m.userId)!.score,
          after.get(m.userId)!.score,
        ]);
        expect(m.delta).toBe(m.draft.score - m.current.score);
        expect(m.draft.contributions.map((x) => x.signal)).toEqual(
          m.draft.modelId === 'trial' ? ['a'] : ['a', 'b', 'c', 'd', 'e', 'minutes', 'long', 'visits'],
        );
      }
      const deltas = [...before].map(([k, s]) => Math.abs(after.get(k)!.score - s.score)).sort((a, b) => b - a);
      expect(preview.movers.map((m) => Math.abs(m.delta))).toEqual(deltas.slice(0, 20));
    });

    it('gives the AUC of both scores as calibration measures them, over every model of the score', async () => {
      // Calibration's own code path: each model's users at the observation day, observed, pooled.
      const expected = async (config: PulseConfig) => {
        const normalized = normalizeConfig(config);
        const outcome = parseOutcome(OUTCOME);
        const obs = [];
        for (const m of normalized.models) {
          const users = await collectUsers({
            store: c.store,
            project: c.project,
            config: normalized,
            model: m,
            outcome,
            day: DAY,
          });
          obs.push(...observe(users, m, outcome, DAY, HORIZON));
        }
        return {
          users: obs.length,
          auc: rocAuc(
            obs.map((o) => o.score),
            obs.map((o) => o.outcome),
          ),
        };
      };
      const auc = preview.auc!;
      const current = await expected(CURRENT);
      const draft = await expected(DRAFT);
      expect([auc.at, auc.horizon, auc.users]).toEqual(['2026-03-01', '2026-06-29', current.users]);
      expect(current.users).toBe(500);
      // Equal but for float noise in the variance (users are summed in another order).
      const same = (a: Auc, b: Auc) => {
        expect([a.auc, a.positives, a.negatives]).toEqual([b.auc, b.positives, b.negatives]);
        expect(a.se!).toBeCloseTo(b.se!, 12);
        expect(a.ci![0]).toBeCloseTo(b.ci![0], 12);
        expect(a.ci![1]).toBeCloseTo(b.ci![1], 12);
      };
      same(auc.current, current.auc);
      same(auc.draft, draft.auc);
      // The draft weights the signals retention depends on: it predicts better.
      expect(auc.draft.auc!).toBeGreaterThan(auc.current.auc! + 0.1);
      expect(auc.draft.ci![0]).toBeLessThan(auc.draft.auc!);
    });

    it('answers 400 naming the field of an invalid draft, and a bad outcome or score', async () => {
      const bad = structuredClone(DRAFT) as { models: { signals: { weight: unknown }[] }[] };
      bad.models[0]!.signals[1]!.weight = 'ten';
      const res = await post({ config: bad });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toContain('models[0].signals[1].weight');
      expect(res.json().issues[0].path).toBe('config.models[0].signals[1].weight');
      const outcome = await post({ config: DRAFT, outcome: 'bought' });
      expect([outcome.statusCode, outcome.json().error]).toEqual([400, expect.stringContaining('outcome:')]);
      const score = await post({ config: DRAFT, score: 'churn' });
      expect([score.statusCode, score.json().error]).toEqual([400, expect.stringContaining('score: no score "churn"')]);
      expect((await post({ models: [] })).statusCode).toBe(400);
    });

    it('is open to an analyst key (it changes nothing), as are the event names', async () => {
      expect((await post({ config: DRAFT }, analystKey)).statusCode).toBe(200);
      const names = await c.app.inject({
        url: '/v1/admin/events/names?days=365',
        headers: { authorization: `Bearer ${analystKey}` },
      });
      expect(names.statusCode).toBe(200);
      // Counted from every stored event.
      const counted = new Map<string, number>();
      const since = (Math.floor(NOW / DAY_MS) - 364) * DAY_MS;
      for (const e of await c.store.listEvents(c.project, 0, 100_000)) {
        const name = (JSON.parse(e.body) as { event?: string }).event;
        if (e.type === 'track' && e.at >= since && name) counted.set(name, (counted.get(name) ?? 0) + 1);
      }
      expect(counted.get('Session Ended')).toBeGreaterThan(0);
      const body = names.json();
      expect(body.days).toBe(365);
      expect(new Map(body.events.map((e: { name: string; count: number }) => [e.name, e.count]))).toEqual(counted);
      expect(body.events[0].count).toBe(Math.max(...counted.values()));
    });
  });
}
