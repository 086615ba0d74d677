// Ten-point Gauss–Legendre nodes and weights on [−1, 1] (the positive half; the rule is symmetric).
const NODES = [0.1488743389816312, 0.4333953941292472, 0.6794095682990244, 0.8650633666889845, 0.9739065285171717];
const WEIGHTS = [0.2955242247147529, 0.2692667193099963, 0.219086362515982, 0.1494513491505806, 0.0666713443086881];

/**
 * The integral of a smooth `f` over consecutive panels `edges[0]…edges[n]`, with
 * a ten-point Gauss–Legendre rule on each panel (exact for polynomials of degree
 * 19). Callers choose the edges so that each panel is narrow next to the scale on
 * which `f` changes; the Beta posteriors here do so with {@link posteriorEdges}.
 *
 * @example
 * integrate((x) => x * x, [0, 0.5, 1]); // → 0.3333333333333333
 */
export function integrate(f: (x: number) => number, edges: readonly number[]): number {
  let sum = 0;
  for (let i = 1; i < edges.length; i++) {
    const a = edges[i - 1] as number;
    const b = edges[i] as number;
    if (!(b > a)) continue;
    const mid = (a + b) / 2;
    const half = (b - a) / 2;
    let panel = 0;
    for (let k = 0; k < NODES.length; k++) {
      const dx = half * (NODES[k] as number);
      panel += (WEIGHTS[k] as number) * (f(mid - dx) + f(mid + dx));
    }
    sum += panel * half;
  }
  return sum;
}

/**
 * Sorted, de-duplicated panel edges: the union of `count` equal panels over each
 * of `ranges`, clipped to `within`. Where a narrow range overlaps a wide one, the
 * panels are as fine as the narrow one needs.
 *
 * @example
 * panelEdges([[0, 1], [0.4, 0.6]], [0, 1], 4); // → [0, 0.25, 0.4, 0.45…, 0.5, 0.55…, 0.6, 0.75, 1]
 */
export function panelEdges(
  ranges: readonly (readonly [number, number])[],
  within: readonly [number, number],
  count: number,
): number[] {
  const [lo, hi] = within;
  const edges = new Set<number>([lo, hi]);
  for (const [a, b] of ranges) {
    for (let i = 0; i <= count; i++) {
      const x = a + ((b - a) * i) / count;
      if (x > lo && x < hi) edges.add(x);
    }
  }
  return [...edges].sort((x, y) => x - y);
}
