import fastifySwagger from '@fastify/swagger';
import { isRecord } from '@pulse/core';
import type { FastifyInstance } from 'fastify';
import { WEBHOOK_OPERATIONS } from '../contract/webhooks.js';

const SECURITY_SCHEMES = {
  basicWriteKey: { type: 'http', scheme: 'basic', description: 'Write key as the user, empty password' },
  bearerWriteKey: { type: 'http', scheme: 'bearer', description: 'Write key' },
  queryWriteKey: { type: 'apiKey', in: 'query', name: 'writeKey' },
  secretKey: { type: 'http', scheme: 'bearer', description: 'Secret key' },
  userToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Pulse-User-Token',
    description: 'hex HMAC-SHA256(secretKey, userId)',
  },
} as const;

// JSON Schema draft 7 (what Fastify's Ajv and TypeBox speak) writes a tuple as
// `items: [...]`; OpenAPI 3.1 (JSON Schema 2020-12) as `prefixItems`.
function toOpenApi31(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toOpenApi31);
  if (!isRecord(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'items' && Array.isArray(value)) out.prefixItems = toOpenApi31(value);
    else if (key === 'additionalItems') out.items = value;
    else out[key] = toOpenApi31(value);
  }
  return out;
}

/**
 * Generates `/openapi.json` from the routes' schemas (`@fastify/swagger`):
 * every route registered after this call is in the document, with its
 * `summary`, `security`, parameters, body and responses. A wildcard path
 * (`/sdk/*`) is documented as `{path}`. Register it before the routes.
 *
 * @example
 * await registerOpenApi(app);
 * // … routes …
 * app.swagger(); // → { openapi: '3.1.0', paths: { '/v1/batch': … } }
 */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Pulse collector',
        version: '0.1.0',
        description: 'Every error is JSON, `{ "error": "<what was wrong>", … }` (docs/api.md).',
      },
      components: { securitySchemes: SECURITY_SCHEMES },
    },
    transform: ({ schema, url }) => {
      if (!url.endsWith('*')) return { schema, url };
      const { params: _wildcard, ...rest } = (schema ?? {}) as Record<string, unknown>;
      return {
        schema: { ...rest, params: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] } },
        url: `${url.slice(0, -1)}{path}`,
      };
    },
    transformObject: (doc) =>
      'openapiObject' in doc
        ? ({
            ...(toOpenApi31(doc.openapiObject) as Record<string, unknown>),
            webhooks: toOpenApi31(WEBHOOK_OPERATIONS),
          } as typeof doc.openapiObject)
        : doc.swaggerObject,
  });
}

/**
 * The OpenAPI 3.1 document of an app built by `buildApp`, as `/openapi.json` serves it.
 *
 * @example
 * Object.keys(openApiDocument(collector.app).paths); // ['/v1/batch', '/v1/b', …]
 */
export function openApiDocument(app: FastifyInstance): { paths: Record<string, Record<string, unknown>> } {
  return app.swagger() as { paths: Record<string, Record<string, unknown>> };
}
