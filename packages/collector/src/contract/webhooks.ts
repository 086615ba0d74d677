import { Type, type Static } from 'typebox';
import { nullable } from './common.js';

// The webhook payloads (docs/collector.md "Webhooks"), listed under `webhooks` in /openapi.json.

const common = {
  id: Type.String({ description: 'Unique per delivery; the same on every retry (x-pulse-delivery)' }),
  occurredAt: Type.String({ format: 'date-time' }),
};

/**
 * `user.band_changed`: a user's band changed in one score.
 *
 * @example
 * const p: UserBandChanged = { id: '7d6c…', type: 'user.band_changed', userId: '42', scoreId: 'engagement', from: 'medium', to: 'low', score: 28, modelId: 'saas', occurredAt: '…' };
 */
export const UserBandChanged = Type.Object(
  {
    ...common,
    type: Type.Literal('user.band_changed'),
    userId: Type.String(),
    scoreId: Type.String(),
    from: Type.String(),
    to: Type.String(),
    score: Type.Integer(),
    modelId: Type.String(),
  },
  { description: "A user's band changed" },
);
export type UserBandChanged = Static<typeof UserBandChanged>;

/**
 * `segment.entered` / `segment.left`: a user came into or went out of a saved segment.
 *
 * @example
 * const p: SegmentChanged = { id: '0b1e…', type: 'segment.entered', userId: '42', segmentId: 'trial-falling', segmentName: 'Trial users, falling', score: 31, band: 'low', occurredAt: '…' };
 */
export const SegmentChanged = Type.Object(
  {
    ...common,
    type: Type.Union([Type.Literal('segment.entered'), Type.Literal('segment.left')]),
    userId: Type.String(),
    segmentId: Type.String(),
    segmentName: Type.String(),
    score: nullable(Type.Integer({ description: "The default score's" })),
    band: nullable(Type.String()),
  },
  { description: 'A user entered or left a saved segment' },
);
export type SegmentChanged = Static<typeof SegmentChanged>;

/**
 * `account.band_changed`: an account's aggregated score crossed into another band.
 *
 * @example
 * const p: AccountBandChanged = { id: '5a9f…', type: 'account.band_changed', accountId: 'acme', scoreId: 'engagement', from: 'medium', to: 'high', score: 70, size: 4, occurredAt: '…' };
 */
export const AccountBandChanged = Type.Object(
  {
    ...common,
    type: Type.Literal('account.band_changed'),
    accountId: Type.String(),
    scoreId: Type.String(),
    from: Type.String(),
    to: Type.String(),
    score: Type.Integer(),
    size: Type.Integer({ description: 'Scored members the score is made of' }),
  },
  { description: "An account's band changed" },
);
export type AccountBandChanged = Static<typeof AccountBandChanged>;

const HEADERS = 'Signed: x-pulse-signature = sha256=<hex HMAC-SHA256(secretKey, x-pulse-timestamp + "." + body)>';

const operation = (summary: string, schema: unknown) => ({
  post: {
    summary,
    description: HEADERS,
    requestBody: { required: true, content: { 'application/json': { schema } } },
    responses: { '200': { description: 'Any 2xx completes the delivery; 408, 429 and 5xx are retried' } },
  },
});

/**
 * The OpenAPI 3.1 `webhooks` object: each delivery by its `x-pulse-event`.
 *
 * @example
 * const doc = { ...openapi, webhooks: WEBHOOK_OPERATIONS };
 */
export const WEBHOOK_OPERATIONS = {
  'user.band_changed': operation("A user's band changed", UserBandChanged),
  'segment.entered': operation('A user entered a saved segment', SegmentChanged),
  'segment.left': operation('A user left a saved segment', SegmentChanged),
  'account.band_changed': operation("An account's band changed", AccountBandChanged),
};
