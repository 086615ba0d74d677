import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Nudge, NudgeVariant } from '@pulse/core';
import { PulseError } from '../errors.js';

/**
 * What a preview link carries: the draft nudge as the editor had it, the variant
 * to show, and when the link stops working (ms since the epoch).
 *
 * @example
 * const p: PreviewPayload = { nudge, variant: 'social', expiresAt: Date.now() + 3_600_000 };
 */
export interface PreviewPayload {
  nudge: Nudge;
  variant: string;
  expiresAt: number;
}

/**
 * The nudge a preview shows: the chosen variant only, for whoever opened the
 * link (no audience, no frequency cap), marked `preview` so the widget records
 * no events for it.
 *
 * @example
 * const n: PreviewNudge = { ...nudge, preview: true };
 */
export type PreviewNudge = Nudge & { preview: true };

const sign = (secret: string, body: string): Buffer =>
  createHmac('sha256', secret).update(`pulse-preview:${body}`).digest();

/**
 * A signed preview token: `base64url(JSON payload) + '.' + base64url(HMAC-SHA256)`
 * keyed with the project's secret key. The draft travels in the token, so
 * nothing is stored and the link works on every collector of the project.
 *
 * @example
 * const token = createPreviewToken(ctx.secretKey, { nudge, variant: 'social', expiresAt });
 */
export function createPreviewToken(secret: string, payload: PreviewPayload): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${sign(secret, body).toString('base64url')}`;
}

/**
 * The payload of a token this project signed, if it has not expired; anything
 * else is a 401 saying what was wrong (never the payload of a forged token).
 *
 * @example
 * const { nudge, variant } = readPreviewToken(ctx.secretKey, token, Date.now());
 */
export function readPreviewToken(secret: string, token: string, now: number): PreviewPayload {
  const [body = '', mac = ''] = token.split('.');
  const given = Buffer.from(mac, 'base64url');
  const expected = sign(secret, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new PulseError(
      'unauthorized',
      'preview link: the signature does not match (a link from another project, or altered)',
    );
  }
  const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as PreviewPayload;
  if (!(payload.expiresAt > now)) {
    throw new PulseError(
      'unauthorized',
      `preview link: expired at ${new Date(payload.expiresAt).toISOString()}; make a new one in the nudge editor`,
    );
  }
  return payload;
}

/**
 * The nudge a page shows for a preview: the one variant, to this browser, now.
 *
 * @example
 * previewNudge(payload).variants.length; // → 1
 */
export function previewNudge({ nudge, variant }: PreviewPayload): PreviewNudge {
  const chosen = nudge.variants.find((v) => v.id === variant) as NudgeVariant;
  const { frequency: _f, winner: _w, restartedAt: _r, analysis: _a, ...rest } = nudge;
  return { ...rest, status: 'running', trigger: {}, variants: [{ ...chosen, weight: 1 }], preview: true };
}
