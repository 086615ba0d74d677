import { afterAll, describe, expect, it } from 'vitest';
import { backends, startCollector } from '../../../test/support.js';
import { NOW, SAAS_CONFIG } from '../../../../core/test/saas-config.js';
import { hashKey } from '../../auth/admin-keys.js';
import type { Collector } from '../../create-collector.js';

const all = backends();
afterAll(async () => {
  for (const b of all) await b.cleanup();
});

const as = (c: Collector, key: string, method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
  c.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });

describe.each(all.map((b) => [b.name, b] as const))('admin keys on %s', (_name, backend) => {
  const start = () => startCollector(backend, { config: SAAS_CONFIG, now: () => NOW });

  it('shows a new key once and stores only its SHA-256 hash', async () => {
    const c = await start();
    try {
      const res = await as(c, c.secretKey, 'POST', '/v1/admin/keys', { role: 'editor', label: ' Growth laptop ' });
      expect(res.statusCode).toBe(201);
      const created = res.json();
      expect(created).toMatchObject({ role: 'editor', label: 'Growth laptop', lastUsedAt: null });
      expect(created.key).toMatch(/^ak_[A-Za-z0-9_-]{43}$/);
      const listed = await as(c, c.secretKey, 'GET', '/v1/admin/keys');
      expect(listed.body).not.toContain(created.key);
      const [stored] = await c.store.listAdminKeys();
      expect(stored).toMatchObject({ id: created.id, hash: hashKey(created.key) });
      expect(JSON.stringify(await c.store.listAdminKeys())).not.toContain(created.key.slice(3));
    } finally {
      await c.close();
    }
  });

  it('answers who a key is, and records its last use', async () => {
    const c = await start();
    try {
      const { key, id } = (
        await as(c, c.secretKey, 'POST', '/v1/admin/keys', { role: 'analyst', label: 'Board' })
      ).json();
      expect((await as(c, key, 'GET', '/v1/admin/me')).json()).toEqual({
        role: 'analyst',
        label: 'Board',
        keyId: id,
        permissions: ['read'],
      });
      await expect.poll(async () => (await c.store.listAdminKeys())[0]!.lastUsedAt).toBe(NOW);
      expect((await as(c, c.secretKey, 'GET', '/v1/admin/me')).json()).toMatchObject({
        role: 'owner',
        keyId: null,
        permissions: ['read', 'config:write', 'users:erase', 'keys:manage'],
      });
    } finally {
      await c.close();
    }
  });

  it('refuses a revoked key at once', async () => {
    const c = await start();
    try {
      const { key, id } = (await as(c, c.secretKey, 'POST', '/v1/admin/keys', { role: 'owner', label: 'Ops' })).json();
      expect((await as(c, key, 'GET', '/v1/admin/keys')).statusCode).toBe(200);
      expect((await as(c, key, 'DELETE', `/v1/admin/keys/${id}`)).json()).toEqual({ id, revoked: true });
      expect((await as(c, key, 'GET', '/v1/admin/me')).statusCode).toBe(401);
      expect((await as(c, c.secretKey, 'DELETE', `/v1/admin/keys/${id}`)).statusCode).toBe(404);
    } finally {
      await c.close();
    }
  });

  it('refuses a key without a role or label, naming the field', async () => {
    const c = await start();
    try {
      const noRole = await as(c, c.secretKey, 'POST', '/v1/admin/keys', { role: 'admin', label: 'x' });
      const blank = await as(c, c.secretKey, 'POST', '/v1/admin/keys', { role: 'editor', label: '  ' });
      expect([noRole.statusCode, blank.statusCode]).toEqual([400, 400]);
      expect(noRole.json().error).toContain('role');
      expect(blank.json().error).toContain('label');
      expect(await c.store.listAdminKeys()).toEqual([]);
    } finally {
      await c.close();
    }
  });
});
