import type { FastifyInstance } from 'fastify';
import type { CollectorContext } from '../../collector-context.js';
import { errorResponse, SECRET_KEY, SECRET_KEY_ERRORS } from '../../contract/common.js';
import { Segment, SegmentBody, SegmentList, SegmentParams } from '../../contract/segments.js';
import { deleteSegment, getSegment, listSegments, putSegment } from '../../users/segments.js';
import { SECRET_KEY_FIRST } from '../route-options.js';

const NOT_FOUND = { 404: errorResponse('No segment with this id') };

/**
 * Saved segments, kept in the config document (secret key):
 * `GET /v1/admin/segments`, `GET/PUT/DELETE /v1/admin/segments/{id}`.
 *
 * @example
 * registerSegmentsRoutes(app, ctx);
 */
export function registerSegmentsRoutes(app: FastifyInstance, ctx: CollectorContext): void {
  const options = (schema: Record<string, unknown>) => ({
    schema: { security: SECRET_KEY, ...schema },
    onRequest: SECRET_KEY_FIRST,
  });

  app.get<{ Reply: SegmentList }>(
    '/v1/admin/segments',
    options({ summary: 'Every saved segment', response: { 200: SegmentList, ...SECRET_KEY_ERRORS } }),
    async () => ({ segments: listSegments(ctx.configs) }),
  );

  app.get<{ Params: SegmentParams; Reply: Segment }>(
    '/v1/admin/segments/:id',
    options({
      summary: 'One saved segment',
      params: SegmentParams,
      response: { 200: Segment, ...NOT_FOUND, ...SECRET_KEY_ERRORS },
    }),
    async (req) => getSegment(ctx.configs, req.params.id),
  );

  app.put<{ Params: SegmentParams; Body: SegmentBody; Reply: Segment }>(
    '/v1/admin/segments/:id',
    options({
      summary: 'Create or replace a saved segment (a new config version)',
      description: 'The filter is validated as the users list reads it; a 400 names each bad parameter.',
      params: SegmentParams,
      body: SegmentBody,
      response: { 200: Segment, 400: errorResponse('A bad name or filter (named)'), ...SECRET_KEY_ERRORS },
    }),
    async (req) => putSegment(ctx.configs, req.params.id, req.body),
  );

  app.delete<{ Params: SegmentParams }>(
    '/v1/admin/segments/:id',
    options({
      summary: 'Delete a saved segment (refused while a nudge targets it)',
      params: SegmentParams,
      response: {
        204: { description: 'Deleted', type: 'null' },
        400: errorResponse('A nudge still targets the segment (named)'),
        ...NOT_FOUND,
        ...SECRET_KEY_ERRORS,
      },
    }),
    async (req, reply) => {
      await deleteSegment(ctx.configs, req.params.id);
      return reply.code(204).send();
    },
  );
}
