import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertConfig, type PulseConfig } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startCollector, tempDbPath } from '../../test/support.js';
import type { Collector } from '../create-collector.js';
import { importNdjson } from '../ingest/import-ndjson.js';
import { rocAuc } from './auc.js';
import { calibrate, type CalibrationReport } from './calibrate.js';
import { parseDay, parseOutcome } from './outcome.js';
import { seededRandom, syntheticEvents, syntheticModel } from './synthetic-population.js';

// A seeded population imported through `pulse import`'s code path into a real
// store: retention (active in days 60–89 after first seen) depends on signals
// a and b only. Calibrating a model that weights the three noise signals must
// find a and b, and its suggestion must beat it on held-out users.

const DAY = parseDay('2026-03-01');
const HORIZON = DAY + 120;
const BAD = syntheticModel([0, 0, 5, 5, 5]);
const GOOD = syntheticModel([15, 10, 0, 0, 0]);
const config = (model = BAD): PulseConfig => assertConfig({ models: [model], nudges: [] });

for (const backend of backends()) {
  describe(`calibrate on ${backend.name}`, () => {
    let collector: Collector;
    let tmp: ReturnType<typeof tempDbPath>;
    let report: CalibrationReport;
    const run = (model = BAD) =>
      calibrate({
        store: collector.store,
        project: collector.project,
        config: config(model),
        outcome: parseOutcome('retention:60-90'),
        day: DAY,
        horizonDay: HORIZON,
      });

    beforeAll(async () => {
      tmp = tempDbPath();
      const lines: string[] = [];
      syntheticEvents({ users: 1500, seed: 42, observationDay: DAY }, (e) => lines.push(JSON.stringify(e)));
      const file = join(tmp.path, '..', 'events.ndjson');
      writeFileSync(file, lines.join('\n') + '\n');
      collector = await startCollector(backend, { config: config(), now: () => (HORIZON + 1) * 86_400_000 });
      const summary = await importNdjson(collector.context, file, { batchSize: 1000 });
      expect(summary.rejected).toBe(0);
      report = await run();
    }, 120_000);

    afterAll(async () => {
      await collector?.close();
      await backend.cleanup();
      tmp?.cleanup();
    });

    it('observes every synthetic user, with both outcomes present', () => {
      expect(report.users).toBe(1500);
      expect(report.positives).toBeGreaterThan(300);
      expect(report.positives).toBeLessThan(1200);
      expect(report.outcomeText).toBe('active in days 60–89 after first seen');
    });

    it('ranks the two signals that drive retention first', () => {
      expect(
        report.signals
          .slice(0, 2)
          .map((s) => s.id)
          .sort(),
      ).toEqual(['a', 'b']);
      expect(report.signals[0]?.coefficient).toBeGreaterThan(0.5);
      for (const noise of report.signals.slice(2)) expect(Math.abs(noise.coefficient)).toBeLessThan(0.2);
    });

    it('suggests a model that beats a random one by a wide margin on held-out users', () => {
      const heldOut = report.suggestion?.heldOut;
      expect(heldOut).toBeDefined();
      const next = seededRandom(3);
      const randomScores = Array.from({ length: 1500 }, () => next());
      const outcomes = Array.from({ length: 1500 }, () => next() < 0.5);
      const random = rocAuc(randomScores, outcomes).auc as number;
      expect(Math.abs(random - 0.5)).toBeLessThan(0.06);
      expect(heldOut?.suggested.auc).toBeGreaterThan(random + 0.2);
      expect(heldOut?.suggested.ci?.[0]).toBeGreaterThan(0.65);
    });

    it('does worse with the deliberately bad model than with the suggestion, held out', () => {
      const heldOut = report.suggestion?.heldOut;
      expect(report.current.auc.auc).toBeLessThan(0.6);
      expect(heldOut?.suggested.auc).toBeGreaterThanOrEqual((heldOut?.current.auc as number) + 0.15);
    });

    it('gives integer weights that favour a and b, bands and a config the API accepts', async () => {
      const model = report.suggestion?.model;
      const weights = Object.fromEntries(model?.signals.map((s) => [s.id, s.weight]) ?? []);
      for (const w of Object.values(weights)) expect(Number.isInteger(w)).toBe(true);
      expect(weights.a).toBe(10);
      expect(weights.b).toBeGreaterThan(3);
      expect(
        Math.abs(weights.c as number) + Math.abs(weights.d as number) + Math.abs(weights.e as number),
      ).toBeLessThan(6);
      expect(model?.bands.map((b) => b.id)).toEqual(['low', 'medium', 'high']);
      const res = await collector.app.inject({
        method: 'PUT',
        url: '/v1/admin/config',
        headers: { authorization: `Bearer ${collector.secretKey}` },
        payload: report.suggestion?.config,
      });
      expect(res.statusCode).toBe(200);
    });

    it('reports rising outcome rates by band and decile for a good model', async () => {
      const good = await run(GOOD);
      expect(good.current.auc.auc).toBeGreaterThan(0.75);
      expect(good.current.deciles).toHaveLength(10);
      const deciles = good.current.deciles;
      expect(deciles[9]!.rate).toBeGreaterThan(deciles[0]!.rate + 0.4);
      expect(deciles[9]!.meanScore).toBeGreaterThan(deciles[0]!.meanScore);
      const [low, , high] = good.current.bands;
      expect(high!.rate).toBeGreaterThan(low!.rate as number);
      expect(high!.lift).toBeGreaterThan(1.5);
      expect(good.current.bands.reduce((s, b) => s + b.users, 0)).toBe(1500);
      // Held out, the suggestion is about as good as a model that already weights the right signals.
      expect(good.suggestion!.heldOut.suggested.auc).toBeGreaterThan(good.suggestion!.heldOut.current.auc! - 0.03);
    });

    it('gives an AUC per week, ending at the observation date', () => {
      expect(report.aucOverTime).toHaveLength(8);
      expect(report.aucOverTime.at(-1)).toMatchObject({ date: '2026-03-01', users: 1500 });
      expect(report.aucOverTime.at(-1)?.auc).toBeCloseTo(report.current.auc.auc as number, 12);
      // Four weeks earlier most users were not seen yet.
      expect(report.aucOverTime.at(-5)!.users).toBeLessThan(report.aucOverTime.at(-1)!.users);
    });

    it('predicts an event outcome too', async () => {
      const r = await calibrate({
        store: collector.store,
        project: collector.project,
        config: config(GOOD),
        outcome: parseOutcome('event:Page Viewed', 90),
        day: DAY,
        horizonDay: HORIZON,
      });
      expect(r.users).toBe(1500);
      expect(r.current.auc.auc).toBeGreaterThan(0.6);
    });
  });
}
