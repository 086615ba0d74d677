import { Type, type Static } from 'typebox';

// `GET /v1/admin/segments`, `GET/PUT/DELETE /v1/admin/segments/{id}`.

/**
 * A saved segment: a named filter in the users list's language (the query
 * parameters of `GET /v1/admin/users`, without sort and page). Segments live in
 * the config document (`segments`), so they are versioned with it.
 *
 * @example
 * const s: Segment = { id: 'trial-falling', name: 'Trial users with a falling score', filter: { 'trait.plan': 'trial', bandChangedSince: '-7d', bandDirection: 'down' } };
 */
export const Segment = Type.Object(
  {
    id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    filter: Type.Record(Type.String(), Type.String(), { description: 'Filter parameters, as in the users list' }),
  },
  { description: 'A saved segment' },
);
export type Segment = Static<typeof Segment>;

/**
 * `PUT /v1/admin/segments/{id}`'s body (the id is the path's).
 *
 * @example
 * const b: SegmentBody = { name: 'At risk', filter: { band: 'low' } };
 */
export const SegmentBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    filter: Type.Record(Type.String(), Type.String()),
  },
  { additionalProperties: false },
);
export type SegmentBody = Static<typeof SegmentBody>;

/**
 * `GET /v1/admin/segments`: every saved segment, in config order.
 *
 * @example
 * const l: SegmentList = { segments: [] };
 */
export const SegmentList = Type.Object({ segments: Type.Array(Segment) }, { description: 'Saved segments' });
export type SegmentList = Static<typeof SegmentList>;

/**
 * `:id` of a segment in a path.
 *
 * @example
 * const schema = { params: SegmentParams };
 */
export const SegmentParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) });
export type SegmentParams = Static<typeof SegmentParams>;
