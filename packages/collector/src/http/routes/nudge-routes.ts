import type { Nudge } from '@pulse/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { CollectorContext } from '../../collector-context.js';
import { errorResponse, SECRET_KEY, SECRET_KEY_ERRORS } from '../../contract/common.js';
import { InvalidConfig } from '../../contract/config.js';
import {
  AudienceEstimate,
  NudgeBody,
  NudgeParams,
  NudgeSaveQuery,
  NudgeWrite,
  PreviewAnswer,
  PreviewLink,
  PreviewLinkRequest,
  StatusChange,
} from '../../contract/nudges.js';
import type { Permission } from '../../auth/roles.js';
import type { ConfigSnapshot } from '../../config/config-holder.js';
import { PulseError } from '../../errors.js';
import { estimateAudience } from '../../nudges/estimate-audience.js';
import { checkDraft, deleteDraft, saveNudge, setNudgeStatus } from '../../nudges/nudge-changes.js';
import { createPreviewToken, previewNudge, readPreviewToken } from '../../nudges/preview-token.js';
import { ifMatchVersion, versionEtag } from '../if-match.js';
import { principalOf } from '../permissions.js';
import { DOCUMENTED_ONLY } from '../route-options.js';
import { CONFIG_WRITE_SCHEMA } from './config-version-routes.js';

const NOT_FOUND = { 404: errorResponse('No nudge with this id') };
const CONFLICT = { 409: errorResponse('A move the lifecycle does not allow, or a restart not acknowledged') };

function answer(snapshot: ConfigSnapshot, id: string): NudgeWrite {
  const nudge = (snapshot.document.nudges ?? []).find((n) => n.id === id) as Nudge;
  return { version: snapshot.version, etag: versionEtag(snapshot.version), nudge };
}

/**
 * The nudge editor's API, every write a config version with If-Match:
 * `PUT /v1/admin/nudges/{id}` (create as a draft or edit), `POST …/{id}/status`
 * (draft → running ⇄ paused → concluded or stopped), `DELETE …/{id}` (drafts),
 * `POST /v1/admin/nudges/estimate` (eligible users now), `POST
 * /v1/admin/nudges/preview-link` (a signed, expiring token) and the public
 * `GET /v1/preview/nudge?token=` the tracker reads for a preview.
 *
 * @example
 * registerNudgeRoutes(app, ctx);
 */
export function registerNudgeRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  const admin = (schema: Record<string, unknown>, permission: Permission) => ({
    schema: { security: SECRET_KEY, ...schema },
    config: { permission },
  });
  const writeOptions = (req: { headers: Record<string, unknown>; credentials?: unknown }) => ({
    actor: principalOf(req.credentials as never).label,
    ifMatch: ifMatchVersion(req.headers['if-match'] as string | undefined),
    now: ctx.now(),
  });

  app.put<{ Params: NudgeParams; Querystring: NudgeSaveQuery; Body: Nudge; Reply: NudgeWrite }>(
    '/v1/admin/nudges/:id',
    {
      ...admin(
        {
          summary: 'Create a nudge (as a draft) or edit one; a new config version',
          description:
            'The lifecycle fields stay as they are (change them with …/status). Changing the variants or weights of a started experiment reshuffles assignment and restarts the analysis: it needs `?restart=true`, and records `restartedAt`.',
          params: NudgeParams,
          querystring: NudgeSaveQuery,
          headers: CONFIG_WRITE_SCHEMA.headers,
          body: NudgeBody,
          response: {
            200: NudgeWrite,
            400: InvalidConfig,
            ...CONFLICT,
            ...CONFIG_WRITE_SCHEMA.stale,
            ...SECRET_KEY_ERRORS,
          },
        },
        'config:write',
      ),
      // The nudge is checked by validateConfig (every issue by path); Ajv would stop at the first.
      validatorCompiler: DOCUMENTED_ONLY,
    },
    async (req, reply) => {
      const body = req.body as unknown;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new PulseError('invalid', 'body: must be a nudge object');
      }
      const nudge = { ...(body as Nudge), id: req.params.id };
      const restart = String(req.query.restart ?? false);
      if (restart !== 'true' && restart !== 'false') throw new PulseError('invalid', 'restart: must be true or false');
      const snapshot = await saveNudge(ctx.configs, nudge, { ...writeOptions(req), restart: restart === 'true' });
      reply.header('etag', versionEtag(snapshot.version));
      return answer(snapshot, nudge.id);
    },
  );

  app.post<{ Params: NudgeParams; Body: StatusChange; Reply: NudgeWrite }>(
    '/v1/admin/nudges/:id/status',
    admin(
      {
        summary: 'Launch, pause, resume, conclude (with the winner) or stop a nudge experiment',
        params: NudgeParams,
        headers: CONFIG_WRITE_SCHEMA.headers,
        body: StatusChange,
        response: {
          200: NudgeWrite,
          400: errorResponse('A winner that is not a variant'),
          ...NOT_FOUND,
          ...CONFLICT,
          ...CONFIG_WRITE_SCHEMA.stale,
          ...SECRET_KEY_ERRORS,
        },
      },
      'config:write',
    ),
    async (req, reply) => {
      const snapshot = await setNudgeStatus(ctx.configs, req.params.id, req.body, writeOptions(req));
      reply.header('etag', versionEtag(snapshot.version));
      return answer(snapshot, req.params.id);
    },
  );

  app.delete<{ Params: NudgeParams }>(
    '/v1/admin/nudges/:id',
    admin(
      {
        summary: 'Delete a draft nudge (a started one is stopped instead, so its results stay)',
        params: NudgeParams,
        headers: CONFIG_WRITE_SCHEMA.headers,
        response: {
          204: { description: 'Deleted', type: 'null' },
          ...NOT_FOUND,
          ...CONFLICT,
          ...CONFIG_WRITE_SCHEMA.stale,
          ...SECRET_KEY_ERRORS,
        },
      },
      'config:write',
    ),
    async (req, reply) => {
      const snapshot = await deleteDraft(ctx.configs, req.params.id, writeOptions(req));
      reply.header('etag', versionEtag(snapshot.version));
      return reply.code(204).send();
    },
  );

  app.post<{ Body: { nudge: Nudge }; Reply: AudienceEstimate }>(
    '/v1/admin/nudges/estimate',
    admin(
      {
        summary: 'How many identified users a draft nudge would reach now (nothing is written)',
        body: Type.Object({ nudge: NudgeBody }, { additionalProperties: false }),
        response: { 200: AudienceEstimate, 400: InvalidConfig, ...SECRET_KEY_ERRORS },
      },
      'read',
    ),
    async (req) => {
      checkDraft(ctx.configs.current().document, req.body.nudge);
      return estimateAudience(ctx, req.body.nudge);
    },
  );

  app.post<{ Body: PreviewLinkRequest; Reply: PreviewLink }>(
    '/v1/admin/nudges/preview-link',
    admin(
      {
        summary: 'A signed, expiring token that shows a draft nudge in the product to one browser',
        description:
          'Open any page of the product with `?pulse_preview=<token>`: the tracker there fetches the draft and the widget shows the variant to that browser only, recording no events. HMAC-SHA256 with the project secret key; the draft travels in the token.',
        body: PreviewLinkRequest,
        response: { 200: PreviewLink, 400: InvalidConfig, ...SECRET_KEY_ERRORS },
      },
      'config:write',
    ),
    async (req) => {
      const { nudge, variant, minutes = 60 } = req.body;
      checkDraft(ctx.configs.current().document, nudge);
      const chosen = nudge.variants.find((v) => v.id === variant);
      if (chosen === undefined)
        throw new PulseError('invalid', `variant: "${variant}" is not one of the nudge's variants`);
      if (chosen.content === null) {
        throw new PulseError(
          'invalid',
          `variant: "${variant}" is the control, which shows nothing; preview another variant`,
        );
      }
      const expiresAt = ctx.now() + minutes * 60_000;
      const token = createPreviewToken(ctx.secretKey, { nudge, variant, expiresAt });
      return { token, expiresAt: new Date(expiresAt).toISOString(), query: `pulse_preview=${token}` };
    },
  );

  app.get<{ Querystring: { token?: string }; Reply: PreviewAnswer }>(
    '/v1/preview/nudge',
    {
      schema: {
        summary: 'The draft nudge a preview link shows (the token is the credential)',
        // No token is a missing credential (401), as a missing key is on the other read routes.
        querystring: Type.Object({ token: Type.Optional(Type.String({ maxLength: 16_384 })) }),
        response: { 200: PreviewAnswer, 401: errorResponse('A forged, altered or expired token (said which)') },
      },
    },
    async (req, reply) => {
      const { token } = req.query;
      if (token === undefined)
        throw new PulseError('unauthorized', 'token: required (the pulse_preview token of a preview link)');
      const payload = readPreviewToken(ctx.secretKey, token, ctx.now());
      reply.header('cache-control', 'no-store');
      return { nudge: previewNudge(payload), expiresAt: new Date(payload.expiresAt).toISOString() };
    },
  );
}
