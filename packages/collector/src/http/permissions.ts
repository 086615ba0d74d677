import type { FastifyInstance, RouteOptions } from 'fastify';
import { ADMIN_KEY_PREFIX, resolveAdminKey, SECRET_KEY_PRINCIPAL, type Principal } from '../auth/admin-keys.js';
import { can, type Permission } from '../auth/roles.js';
import type { CollectorContext } from '../collector-context.js';
import { PulseError } from '../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The permission an admin route requires (see `installPermissions`). */
    permission?: Permission;
    /** What the check applies: `permission`, or the owner alone for an admin route that declares none. */
    pulseRequires?: Permission | 'owner';
  }
}

/**
 * An admin route and the permission it declared (null: none, so only owners pass).
 *
 * @example
 * const r: AdminRoute = { method: 'PUT', url: '/v1/admin/config', permission: 'config:write' };
 */
export interface AdminRoute {
  method: string;
  url: string;
  permission: Permission | null;
}

const isSecretKeyOnly = (security: unknown): boolean =>
  Array.isArray(security) &&
  security.length > 0 &&
  security.every((s) => typeof s === 'object' && s !== null && Object.keys(s).join() === 'secretKey');

/**
 * True for a route under `/v1/admin/` or whose only way in is the secret key.
 *
 * @example
 * isAdminRoute({ url: '/v1/experiments', schema: { security: [{ secretKey: [] }] } }); // → true
 */
export function isAdminRoute(route: Pick<RouteOptions, 'url' | 'schema'>): boolean {
  return route.url.startsWith('/v1/admin/') || isSecretKeyOnly((route.schema as { security?: unknown })?.security);
}

function authorize(
  principal: Principal | null | undefined,
  bearer: string | undefined,
  needs: Permission | 'owner',
): void {
  if (principal === null || principal === undefined) {
    throw new PulseError(
      'unauthorized',
      bearer === undefined
        ? 'missing key: send "Authorization: Bearer <secret key or admin key>"'
        : 'invalid key: not the secret key nor an admin key (revoked keys stop working at once)',
    );
  }
  const allowed = needs === 'owner' ? principal.role === 'owner' : can(principal.role, needs);
  if (allowed) return;
  const missing = needs === 'owner' ? 'owner' : needs;
  throw new PulseError(
    'forbidden',
    `forbidden: the ${principal.role} key "${principal.label}" lacks the permission "${missing}"`,
    { details: { missingPermission: missing, role: principal.role } },
  );
}

/**
 * Every admin route declares `config: { permission }`; this checks it before
 * anything else of the request (so a caller without the right learns nothing
 * from a 400): 401 without a valid key, 403 naming the missing permission.
 * The Bearer key is the secret key (an owner) or an admin key looked up by its
 * hash; `request.credentials.principal` says who it is. An admin route that
 * declares no permission is for owners only (and fails the route test).
 *
 * @example
 * installPermissions(app, ctx);
 * app.get('/v1/admin/overview', { config: { permission: 'read' } }, handler);
 */
export function installPermissions(app: FastifyInstance, ctx: CollectorContext): void {
  const routes: AdminRoute[] = [];
  app.decorate('pulseAdminRoutes', routes);
  app.addHook('onRoute', (route) => {
    if (!isAdminRoute(route)) return;
    const permission = route.config?.permission ?? null;
    route.config = { ...route.config, pulseRequires: permission ?? 'owner' };
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, permission });
  });
  app.addHook('onRequest', async (req) => {
    const { bearer, proof } = req.credentials;
    if (proof.trusted) req.credentials.principal = SECRET_KEY_PRINCIPAL;
    else if (bearer?.startsWith(ADMIN_KEY_PREFIX)) {
      req.credentials.principal = await resolveAdminKey(ctx.store, bearer, ctx.now());
    }
    const needs = req.routeOptions.config?.pulseRequires;
    if (needs !== undefined) authorize(req.credentials.principal, bearer, needs);
  });
}

/**
 * The admin routes an app registered, with their declared permissions.
 *
 * @example
 * adminRoutesOf(app).filter((r) => r.permission === null); // → [] when every route declares one
 */
export function adminRoutesOf(app: FastifyInstance): AdminRoute[] {
  return (app as FastifyInstance & { pulseAdminRoutes?: AdminRoute[] }).pulseAdminRoutes ?? [];
}

/**
 * Who the request acts as, for routes behind `installPermissions`.
 *
 * @example
 * const actor = principalOf(req.credentials).label;
 */
export function principalOf(credentials: { principal?: Principal | null }): Principal {
  if (credentials.principal === null || credentials.principal === undefined) {
    throw new PulseError('unauthorized', 'missing key: send "Authorization: Bearer <secret key or admin key>"');
  }
  return credentials.principal;
}
