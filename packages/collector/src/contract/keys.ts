import { Type, type Static } from 'typebox';
import { nullable } from './common.js';

// `GET /v1/admin/me`, `POST/GET /v1/admin/keys`, `DELETE /v1/admin/keys/{id}`.

const Role = Type.Union([Type.Literal('owner'), Type.Literal('editor'), Type.Literal('analyst')], {
  description: 'owner: everything, keys included; editor: reads and changes the config; analyst: reads only',
});
const Permission = Type.Union(
  [Type.Literal('read'), Type.Literal('config:write'), Type.Literal('users:erase'), Type.Literal('keys:manage')],
  { description: 'read, config:write (models, nudges, segments, rollbacks), users:erase, keys:manage' },
);

/**
 * `GET /v1/admin/me`: who the request's key is and what it may do.
 *
 * @example
 * const me: Me = { role: 'analyst', label: 'Board reporting', keyId: 'k_…', permissions: ['read'] };
 */
export const Me = Type.Object(
  {
    role: Role,
    label: Type.String(),
    keyId: nullable(Type.String({ description: "The admin key's id; null for the project's secret key" })),
    permissions: Type.Array(Permission),
  },
  { description: "The request key's role, label and permissions" },
);
export type Me = Static<typeof Me>;

/**
 * An admin key as listed: never the key itself.
 *
 * @example
 * const k: AdminKey = { id: 'k_…', role: 'editor', label: 'Growth laptop', createdAt: '2026-01-01T10:00:00.000Z', lastUsedAt: null };
 */
export const AdminKey = Type.Object({
  id: Type.String(),
  role: Role,
  label: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: nullable(Type.String({ format: 'date-time', description: 'Last request made with it (to the minute)' })),
});
export type AdminKey = Static<typeof AdminKey>;

/**
 * `GET /v1/admin/keys`: every admin key, oldest first.
 *
 * @example
 * const list: AdminKeyList = { keys: [key] };
 */
export const AdminKeyList = Type.Object(
  { keys: Type.Array(AdminKey) },
  { description: 'Every admin key, oldest first' },
);
export type AdminKeyList = Static<typeof AdminKeyList>;

/**
 * `POST /v1/admin/keys` body.
 *
 * @example
 * const body: NewAdminKey = { role: 'analyst', label: 'Board reporting' };
 */
export const NewAdminKey = Type.Object(
  {
    role: Role,
    label: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'Who or what uses the key' }),
  },
  { additionalProperties: false },
);
export type NewAdminKey = Static<typeof NewAdminKey>;

/**
 * `POST /v1/admin/keys` answer: the key, shown this once (only its hash is stored).
 *
 * @example
 * const created: CreatedAdminKey = { ...key, key: 'ak_…' };
 */
export const CreatedAdminKey = Type.Object(
  {
    ...AdminKey.properties,
    key: Type.String({ description: 'The key itself: shown once, never again' }),
  },
  { description: 'The key created, with the key itself (shown this once)' },
);
export type CreatedAdminKey = Static<typeof CreatedAdminKey>;

/**
 * Path parameters naming a key.
 *
 * @example
 * const p: KeyIdParams = { id: 'k_…' };
 */
export const KeyIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });
export type KeyIdParams = Static<typeof KeyIdParams>;

/**
 * `DELETE /v1/admin/keys/{id}` answer.
 *
 * @example
 * const r: RevokedKey = { id: 'k_…', revoked: true };
 */
export const RevokedKey = Type.Object(
  { id: Type.String(), revoked: Type.Literal(true) },
  { description: 'The key is revoked' },
);
export type RevokedKey = Static<typeof RevokedKey>;
