import type { FastifySchemaCompiler } from 'fastify';

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
