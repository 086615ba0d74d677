import type { FastifyInstance } from 'fastify';
import { createAdminKey } from '../../auth/admin-keys.js';
import { ROLE_PERMISSIONS } from '../../auth/roles.js';
import type { CollectorContext } from '../../collector-context.js';
import { errorResponse } from '../../contract/common.js';
import { adminRoute } from '../route-options.js';
import { AdminKeyList, CreatedAdminKey, KeyIdParams, Me, NewAdminKey, RevokedKey } from '../../contract/keys.js';
import { PulseError } from '../../errors.js';
import type { AdminKeyRow } from '../../store/admin-store.js';
import { principalOf } from '../permissions.js';

const listed = (row: AdminKeyRow) => ({
  id: row.id,
  role: row.role,
  label: row.label,
  createdAt: new Date(row.createdAt).toISOString(),
  lastUsedAt: row.lastUsedAt === null ? null : new Date(row.lastUsedAt).toISOString(),
});

/**
 * Who am I (`GET /v1/admin/me`, every role) and the admin keys (owners only):
 * `POST /v1/admin/keys` creates one and shows it once, `GET /v1/admin/keys`
 * lists them (never the keys), `DELETE /v1/admin/keys/{id}` revokes one at once.
 *
 * @example
 * registerKeyRoutes(app, ctx);
 */
export function registerKeyRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  app.get<{ Reply: Me }>(
    '/v1/admin/me',
    adminRoute('read', {
      summary: "The request's key: its role, label and permissions",
      response: { 200: Me },
    }),
    async (req) => {
      const { role, label, keyId } = principalOf(req.credentials);
      return { role, label, keyId, permissions: [...ROLE_PERMISSIONS[role]] };
    },
  );

  app.post<{ Body: NewAdminKey; Reply: CreatedAdminKey }>(
    '/v1/admin/keys',
    adminRoute('keys:manage', {
      summary: 'Create an admin key with a role and a label; the key is in this answer only',
      body: NewAdminKey,
      response: {
        201: CreatedAdminKey,
        400: errorResponse('role or label missing or invalid'),
      },
    }),
    async (req, reply) => {
      const { key, row } = await createAdminKey(ctx.store, req.body.role, req.body.label.trim(), ctx.now());
      reply.code(201).header('cache-control', 'no-store');
      return { ...listed(row), key };
    },
  );

  app.get<{ Reply: AdminKeyList }>(
    '/v1/admin/keys',
    adminRoute('keys:manage', {
      summary: 'Every admin key, oldest first (role, label, created, last used; never the key)',
      response: { 200: AdminKeyList },
    }),
    async () => ({ keys: (await ctx.store.listAdminKeys()).map(listed) }),
  );

  app.delete<{ Params: KeyIdParams; Reply: RevokedKey }>(
    '/v1/admin/keys/:id',
    adminRoute('keys:manage', {
      summary: 'Revoke an admin key: requests with it are refused from now on',
      params: KeyIdParams,
      response: { 200: RevokedKey, 404: errorResponse('No such key') },
    }),
    async (req) => {
      if (!(await ctx.store.deleteAdminKey(req.params.id))) {
        throw new PulseError('not-found', `id: there is no admin key "${req.params.id}"`);
      }
      return { id: req.params.id, revoked: true as const };
    },
  );
}
