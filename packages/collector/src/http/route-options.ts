import type { FastifySchemaCompiler, onRequestHookHandler } from 'fastify';
import { requireSecretKey } from '../auth/credentials.js';

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
 * An `onRequest` hook that requires the secret key, so a caller without it
 * gets 401 before the query is validated (and learns nothing from a 400).
 *
 * @example
 * app.get('/v1/experiments', { onRequest: SECRET_KEY_FIRST, schema }, handler);
 */
export const SECRET_KEY_FIRST: onRequestHookHandler = async (req) => {
  requireSecretKey(req.credentials);
};
