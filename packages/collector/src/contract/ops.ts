import { Type, type Static } from 'typebox';

// `/healthz`, RudderStack's source config and the development token.

/**
 * `GET /healthz`.
 *
 * @example
 * const h: Health = { status: 'ok', store: 'sqlite', configVersion: 1 };
 */
export const Health = Type.Object(
  { status: Type.Literal('ok'), store: Type.String(), configVersion: Type.Integer() },
  { description: 'Healthy' },
);
export type Health = Static<typeof Health>;

/**
 * `GET /sourceConfig/`: the enabled source without destinations RudderStack's SDK waits for.
 *
 * @example
 * const s: SourceConfig = sourceConfigBody('default');
 */
export const SourceConfig = Type.Object(
  {
    source: Type.Object(
      {
        id: Type.String(),
        name: Type.String(),
        workspaceId: Type.String(),
        enabled: Type.Boolean(),
        config: Type.Record(Type.String(), Type.Unknown()),
        destinations: Type.Array(Type.Unknown()),
      },
      { additionalProperties: true },
    ),
  },
  { description: 'An enabled source without destinations' },
);
export type SourceConfig = Static<typeof SourceConfig>;

/**
 * `GET /v1/dev/token/{userId}` (development only).
 *
 * @example
 * const t: DevToken = { userId: 'user-42', token: '5f0c…' };
 */
export const DevToken = Type.Object(
  { userId: Type.String(), token: Type.String({ description: 'hex HMAC-SHA256(secretKey, userId)' }) },
  { description: "The user's identity token" },
);
export type DevToken = Static<typeof DevToken>;
