import { addObservation, emptyMoments, type Moments } from './stats/moments.js';
import type { ExposedUser } from './experiment-results.js';
import { covariatesOf, type ExperimentDesign } from './experiment-design.js';

/**
 * Each variant's users (in the design's order), and the moments of their
 * conversion (1 or 0) with the CUPED covariates when the design uses them.
 * Users of variants not in the config are left out.
 *
 * @example
 * const { users, moments } = armMoments(design, exposed);
 */
export function armMoments(
  design: ExperimentDesign,
  exposed: ExposedUser[],
): { users: ExposedUser[][]; moments: Moments[] } {
  const index = new Map(design.variants.map((v, i) => [v.id, i]));
  const k = design.cuped ? 2 : 0;
  const users = design.variants.map((): ExposedUser[] => []);
  const moments = design.variants.map(() => emptyMoments(k));
  for (const u of exposed) {
    const i = index.get(u.variant);
    if (i === undefined) continue;
    users[i]!.push(u);
    addObservation(moments[i]!, u.converted ? 1 : 0, k === 0 ? [] : covariatesOf(u));
  }
  return { users, moments };
}
