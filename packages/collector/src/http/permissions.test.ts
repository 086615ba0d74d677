import Fastify from 'fastify';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backends, startCollector } from '../../test/support.js';
import { NOW, SAAS_CONFIG } from '../../../core/test/saas-config.js';
import { createAdminKey, hashKey } from '../auth/admin-keys.js';
import { can, PERMISSIONS } from '../auth/roles.js';
import type { CollectorContext } from '../collector-context.js';
import type { Collector } from '../create-collector.js';
import { ROLES, type AdminKeyRow, type Role } from '../store/admin-store.js';
import { installErrorHandler } from './error-handler.js';
import { installRequestCredentials } from './request-credentials.js';
import { adminRoutesOf, installPermissions } from './permissions.js';

const backend = backends()[0]!;
let c: Collector;
let keys: Record<Role, string>;

beforeEach(async () => {
  c = await startCollector(backend, { config: SAAS_CONFIG, now: () => NOW });
  keys = {} as Record<Role, string>;
  for (const role of ROLES) keys[role] = (await createAdminKey(c.store, role, `${role} key`, NOW)).key;
});
afterEach(() => c.close());
afterAll(() => backend.cleanup());

// A path for the route with every parameter filled; the requests carry empty
// bodies, so an allowed write is refused as invalid (or not found) and changes nothing.
const call = (method: string, url: string, key: string | undefined) =>
  c.app.inject({
    method: method as 'GET',
    url: url.replace(/:[a-zA-Z]+/g, '1'),
    headers: {
      ...(key === undefined ? {} : { authorization: `Bearer ${key}` }),
      ...(method === 'GET' || method === 'HEAD' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
    },
    ...(method === 'GET' || method === 'HEAD' || method === 'DELETE' ? {} : { payload: '{}' }),
  });

describe('admin route permissions', () => {
  it('every admin route declares a permission', () => {
    const routes = adminRoutesOf(c.app);
    expect(routes.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        'PUT /v1/admin/config',
        'POST /v1/admin/config/rollback',
        'GET /v1/admin/overview',
        'GET /v1/experiments',
        'DELETE /v1/admin/keys/:id',
      ]),
    );
    expect(routes.filter((r) => r.permission === null)).toEqual([]);
  });

  it('answers 401 on every admin route without a key or with an unknown one', async () => {
    for (const { method, url } of adminRoutesOf(c.app)) {
      expect([method, url, (await call(method, url, undefined)).statusCode]).toEqual([method, url, 401]);
      expect([method, url, (await call(method, url, 'ak_unknown')).statusCode]).toEqual([method, url, 401]);
    }
  });

  it('lets each role call exactly the routes its permissions cover, and names the missing permission', async () => {
    const seen = new Set<string>();
    for (const { method, url, permission } of adminRoutesOf(c.app)) {
      for (const role of ROLES) {
        const res = await call(method, url, keys[role]);
        const allowed = can(role, permission!);
        seen.add(`${role}:${permission}:${allowed}`);
        if (allowed) {
          expect([method, url, role, [401, 403].includes(res.statusCode)]).toEqual([method, url, role, false]);
        } else {
          expect([method, url, role, res.statusCode]).toEqual([method, url, role, 403]);
          if (method !== 'HEAD') expect(res.json()).toMatchObject({ missingPermission: permission, role });
        }
      }
    }
    // The table covered refusals and admissions of every permission.
    for (const p of PERMISSIONS) expect(seen.has(`owner:${p}:true`)).toBe(true);
    expect(seen.has('analyst:config:write:false')).toBe(true);
    expect(seen.has('editor:keys:manage:false')).toBe(true);
  });

  it('lets the secret key do everything, as an owner', async () => {
    for (const { method, url } of adminRoutesOf(c.app)) {
      expect([401, 403]).not.toContain((await call(method, url, c.secretKey)).statusCode);
    }
  });

  it("lets every role read a user's state, as the secret key can, and no unknown key", async () => {
    for (const role of ROLES) expect((await call('GET', '/v1/users/u1/state', keys[role])).statusCode).toBe(200);
    expect((await call('GET', '/v1/users/u1/state', 'ak_unknown')).statusCode).toBe(401);
  });

  it('answers 403 in words that name the role, the key and the permission', async () => {
    const res = await call('PUT', '/v1/admin/config', keys.analyst);
    expect(res.json().error).toBe('forbidden: the analyst key "analyst key" lacks the permission "config:write"');
  });
});

describe('an admin route that declares no permission', () => {
  it('is listed without one and open to owners only', async () => {
    const app = Fastify();
    installErrorHandler(app);
    installRequestCredentials(app, 'sk_x');
    const editor: AdminKeyRow = {
      id: 'k1',
      hash: hashKey('ak_editor'),
      role: 'editor',
      label: 'E',
      createdAt: 0,
      lastUsedAt: 0,
    };
    const store = {
      findAdminKey: async (h: string) => (h === editor.hash ? editor : null),
      touchAdminKey: async () => {},
    };
    installPermissions(app, { store, now: () => 1 } as unknown as CollectorContext);
    app.get('/v1/admin/undeclared', async () => ({ ok: true }));
    await app.ready();
    try {
      expect(adminRoutesOf(app)).toContainEqual({ method: 'GET', url: '/v1/admin/undeclared', permission: null });
      const asEditor = await app.inject({
        url: '/v1/admin/undeclared',
        headers: { authorization: 'Bearer ak_editor' },
      });
      expect([asEditor.statusCode, asEditor.json().missingPermission]).toEqual([403, 'owner']);
      const asOwner = await app.inject({ url: '/v1/admin/undeclared', headers: { authorization: 'Bearer sk_x' } });
      expect(asOwner.statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
