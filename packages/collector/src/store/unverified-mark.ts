import type { PulseConfig } from '@pulse/core';

/**
 * The key that marks a stored event whose `userId` was not proven. It is always
 * the first key of the stored JSON body (`markIdentity` in auth/identity-proof.ts
 * puts it there and strips any a client sent), so `isScoredBody` can check it
 * without parsing.
 *
 * @example
 * JSON.parse(row.body)[UNVERIFIED_MARK]; // → true
 */
export const UNVERIFIED_MARK = '_unverified';

const MARKED_PREFIX = `{"${UNVERIFIED_MARK}":true`;

/**
 * True when a stored event body may move its user's score under `config`: always,
 * unless `requireVerifiedIdentity` is on and the body carries the unverified mark.
 *
 * @example
 * if (!isScoredBody(row.body, config)) continue;
 */
export function isScoredBody(body: string, config: PulseConfig): boolean {
  return config.requireVerifiedIdentity !== true || !body.startsWith(MARKED_PREFIX);
}
