import type { PulseConfig } from '@pulse/core';
import { afterAll, describe, expect, it } from 'vitest';
import { backends, postBatch, startCollector, trackEvent } from '../../../test/support.js';
import { NOW, SAAS_CONFIG } from '../../../../core/test/saas-config.js';
import { createAdminKey } from '../../auth/admin-keys.js';
import type { Collector } from '../../create-collector.js';

const all = backends();
afterAll(async () => {
  for (const b of all) await b.cleanup();
});

const withWeight = (weight: number): PulseConfig => {
  const next = structuredClone(SAAS_CONFIG);
  next.models![0]!.signals[0]!.weight = weight;
  return next;
};

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

function client(c: Collector, key = c.secretKey) {
  const json = { 'content-type': 'application/json' };
  return {
    get: (url: string) => c.app.inject({ url, headers: bearer(key) }),
    put: (config: unknown, ifMatch?: string) =>
      c.app.inject({
        method: 'PUT',
        url: '/v1/admin/config',
        headers: { ...bearer(key), ...json, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
        payload: JSON.stringify(config),
      }),
    rollback: (version: number, ifMatch?: string) =>
      c.app.inject({
        method: 'POST',
        url: '/v1/admin/config/rollback',
        headers: { ...bearer(key), ...json, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
        payload: JSON.stringify({ version }),
      }),
  };
}

describe.each(all.map((b) => [b.name, b] as const))('config versions on %s', (_name, backend) => {
  const start = () => startCollector(backend, { config: SAAS_CONFIG, now: () => NOW });

  it('answers the whole config with its version as the ETag', async () => {
    const c = await start();
    try {
      const res = await client(c).get('/v1/admin/config');
      expect([res.statusCode, res.headers.etag, res.json()]).toEqual([200, '"1"', SAAS_CONFIG]);
      await client(c).put(withWeight(9));
      expect((await client(c).get('/v1/admin/config')).headers.etag).toBe('"2"');
    } finally {
      await c.close();
    }
  });

  it('refuses a write on a stale If-Match with 412 naming the current version, and writes nothing', async () => {
    const c = await start();
    try {
      const api = client(c);
      expect((await api.put(withWeight(9), '"1"')).statusCode).toBe(200);
      const stale = await api.put(withWeight(1), '"1"');
      expect(stale.statusCode).toBe(412);
      expect(stale.json()).toMatchObject({ currentVersion: 2 });
      expect(stale.json().error).toContain('version 2');
      const staleRollback = await api.rollback(1, '"1"');
      expect([staleRollback.statusCode, staleRollback.json().currentVersion]).toEqual([412, 2]);
      const now = await api.get('/v1/admin/config');
      expect([now.headers.etag, now.json()]).toEqual(['"2"', withWeight(9)]);
      expect((await api.get('/v1/admin/config/versions')).json().versions).toHaveLength(2);
    } finally {
      await c.close();
    }
  });

  it('lets exactly one of two simultaneous writes on the same version through', async () => {
    const c = await start();
    try {
      const api = client(c);
      const answers = await Promise.all([api.put(withWeight(9), '"1"'), api.put(withWeight(3), '"1"')]);
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 412]);
      const winner = answers.find((r) => r.statusCode === 200)!;
      const weight = winner === answers[0] ? 9 : 3;
      expect((await api.get('/v1/admin/config')).json()).toEqual(withWeight(weight));
      expect((await api.get('/v1/admin/config/versions')).json().versions).toHaveLength(2);
    } finally {
      await c.close();
    }
  });

  it('applies a write without If-Match to the current version', async () => {
    const c = await start();
    try {
      await client(c).put(withWeight(9));
      expect((await client(c).put(withWeight(3))).json().version).toBe(3);
    } finally {
      await c.close();
    }
  });

  it('records who stored each version and its diff against the one before', async () => {
    const c = await start();
    try {
      const { key } = await createAdminKey(c.store, 'editor', 'Growth laptop', NOW);
      expect((await client(c, key).put(withWeight(9), '"1"')).statusCode).toBe(200);
      const detail = (await client(c).get('/v1/admin/config/versions/2')).json();
      const signal = SAAS_CONFIG.models![0]!.signals[0]!;
      expect(detail).toMatchObject({ version: 2, actor: 'Growth laptop', rollbackOf: null, config: withWeight(9) });
      expect(detail.diff).toEqual([
        {
          path: ['models', SAAS_CONFIG.models![0]!.id, 'signals', signal.id, 'weight'],
          before: signal.weight,
          after: 9,
        },
      ]);
      const list = (await client(c).get('/v1/admin/config/versions')).json();
      expect(list.versions.map((v: { version: number; changes: number }) => [v.version, v.changes])).toEqual([
        [2, 1],
        [1, Object.keys(SAAS_CONFIG).length],
      ]);
    } finally {
      await c.close();
    }
  });

  it('rolls back to exactly the old config, as a new version, and rescores', async () => {
    const c = await start();
    try {
      const api = client(c);
      await postBatch(c, [trackEvent({ userId: 'u1' })]);
      await api.put(withWeight(40));
      const res = await api.rollback(1, '"2"');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ version: 3, rescored: { users: 1 } });
      expect(res.headers.etag).toBe('"3"');
      const restored = await api.get('/v1/admin/config');
      expect(JSON.stringify(restored.json())).toBe(JSON.stringify(SAAS_CONFIG));
      expect(c.config()).toEqual(SAAS_CONFIG);
      const v3 = (await api.get('/v1/admin/config/versions/3')).json();
      expect([v3.rollbackOf, v3.actor, v3.diff[0].before, v3.diff[0].after]).toEqual([1, 'owner secret key', 40, 4]);
      const state = await c.app.inject({ url: '/v1/users/u1/state', headers: bearer(c.secretKey) });
      expect(state.json().contributions[0].points).toBe(SAAS_CONFIG.models![0]!.signals[0]!.weight);
    } finally {
      await c.close();
    }
  });

  it('answers 404 for a version that does not exist', async () => {
    const c = await start();
    try {
      expect((await client(c).get('/v1/admin/config/versions/7')).statusCode).toBe(404);
      expect((await client(c).rollback(7)).statusCode).toBe(404);
      expect((await client(c).get('/v1/admin/config')).headers.etag).toBe('"1"');
    } finally {
      await c.close();
    }
  });

  it('pages the list newest first', async () => {
    const c = await start();
    try {
      for (const w of [2, 3, 5, 6]) await client(c).put(withWeight(w));
      const first = (await client(c).get('/v1/admin/config/versions?limit=2')).json();
      expect([first.versions.map((v: { version: number }) => v.version), first.next]).toEqual([[5, 4], 4]);
      const second = (await client(c).get(`/v1/admin/config/versions?limit=2&before=${first.next}`)).json();
      const last = (await client(c).get(`/v1/admin/config/versions?limit=2&before=${second.next}`)).json();
      expect([second.versions.map((v: { version: number }) => v.version), last]).toEqual([
        [3, 2],
        { versions: [expect.objectContaining({ version: 1 })], next: null },
      ]);
    } finally {
      await c.close();
    }
  });
});
