import type { FastifySchemaCompiler } from 'fastify';
import type { Permission } from '../auth/roles.js';
import { SECRET_KEY, SECRET_KEY_ERRORS } from '../contract/common.js';

/**
 * A validator compiler that accepts everything: for bodies whose schema only
 * documents them. Ingest bodies are checked per event by `normalizeBody` (a
 * batch keeps its valid events), and configs by `validateConfig` (every issue by
 * path); Ajv would refuse the whole body, and its type coercion would rewrite it.
 *
 * @example
 * app.put('/v1/admin/config', { schema: { body: ConfigBody }, validatorCompiler: DOCUMENTED_ONLY }, handler);
 */
export const DOCUMENTED_ONLY: FastifySchemaCompiler<unknown> = () => () => true;

/**
 * The options of an admin route: the permission it needs, and a schema
 * secured by the secret key (or an admin key) whose responses include the
 * secret-key errors (401, 403).
 *
 * @example
 * app.get('/v1/admin/keys', adminRoute('keys:manage', { summary: 'Every admin key', response: { 200: AdminKeyList } }), handler);
 */
export function adminRoute<S extends AdminSchema>(
  permission: Permission,
  schema: S,
): { config: { permission: Permission }; schema: S & { security: typeof SECRET_KEY } } {
  return {
    config: { permission },
    schema: { ...schema, security: SECRET_KEY, response: { ...schema.response, ...SECRET_KEY_ERRORS } },
  };
}

/**
 * What an admin route's schema says besides its security.
 *
 * @example
 * const s: AdminSchema = { summary: 'Who am I', response: { 200: Me } };
 */
export interface AdminSchema {
  summary: string;
  description?: string;
  headers?: unknown;
  params?: unknown;
  querystring?: unknown;
  body?: unknown;
  response: Record<number, unknown>;
}
