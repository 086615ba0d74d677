import type { PulseConfig } from '@pulse/core';
import { Type, type Static } from 'typebox';
import { nullable, passThrough } from './common.js';

// `GET /v1/admin/config/versions`, `GET /v1/admin/config/versions/{version}`, `POST /v1/admin/config/rollback`.

/**
 * One change between two config versions: where, and the value before and
 * after (no `before`: added; no `after`: removed). In arrays of items with an
 * `id` (models, signals, bands, nudges, variants) the path names the item's id.
 *
 * @example
 * const c: ConfigChange = { path: ['models', 'saas', 'signals', 'invites', 'weight'], before: 5, after: 3 };
 */
export const ConfigChange = Type.Object(
  {
    path: Type.Array(Type.String(), { description: "Field names, and an item's id inside arrays of items with ids" }),
    before: Type.Optional(Type.Unknown({ description: 'The value before (absent: the value was added)' })),
    after: Type.Optional(Type.Unknown({ description: 'The value after (absent: the value was removed)' })),
  },
  { additionalProperties: false },
);
export type ConfigChange = Static<typeof ConfigChange>;

const versionFields = {
  version: Type.Integer({ minimum: 1 }),
  at: Type.String({ format: 'date-time', description: 'When it was stored' }),
  actor: Type.String({
    description: "The label of the key that stored it (or 'config file (--config)', 'default config')",
  }),
  rollbackOf: nullable(Type.Integer({ description: 'The version this rollback restored' })),
};

/**
 * A version in the list: who stored it, when, and how many fields it changed.
 *
 * @example
 * const v: ConfigVersionSummary = { version: 3, at: '2026-01-01T10:00:00.000Z', actor: 'Growth laptop', rollbackOf: null, changes: 1 };
 */
export const ConfigVersionSummary = Type.Object({
  ...versionFields,
  changes: Type.Integer({ description: 'How many changes the diff against the version before lists' }),
});
export type ConfigVersionSummary = Static<typeof ConfigVersionSummary>;

/**
 * `GET /v1/admin/config/versions`: newest first; `next` is the `before` of the
 * following page (null on the last).
 *
 * @example
 * const page: ConfigVersionList = { versions: [summary], next: null };
 */
export const ConfigVersionList = Type.Object(
  {
    versions: Type.Array(ConfigVersionSummary),
    next: nullable(Type.Integer({ description: 'Pass as ?before= for the next (older) page' })),
  },
  { description: 'A page of versions, newest first' },
);
export type ConfigVersionList = Static<typeof ConfigVersionList>;

/**
 * `GET /v1/admin/config/versions` query: a page of `limit` versions older than `before`.
 *
 * @example
 * const q: ConfigVersionQuery = { limit: 20, before: 41 };
 */
export const ConfigVersionQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Versions per page (1 to 100)' }),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'Only versions below this number' })),
});
export type ConfigVersionQuery = Static<typeof ConfigVersionQuery>;

/**
 * `GET /v1/admin/config/versions/{version}`: the whole config of that version
 * and its diff against the version before.
 *
 * @example
 * const v: ConfigVersionDetail = { ...summary, config, diff: [{ path: ['models', 'saas', 'windowDays'], before: 30, after: 14 }] };
 */
export const ConfigVersionDetail = Type.Object(
  {
    ...versionFields,
    config: passThrough<PulseConfig>('The whole config of this version'),
    diff: Type.Array(ConfigChange),
  },
  { description: 'The version with its config and its diff against the version before' },
);
export type ConfigVersionDetail = Static<typeof ConfigVersionDetail>;

/**
 * Path parameters naming a version.
 *
 * @example
 * const p: VersionParams = { version: 3 };
 */
export const VersionParams = Type.Object({ version: Type.Integer({ minimum: 1 }) });
export type VersionParams = Static<typeof VersionParams>;

/**
 * `POST /v1/admin/config/rollback` body: the version whose config becomes current again.
 *
 * @example
 * const body: RollbackRequest = { version: 3 };
 */
export const RollbackRequest = Type.Object(
  { version: Type.Integer({ minimum: 1, description: 'The version to restore' }) },
  { additionalProperties: false },
);
export type RollbackRequest = Static<typeof RollbackRequest>;
