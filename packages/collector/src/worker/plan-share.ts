/**
 * What a worker knows at the start of a round.
 *
 * @example
 * const s: ShareInput = { partitions: 16, workers: ['a', 'b'], self: 'a', holders: new Map(), mine: [] };
 */
export interface ShareInput {
  partitions: number;
  /** Live workers (self included once its heartbeat is written). */
  workers: readonly string[];
  self: string;
  /** Partition → holder of a live lease. */
  holders: ReadonlyMap<number, string>;
  mine: readonly number[];
}

/**
 * Which partitions to take and which to hand back this round: the fair share
 * is `ceil(partitions / workers)`; a worker under it takes free partitions
 * (starting at an offset derived from its place among the workers, so workers
 * starting together do not all race for partition 0); one over it releases
 * its highest partitions. Never takes a partition another worker holds.
 *
 * @example
 * planShare({ partitions: 4, workers: ['a', 'b'], self: 'a', holders: new Map([[0, 'b']]), mine: [] });
 * // → { take: [1, 2], release: [] }
 */
export function planShare(input: ShareInput): { take: number[]; release: number[] } {
  const workers = input.workers.includes(input.self) ? input.workers : [...input.workers, input.self];
  const share = Math.ceil(input.partitions / workers.length);
  const mine = [...input.mine].sort((a, b) => a - b);
  if (mine.length > share) return { take: [], release: mine.slice(share).reverse() };
  const start = Math.floor((workers.indexOf(input.self) * input.partitions) / workers.length);
  const take: number[] = [];
  for (let i = 0; i < input.partitions && mine.length + take.length < share; i++) {
    const p = (start + i) % input.partitions;
    if (!input.holders.has(p) && !mine.includes(p)) take.push(p);
  }
  return { take, release: [] };
}
