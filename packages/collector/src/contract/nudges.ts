import type { Nudge } from '@pulse/core';
import { Type, type Static } from 'typebox';
import { passThrough } from './common.js';

// `/v1/admin/nudges/…` (the nudge editor's API) and `GET /v1/preview/nudge`.

/**
 * A nudge as in `pulse.config.json` (checked by core's `validateConfig`, every issue by path).
 *
 * @example
 * const n: NudgeBody = { id: 'invite-nudge', placement: 'banner', trigger: { segment: 'trial' }, variants, goal };
 */
export const NudgeBody = passThrough<Nudge>(
  'A nudge (docs/experiments.md): placement, trigger, variants, goal, frequency',
  {
    id: Type.String(),
    placement: Type.String(),
    trigger: Type.Record(Type.String(), Type.Unknown()),
    variants: Type.Array(Type.Record(Type.String(), Type.Unknown())),
    goal: Type.Record(Type.String(), Type.Unknown()),
  },
);
export type NudgeBody = Static<typeof NudgeBody>;

/** `{id}` of the nudge routes. */
export const NudgeParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_.-]{1,64}$' }) });
export type NudgeParams = Static<typeof NudgeParams>;

/** `PUT /v1/admin/nudges/{id}?restart=true`: acknowledges that a started experiment restarts. */
export const NudgeSaveQuery = Type.Object({
  restart: Type.Optional(
    Type.Boolean({ description: 'Required to change the variants or weights of a started experiment' }),
  ),
});
export type NudgeSaveQuery = Static<typeof NudgeSaveQuery>;

/**
 * `POST /v1/admin/nudges/{id}/status`.
 *
 * @example
 * const s: StatusChange = { status: 'concluded', winner: 'social' };
 */
export const StatusChange = Type.Object(
  {
    status: Type.Union(['draft', 'running', 'paused', 'concluded', 'stopped'].map((s) => Type.Literal(s))),
    winner: Type.Optional(Type.String({ description: 'With concluded: the variant everyone gets from now on' })),
  },
  { additionalProperties: false },
);
export type StatusChange = Static<typeof StatusChange>;

/**
 * A nudge write's answer: the config version stored and the nudge as stored.
 *
 * @example
 * const a: NudgeWrite = { version: 8, etag: '"8"', nudge };
 */
export const NudgeWrite = Type.Object(
  { version: Type.Integer(), etag: Type.String(), nudge: NudgeBody },
  { description: 'Stored as the next config version; the nudge as stored' },
);
export type NudgeWrite = Static<typeof NudgeWrite>;

/**
 * `POST /v1/admin/nudges/estimate`: the identified users the audience takes in now.
 *
 * @example
 * const e: AudienceEstimate = { eligible: 120, users: 800, excluded: { band: 500 } };
 */
export const AudienceEstimate = Type.Object(
  {
    eligible: Type.Integer(),
    users: Type.Integer(),
    excluded: Type.Record(Type.String(), Type.Integer(), {
      description: 'Users left out, by the first reason (band, too-new, not-in-segment, …)',
    }),
  },
  { description: 'Identified users in the audience now, of all identified users' },
);
export type AudienceEstimate = Static<typeof AudienceEstimate>;

/**
 * `POST /v1/admin/nudges/preview-link`'s body.
 *
 * @example
 * const r: PreviewLinkRequest = { nudge, variant: 'social', minutes: 60 };
 */
export const PreviewLinkRequest = Type.Object(
  {
    nudge: NudgeBody,
    variant: Type.String({ description: 'The variant the link shows (not the control: it shows nothing)' }),
    minutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_080, default: 60 })),
  },
  { additionalProperties: false },
);
export type PreviewLinkRequest = Static<typeof PreviewLinkRequest>;

/**
 * A preview link's token and when it stops working. Add `?pulse_preview=<token>` to any page of the product.
 *
 * @example
 * const l: PreviewLink = { token: 'eyJ…', expiresAt: '2026-12-02T19:00:00.000Z', query: 'pulse_preview=eyJ…' };
 */
export const PreviewLink = Type.Object(
  { token: Type.String(), expiresAt: Type.String(), query: Type.String() },
  { description: 'The signed token, when it stops working, and the query to add to a page of the product' },
);
export type PreviewLink = Static<typeof PreviewLink>;

/** `GET /v1/preview/nudge?token=`: the one nudge this browser previews. */
export const PreviewAnswer = Type.Object(
  { nudge: NudgeBody, expiresAt: Type.String() },
  { description: 'The one variant as a `preview` nudge, for this browser only' },
);
export type PreviewAnswer = Static<typeof PreviewAnswer>;
