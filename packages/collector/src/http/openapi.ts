import { EVENT_TYPES, LIMITS } from '@pulse/core';
import { INGEST_PATHS } from './routes/ingest-routes.js';
import { SOURCE_CONFIG_PATHS } from './routes/source-config-routes.js';

type Doc = Record<string, unknown>;

const json = (schema: Doc): Doc => ({ 'application/json': { schema } });
const error = (description: string): Doc => ({ description, content: json({ $ref: '#/components/schemas/Error' }) });
const ok = (description: string, schema: Doc): Doc => ({ description, content: json(schema) });
const ref = (name: string): Doc => ({ $ref: `#/components/schemas/${name}` });

// A "writeKey" field in the JSON body is accepted too (as Segment clients send
// it); OpenAPI has no security scheme for a body field, so descriptions say so.
const writeKey = [{ basicWriteKey: [] }, { bearerWriteKey: [] }];

function ingestOperation(kind: string): Doc {
  const body = kind === 'batch' ? ref('BatchRequest') : ref('Event');
  return {
    summary: kind === 'batch' ? 'Ingest a batch of events' : `Ingest one ${kind} event`,
    // A backend may send with the secret key: its user ids count as verified.
    // `?writeKey=` is for RudderStack's beacons, which cannot set a header.
    security: [...writeKey, { queryWriteKey: [] }, { secretKey: [] }],
    requestBody: {
      required: true,
      description: `JSON as application/json or text/plain, optionally gzip or deflate. At most ${LIMITS.maxRequestBytes} bytes decoded, ${LIMITS.maxEventBytes} bytes per event, ${LIMITS.maxBatchEvents} events per batch. The write key may also travel as "writeKey" in the body.`,
      content: { 'application/json': { schema: body }, 'text/plain': { schema: body } },
    },
    responses: {
      200: ok('Stored after commit; duplicates acknowledged, bad events listed by index', ref('IngestResponse')),
      400: { description: 'Nothing valid in the request', content: json(ref('IngestError')) },
      401: error('Missing or invalid write key'),
      403: error('Origin not allowed'),
      413: error('Request or batch over the limits'),
      415: error('Unsupported content encoding'),
      429: { ...error('Rate limit exceeded'), headers: { 'Retry-After': { schema: { type: 'integer' } } } },
    },
  };
}

function ingestPaths(): Doc {
  const paths: Doc = {};
  for (const [kind, list] of Object.entries(INGEST_PATHS)) {
    for (const path of list) paths[path] = { post: ingestOperation(kind) };
  }
  return paths;
}

const schemas: Doc = {
  Error: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
  Event: {
    type: 'object',
    required: ['type', 'messageId'],
    additionalProperties: true,
    properties: {
      type: { enum: [...EVENT_TYPES] },
      messageId: { type: 'string', maxLength: LIMITS.maxMessageIdLength },
      userId: { type: ['string', 'null'] },
      anonymousId: { type: ['string', 'null'] },
      event: { type: 'string' },
      name: { type: 'string' },
      properties: { type: 'object' },
      traits: { type: 'object' },
      groupId: { type: 'string' },
      previousId: { type: 'string' },
      timestamp: { type: 'string', format: 'date-time' },
      originalTimestamp: { type: 'string', format: 'date-time' },
      sentAt: { type: 'string', format: 'date-time' },
      context: { type: 'object' },
      integrations: { type: 'object' },
    },
  },
  BatchRequest: {
    type: 'object',
    required: ['batch'],
    properties: {
      batch: { type: 'array', items: ref('Event'), maxItems: LIMITS.maxBatchEvents },
      context: { type: 'object' },
      integrations: { type: 'object' },
      sentAt: { type: 'string', format: 'date-time' },
      writeKey: { type: 'string' },
    },
  },
  IngestResponse: {
    type: 'object',
    required: ['accepted', 'duplicates', 'rejected'],
    properties: {
      accepted: { type: 'integer' },
      duplicates: { type: 'integer' },
      rejected: {
        type: 'array',
        items: {
          type: 'object',
          required: ['index', 'error'],
          properties: { index: { type: 'integer' }, messageId: { type: 'string' }, error: { type: 'string' } },
        },
      },
    },
  },
  IngestError: { allOf: [ref('Error'), ref('IngestResponse')] },
  UserState: {
    type: 'object',
    description: 'userState() of @pulse/core plus the trend from daily score history',
    required: [
      'userKey',
      'score',
      'band',
      'points',
      'contributions',
      'milestones',
      'nudges',
      'asOf',
      'rollup',
      'trend',
    ],
    properties: {
      trend: {
        type: 'object',
        properties: { score7dAgo: { type: ['integer', 'null'] }, score30dAgo: { type: ['integer', 'null'] } },
      },
    },
    additionalProperties: true,
  },
  Erasure: {
    type: 'object',
    required: ['userId', 'erased'],
    properties: {
      userId: { type: 'string' },
      erased: {
        type: 'object',
        description: 'Rows deleted, by kind',
        properties: Object.fromEntries(
          ['events', 'identities', 'scoreHistory', 'lifecycle', 'memberships', 'links', 'webhooks'].map((k) => [
            k,
            { type: 'integer', minimum: 0 },
          ]),
        ),
      },
    },
  },
  GroupState: {
    type: 'object',
    required: ['groupId', 'memberCount', 'score', 'bands', 'asOf'],
    properties: {
      groupId: { type: 'string' },
      memberCount: { type: 'integer' },
      score: { type: 'number', description: "Mean of the members' scores" },
      bands: { type: 'object', additionalProperties: { type: 'integer' } },
      asOf: { type: 'string', format: 'date-time' },
    },
  },
};

const staticFile = (summary: string): Doc => ({
  get: { summary, responses: { 200: { description: 'The file' }, 404: error('Not built or no such file') } },
});

function adminGet(summary: string, daysParam = false): Doc {
  return {
    get: {
      summary,
      security: [{ secretKey: [] }],
      ...(daysParam
        ? { parameters: [{ name: 'days', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 365 } }] }
        : {}),
      responses: {
        200: ok(summary, { type: 'object' }),
        400: error('Bad query'),
        401: error('Missing or invalid secret key'),
      },
    },
  };
}

/**
 * The OpenAPI 3.1 document served at `/openapi.json`; a test checks that it lists
 * exactly the routes the collector registers.
 *
 * @example
 * const doc = openApiDocument({ staticRoot: false });
 * Object.keys(doc.paths); // ['/v1/batch', '/v1/b', …]
 */
export function openApiDocument(options: { staticRoot: boolean; devTokens?: boolean }): Doc {
  const paths: Doc = {
    ...ingestPaths(),
    '/v1/diagnostics': {
      post: {
        summary: 'Report events a client dropped, by reason',
        security: writeKey,
        requestBody: {
          content: json({
            type: 'object',
            required: ['dropped'],
            properties: {
              writeKey: { type: 'string' },
              dropped: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } },
              library: { type: 'object' },
            },
          }),
        },
        responses: {
          200: ok('Counted', { type: 'object', properties: { recorded: { type: 'integer' } } }),
          400: error('Malformed counts'),
          401: error('Missing or invalid write key'),
          429: error('Rate limit exceeded'),
        },
      },
    },
    '/v1/config': {
      get: {
        summary: 'The public config: models and nudges',
        security: [...writeKey, { queryWriteKey: [] }],
        responses: {
          200: ok('Config', { type: 'object', properties: { models: { type: 'array' }, nudges: { type: 'array' } } }),
          304: { description: 'Not modified (If-None-Match matched the ETag)' },
          401: error('Missing or invalid write key'),
        },
      },
    },
    ...Object.fromEntries(
      SOURCE_CONFIG_PATHS.map((path) => [
        path,
        {
          get: {
            summary: "RudderStack's source config, so its JavaScript SDK can start with configUrl set to the collector",
            security: [...writeKey, { queryWriteKey: [] }],
            responses: {
              200: ok('An enabled source without destinations', { type: 'object' }),
              401: error('Missing or invalid write key'),
            },
          },
        },
      ]),
    ),
    '/v1/admin/config': {
      put: {
        summary: 'Replace the config; every user is rescored from raw events',
        security: [{ secretKey: [] }],
        requestBody: { required: true, content: json({ type: 'object' }) },
        responses: {
          200: ok('Stored and rescored', { type: 'object' }),
          400: error('Invalid config (issues listed by path)'),
          401: error('Missing or invalid secret key'),
        },
      },
    },
    '/v1/users/{userId}/state': {
      get: {
        summary: "A user's authoritative state",
        security: [{ userToken: [] }, { secretKey: [] }],
        parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: ok('State', ref('UserState')), 401: error('Missing or invalid credentials') },
      },
    },
    '/v1/groups/{groupId}/state': {
      get: {
        summary: "A group's score: the mean of its members' scores",
        security: [{ secretKey: [] }],
        parameters: [{ name: 'groupId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: ok('State', ref('GroupState')),
          401: error('Missing or invalid secret key'),
          404: error('No such group'),
        },
      },
    },
    '/v1/admin/overview': adminGet('Users, average score, score histogram and band counts'),
    '/v1/admin/trend': adminGet('Average score and band sizes per day (?days=1–365, default 30)', true),
    '/v1/admin/churn-risk': adminGet('Users whose band dropped in the last ?days (default 7)', true),
    '/v1/admin/funnel': adminGet('Users who completed each milestone'),
    '/v1/admin/users/{userId}': {
      get: {
        summary: "A user's traits, state and latest 50 events",
        security: [{ secretKey: [] }],
        parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: ok('User, with lifecycle: [{ from, to, at }] (model moves, oldest first)', { type: 'object' }),
          401: error('Missing or invalid secret key'),
          404: error('Unknown user'),
        },
      },
      delete: {
        summary:
          "Erase a user: their events (and their linked anonymous ids' events), rollups, score history, lifecycle moves, group memberships, links and pending webhooks",
        security: [{ secretKey: [] }],
        parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: ok('Erased (all counts 0 when nothing was stored)', ref('Erasure')),
          401: error('Missing or invalid secret key'),
        },
      },
    },
    '/v1/admin/model-health': {
      get: {
        summary: 'How well the score predicts an outcome (AUC, rate per band and decile) and a suggested model',
        security: [{ secretKey: [] }],
        parameters: [
          { name: 'outcome', in: 'query', required: true, schema: { type: 'string' }, example: 'retention:60-90' },
          { name: 'at', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'within', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 365 } },
          { name: 'model', in: 'query', schema: { type: 'string' } },
          { name: 'penalty', in: 'query', schema: { type: 'string', enum: ['l2', 'l1'] } },
          { name: 'strength', in: 'query', schema: { type: 'number', minimum: 0 } },
        ],
        responses: {
          200: ok('Calibration report', { type: 'object' }),
          400: error('Bad outcome, date or model'),
          401: error('Missing or invalid secret key'),
        },
      },
    },
    '/v1/experiments': adminGet('Results of every nudge experiment'),
    '/v1/experiments/{nudgeId}/results': {
      get: {
        summary: 'Per variant: exposed, converted, rate, lift vs control with CI, p-value, SRM check, verdict',
        security: [{ secretKey: [] }],
        parameters: [{ name: 'nudgeId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          200: ok('Results', { type: 'object' }),
          401: error('Missing or invalid secret key'),
          404: error('No such nudge'),
        },
      },
    },
    ...(options.devTokens
      ? {
          '/v1/dev/token/{userId}': {
            get: {
              summary: "Development only: a user's identity token",
              parameters: [{ name: 'userId', in: 'path', required: true, schema: { type: 'string' } }],
              responses: { 200: ok('Token', { type: 'object' }) },
            },
          },
        }
      : {}),
    '/healthz': {
      get: {
        summary: 'Liveness and storage check',
        responses: { 200: ok('Healthy', { type: 'object' }), 503: error('Storage unavailable') },
      },
    },
    '/metrics': {
      get: { summary: 'Prometheus metrics', responses: { 200: { description: 'Text exposition format' } } },
    },
    '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
    '/sdk/{path}': staticFile('Browser bundles: pulse.min.js, pulse-tracker.min.js'),
    '/dashboard': { get: { summary: 'Redirects to /dashboard/', responses: { 302: { description: 'Redirect' } } } },
    '/dashboard/{path}': staticFile('The growth dashboard'),
    ...(options.staticRoot ? { '/{path}': staticFile('The --static directory') } : {}),
  };
  return {
    openapi: '3.1.0',
    info: { title: 'Pulse collector', version: '0.1.0' },
    paths,
    components: {
      schemas,
      securitySchemes: {
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
      },
    },
  };
}
