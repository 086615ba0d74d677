import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertConfig } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, startCollector, tempDbPath } from '../../../test/support.js';
import { calibrate, type CalibrationReport } from '../../calibrate/calibrate.js';
import { parseDay, parseOutcome } from '../../calibrate/outcome.js';
import { syntheticEvents, syntheticModel } from '../../calibrate/synthetic-population.js';
import type { Collector } from '../../create-collector.js';
import { importNdjson } from '../../ingest/import-ndjson.js';

const DAY = parseDay('2026-03-01');
const TODAY = DAY + 121;
const config = assertConfig({ models: [syntheticModel([15, 10, 0, 0, 0])], nudges: [] });
let collector: Collector;
let tmp: ReturnType<typeof tempDbPath>;
const backend = backends()[0]!;

beforeAll(async () => {
  tmp = tempDbPath();
  const lines: string[] = [];
  syntheticEvents({ users: 400, seed: 9, observationDay: DAY }, (e) => lines.push(JSON.stringify(e)));
  const file = join(tmp.path, '..', 'events.ndjson');
  writeFileSync(file, lines.join('\n') + '\n');
  collector = await startCollector(backend, { config, now: () => TODAY * 86_400_000 + 3_600_000 });
  await importNdjson(collector.context, file);
}, 60_000);

afterAll(async () => {
  await collector?.close();
  await backend.cleanup();
  tmp?.cleanup();
});

const get = (url: string, key: string | null = 'sk_test') =>
  collector.app.inject({ method: 'GET', url, headers: key === null ? {} : { authorization: `Bearer ${key}` } });

describe('GET /v1/admin/model-health', () => {
  it('returns the calibration report for the outcome and date', async () => {
    const res = await get('/v1/admin/model-health?outcome=retention:60-90&at=2026-03-01');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json<CalibrationReport>();
    const direct = await calibrate({
      store: collector.store,
      project: collector.project,
      config,
      outcome: parseOutcome('retention:60-90'),
      day: DAY,
      horizonDay: TODAY - 1,
    });
    expect(body).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(body.users).toBe(400);
  });

  it('defaults the date to the latest one whose outcome window is observed', async () => {
    const body = (await get('/v1/admin/model-health?outcome=event:Page%20Viewed&within=30')).json<CalibrationReport>();
    expect(body.at).toBe(new Date((TODAY - 1 - 30) * 86_400_000).toISOString().slice(0, 10));
    expect(body.outcomeText).toBe('Page Viewed within 30 days');
  });

  it('needs the secret key', async () => {
    expect((await get('/v1/admin/model-health?outcome=retention:60-90', null)).statusCode).toBe(401);
    expect((await get('/v1/admin/model-health?outcome=retention:60-90', 'pk_test')).statusCode).toBe(401);
  });

  it('says what is wrong with the query', async () => {
    const cases: [string, string][] = [
      ['', 'outcome: required'],
      ['?outcome=retention:90-60', 'outcome: retention:<from>-<to> needs whole days'],
      ['?outcome=retention:60-90&at=March', 'at: "March" is not a date'],
      ['?outcome=retention:60-90&model=nope', 'model: no model "nope"'],
      ['?outcome=event:X&within=0', 'within: must be a whole number'],
      ['?outcome=retention:60-90&penalty=l3', 'penalty: must be l2 or l1'],
    ];
    for (const [query, message] of cases) {
      const res = await get(`/v1/admin/model-health${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json<{ error: string }>().error).toContain(message);
    }
  });
});
