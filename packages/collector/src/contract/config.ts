import type { NormalizedConfig, PulseConfig } from '@pulse/core';
import { Type, type Static } from 'typebox';
import { passThrough } from './common.js';

// `GET /v1/config` and `PUT /v1/admin/config`.

/**
 * A whole `pulse.config.json` (validated by core's `validateConfig`, which
 * answers every issue by path).
 *
 * @example
 * const c: ConfigBody = { models: [model], nudges: [] };
 */
export const ConfigBody = passThrough<PulseConfig>(
  'A whole pulse.config.json: scores (or the single-score models), nudges, allowedOrigins, retention (docs/scoring.md)',
  {
    models: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
    scores: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
    defaultScore: Type.Optional(Type.String()),
    nudges: Type.Optional(Type.Array(Type.Record(Type.String(), Type.Unknown()))),
    allowedOrigins: Type.Optional(Type.Array(Type.String())),
    retention: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
);
export type ConfigBody = Static<typeof ConfigBody>;

/**
 * `GET /v1/config`: the public part of the config, never `allowedOrigins`.
 *
 * @example
 * const c: PublicConfig = await (await fetch('/v1/config?writeKey=pk_…')).json();
 */
export const PublicConfig = passThrough<Pick<NormalizedConfig, 'models' | 'scores' | 'defaultScore' | 'nudges'>>(
  'Every score with its models, the default score, and nudges',
  {
    models: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
      description: "The default score's models (what trackers from before several scores read)",
    }),
    scores: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
      description: 'Every score: { id, label, direction, models } (actions moved to nudges)',
    }),
    defaultScore: Type.String(),
    nudges: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  },
);
export type PublicConfig = Static<typeof PublicConfig>;

/**
 * `PUT /v1/admin/config`'s answer: the version stored and what rescoring did.
 *
 * @example
 * const r: ConfigUpdate = { version: 2, etag: '"…"', rescored: { users: 120, events: 5400, bandChanges: 3, modelChanges: 0 } };
 */
export const ConfigUpdate = Type.Object(
  {
    version: Type.Integer(),
    etag: Type.String(),
    rescored: Type.Object(
      { users: Type.Integer(), events: Type.Integer(), bandChanges: Type.Integer(), modelChanges: Type.Integer() },
      { additionalProperties: true },
    ),
  },
  { description: 'Stored as the next version; every user rescored from raw events' },
);
export type ConfigUpdate = Static<typeof ConfigUpdate>;

/**
 * The 400 of an invalid config: every issue, by path.
 *
 * @example
 * const e: InvalidConfig = { error: 'invalid config', issues: [{ path: 'models[0].windowDays', message: 'must be > 0' }] };
 */
export const InvalidConfig = Type.Object(
  {
    error: Type.String(),
    issues: Type.Optional(Type.Array(Type.Object({ path: Type.String(), message: Type.String() }))),
  },
  { additionalProperties: true, description: 'Invalid config (issues listed by path) or a bad body' },
);
export type InvalidConfig = Static<typeof InvalidConfig>;
