/**
 * Holm–Bonferroni adjusted p-values (Holm 1979): sorted ascending, the i-th
 * smallest (from 1) becomes max over j ≤ i of min(1, (m − j + 1)·p₍ⱼ₎), in the
 * input's order. Rejecting where the adjusted value is below α keeps the chance
 * of any false "better/worse" among the m comparisons with control at most α,
 * whatever their dependence; with always-valid p-values it holds at every look.
 *
 * @example
 * holmAdjust([0.01, 0.04, 0.03]); // → [0.03, 0.06, 0.06]
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
