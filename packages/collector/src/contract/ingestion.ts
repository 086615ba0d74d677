import { Type, type Static } from 'typebox';

/**
 * `GET /v1/admin/ingestion`: how far the workers are behind the event log
 * (`log: false` when the collector commits directly, with nothing ever behind).
 *
 * @example
 * const i: IngestionStatus = { log: true, behind: 12, partitions: [{ partition: 3, behind: 12, worker: 'w1' }] };
 */
export const IngestionStatus = Type.Object(
  {
    log: Type.Boolean({ description: 'Ingestion goes through the event log (pulse serve --log)' }),
    behind: Type.Integer({ description: 'Request batches accepted but not yet applied to scores, in all' }),
    partitions: Type.Array(
      Type.Object({
        partition: Type.Integer(),
        behind: Type.Integer(),
        worker: Type.Union([Type.String(), Type.Null()], { description: 'The worker holding the lease, if any' }),
      }),
    ),
  },
  { description: 'Ingestion lag' },
);
export type IngestionStatus = Static<typeof IngestionStatus>;
