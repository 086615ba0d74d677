import type { Nudge, NudgeDecision, NudgeReason, NudgeVariant, PulseConfig } from '@pulse/core';

/**
 * Reasons that keep a nudge on screen once it is showing: its own `Nudge Shown`
 * starts the cooldown and counts an impression, which must not hide the very
 * impression that caused it (that would flicker).
 */
const HOLD_REASONS: readonly NudgeReason[] = ['eligible', 'cooldown', 'max-impressions'];

/**
 * A nudge picked for a slot, with the user's variant (whose `content` is
 * `null` for the control).
 *
 * @example
 * const choice: NudgeChoice = { nudge, variant: { id: 'control', weight: 0.5, content: null } };
 */
export interface NudgeChoice {
  nudge: Nudge;
  variant: NudgeVariant;
}

/**
 * What a slot is looking for.
 *
 * @example
 * const o: NudgeQuery = { placement: 'banner', only: null, held: null, skip: () => false };
 */
export interface NudgeQuery {
  placement: string;
  /** Only this nudge id, when set. */
  only: string | null;
  /** Only nudges whose trigger reads this score (a trigger without `score` reads the default score), when set. */
  score?: string | null | undefined;
  /** The nudge the slot is showing now. */
  held: string | null;
  /** Nudges another slot shows, or whose anchor never appeared. */
  skip: (nudgeId: string) => boolean;
}

/**
 * The nudge a slot shows: the one it holds while that is still allowed, else
 * the first eligible nudge for the placement in config order.
 *
 * @example
 * const choice = selectNudge(state.config, state.user.nudges, { placement: 'toast', only: null, held: null, skip });
 */
export function selectNudge(
  config: PulseConfig | null,
  decisions: readonly NudgeDecision[],
  query: NudgeQuery,
): NudgeChoice | null {
  const fits = (n: Nudge): boolean =>
    n.placement === query.placement &&
    (query.only === null || n.id === query.only) &&
    (!query.score || (n.trigger.score ?? config?.defaultScore) === query.score);
  const candidates = (config?.nudges ?? []).filter(fits);
  const decisionOf = (n: Nudge): NudgeDecision | undefined => decisions.find((d) => d.nudgeId === n.id);
  const held = candidates.find((n) => n.id === query.held);
  const heldDecision = held && decisionOf(held);
  if (held && heldDecision?.variant && HOLD_REASONS.includes(heldDecision.reason) && !query.skip(held.id)) {
    return { nudge: held, variant: heldDecision.variant };
  }
  for (const nudge of candidates) {
    const d = decisionOf(nudge);
    if (d?.eligible && d.variant && !query.skip(nudge.id)) return { nudge, variant: d.variant };
  }
  return null;
}
