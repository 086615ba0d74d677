// Turns the per-run measurements into medians with min/max, Pulse/peer ratios, and
// the goals with whether each holds.

/** `{ median, min, max, n }` of the finite values, or `null` when there are none. */
export function stats(values) {
  const xs = values.filter((v) => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  const median = xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
  return { median, min: xs[0], max: xs[xs.length - 1], n: xs.length };
}

/** Scales a count measured over `done` items to `target` items (a lower bound when cost grows with the queue). */
const per = (value, done, target) => (done > 0 && value !== null ? (value * target) / done : null);

/** The figures reported for each SDK, computed from one run of each scenario. */
const FIGURES = {
  initMs: (r) => r.perf?.initMs,
  initScriptMs: (r) => r.perf?.initScriptMs,
  calls: (r) => r.perf?.calls,
  syncMs10k: (r) => r.perf && per(r.perf.syncMs, r.perf.calls, 10_000),
  mainThreadMs10k: (r) => r.perf && per(r.perf.mainThreadMs, r.perf.calls, 10_000),
  longTasks: (r) => r.perf?.longTasks,
  longTaskMs: (r) => r.perf?.longTaskMs,
  heapGrowthKB: (r) => r.perf?.heapGrowthKB,
  perfDelivered: (r) => r.perf?.deliveredInWindow,
  wireRequests1k: (r) => r.wire && per(r.wire.requests, r.wire.delivered, 1000),
  wireKB1k: (r) => r.wire && per(r.wire.bytes / 1024, r.wire.delivered, 1000),
  wireDelivered: (r) => r.wire?.delivered,
  wireDeliveredMs: (r) => r.wire?.deliveredMs,
  unloadDelivered: (r) => r.unload?.delivered,
  unloadDuplicates: (r) => r.unload?.duplicates,
  offlineDelivered: (r) => r.offline?.delivered,
  offlineDuplicates: (r) => r.offline?.duplicates,
  stormDelivered: (r) => r.storm?.delivered,
  stormDuplicates: (r) => r.storm?.duplicates,
  stormFullMs: (r) => r.storm?.fullMs,
  drainDelivered: (r) => r.drain?.delivered,
  drainDuplicates: (r) => r.drain?.duplicates,
  drainFullMs: (r) => r.drain?.fullMs,
  drainRequests: (r) => r.drain?.requests,
  drainLongTasks: (r) => r.drain?.longTasks,
};

/** Figures where smaller is better: their ratio is Pulse/peer, under 1 means Pulse costs less. */
export const COST_FIGURES = [
  'gzip',
  'brotli',
  'initMs',
  'initScriptMs',
  'syncMs10k',
  'mainThreadMs10k',
  'longTaskMs',
  'heapGrowthKB',
  'wireRequests1k',
  'wireKB1k',
  'stormFullMs',
  'drainFullMs',
  'customerEsbuild',
  'customerVite',
];
/** Figures where larger is better (events delivered): ratio is Pulse/peer too, over 1 means Pulse delivered more. */
export const DELIVERY_FIGURES = ['unloadDelivered', 'offlineDelivered', 'stormDelivered', 'drainDelivered'];

/** Per-SDK summary: bytes plus `stats` of every figure over the runs. */
export function summarise(sdk, bytes, runs) {
  const figures = {};
  for (const [name, pick] of Object.entries(FIGURES)) figures[name] = stats(runs.map((r) => pick(r) ?? null));
  if (bytes && !bytes.error) {
    for (const k of ['raw', 'gzip', 'brotli']) figures[k] = { median: bytes[k], min: bytes[k], max: bytes[k], n: 1 };
  }
  const once = (v) => (typeof v === 'number' ? { median: v, min: v, max: v, n: 1 } : null);
  figures.customerEsbuild = once(bytes?.customer?.esbuild);
  figures.customerVite = once(bytes?.customer?.vite);
  const errors = runs.flatMap((r) => Object.entries(r.errors ?? {}).map(([scenario, e]) => `${scenario}: ${e}`));
  return { id: sdk.id, name: sdk.name, pkg: sdk.pkg, version: sdk.version, bytes, figures, errors };
}

const medianOf = (summary, figure) => summary.figures[figure]?.median ?? null;

/** Pulse/peer ratio of medians for each figure and peer. */
export function ratios(pulse, peers) {
  const out = {};
  for (const figure of [...COST_FIGURES, ...DELIVERY_FIGURES]) {
    out[figure] = {};
    for (const peer of peers) {
      const a = medianOf(pulse, figure);
      const b = medianOf(peer, figure);
      out[figure][peer.id] = a === null || b === null || b === 0 ? null : a / b;
    }
  }
  return out;
}

const allRuns = (summary, figure, test) => {
  const s = summary.figures[figure];
  return s !== null && s !== undefined && test(s);
};

/** The goals for the tracker, each with its measured ratio and whether it holds. */
export function goals(pulse, peers, counts) {
  const best = (figure) =>
    peers
      .map((p) => ({ id: p.id, value: medianOf(p, figure) }))
      .filter((p) => p.value !== null)
      .sort((a, b) => a.value - b.value)[0];
  const smallest = best('gzip');
  const fastest = best('mainThreadMs10k');
  const fastestSync = best('syncMs10k');
  const exact = (delivered, duplicates, n) =>
    allRuns(pulse, delivered, (s) => s.min === n) && allRuns(pulse, duplicates, (s) => s.max === 0);
  const pulseGzip = medianOf(pulse, 'gzip');
  const pulseMain = medianOf(pulse, 'mainThreadMs10k');
  const pulseSync = medianOf(pulse, 'syncMs10k');
  return [
    {
      goal: 'Tracker ≤ 1/3 the bytes (min+gzip) of the smallest peer',
      ratio: smallest && pulseGzip !== null ? pulseGzip / smallest.value : null,
      versus: smallest?.id ?? null,
      target: '≤ 0.333',
      holds: Boolean(smallest && pulseGzip !== null && pulseGzip * 3 <= smallest.value),
    },
    {
      goal: '10,000 track() calls cost less main-thread time than every peer (CDP TaskDuration, calls + 5 s)',
      ratio: fastest && pulseMain !== null ? pulseMain / fastest.value : null,
      versus: fastest?.id ?? null,
      target: '< 1',
      holds: Boolean(fastest && pulseMain !== null && pulseMain < fastest.value),
    },
    {
      goal: '… and less time inside the track() calls themselves than every peer',
      ratio: fastestSync && pulseSync !== null ? pulseSync / fastestSync.value : null,
      versus: fastestSync?.id ?? null,
      target: '< 1',
      holds: Boolean(fastestSync && pulseSync !== null && pulseSync < fastestSync.value),
    },
    {
      goal: 'Zero long tasks caused by the tracker (every run)',
      ratio: pulse.figures.longTasks?.max ?? null,
      versus: null,
      target: '0',
      holds: allRuns(pulse, 'longTasks', (s) => s.max === 0),
    },
    {
      goal: `${counts.unload}/${counts.unload} on unload, exactly once (every run)`,
      ratio: pulse.figures.unloadDelivered?.min ?? null,
      versus: null,
      target: String(counts.unload),
      holds: exact('unloadDelivered', 'unloadDuplicates', counts.unload),
    },
    {
      goal: `${counts.offline}/${counts.offline} offline, exactly once (every run)`,
      ratio: pulse.figures.offlineDelivered?.min ?? null,
      versus: null,
      target: String(counts.offline),
      holds: exact('offlineDelivered', 'offlineDuplicates', counts.offline),
    },
    {
      goal: '≤ 55 KB on the wire per 1,000 events, and no more than the best peer',
      ratio: medianOf(pulse, 'wireKB1k'),
      versus: best('wireKB1k')?.id ?? null,
      target: `≤ ${Math.min(55, best('wireKB1k')?.value ?? 55).toFixed(1)}`,
      holds: allRuns(pulse, 'wireKB1k', (s) => s.max <= Math.min(55, best('wireKB1k')?.value ?? 55)),
    },
    {
      goal: `A backlog of ${counts.drain} delivered in ≤ 3 s, exactly once, no long task (every run)`,
      ratio: pulse.figures.drainFullMs?.max ?? null,
      versus: null,
      target: '≤ 3000 ms',
      holds:
        exact('drainDelivered', 'drainDuplicates', counts.drain) &&
        allRuns(pulse, 'drainFullMs', (s) => s.max <= 3000) &&
        allRuns(pulse, 'drainLongTasks', (s) => s.max === 0),
    },
    {
      goal: `${counts.storm}/${counts.storm} after the 503 storm, exactly once (every run)`,
      ratio: pulse.figures.stormDelivered?.min ?? null,
      versus: null,
      target: String(counts.storm),
      holds: exact('stormDelivered', 'stormDuplicates', counts.storm),
    },
  ];
}
