// Markdown tables of a browser benchmark result: readable in a terminal and pasted
// as is into docs/performance.md.

const ROWS = [
  ['Bytes: min+gzip (KB)', 'gzip', (v) => (v / 1024).toFixed(1)],
  ['Bytes: min+brotli (KB)', 'brotli', (v) => (v / 1024).toFixed(1)],
  ['Bytes: minified (KB)', 'raw', (v) => (v / 1024).toFixed(1)],
  ["Customer's app, esbuild defaults: min+gzip (KB)", 'customerEsbuild', (v) => (v / 1024).toFixed(1)],
  ["Customer's app, Vite production build: min+gzip (KB)", 'customerVite', (v) => (v / 1024).toFixed(1)],
  ['Init: start → ready (ms)', 'initMs', (v) => v.toFixed(0)],
  ['Init: script time, CDP (ms)', 'initScriptMs', (v) => v.toFixed(1)],
  ['10k track(): time in the calls (ms)', 'syncMs10k', (v) => v.toFixed(0)],
  ['10k track(): main thread, calls + 5 s (ms)', 'mainThreadMs10k', (v) => v.toFixed(0)],
  ['10k track(): calls made before the cap', 'calls', (v) => v.toFixed(0)],
  ['Long tasks, calls + 5 s', 'longTasks', (v) => v.toFixed(0)],
  ['Long-task time (ms)', 'longTaskMs', (v) => v.toFixed(0)],
  ['Heap growth after the calls (KB)', 'heapGrowthKB', (v) => v.toFixed(0)],
  ['Calls delivered within the 5 s', 'perfDelivered', (v) => v.toFixed(0)],
  ['1,000 events: requests', 'wireRequests1k', (v) => v.toFixed(0)],
  ['1,000 events: KB on the wire', 'wireKB1k', (v) => v.toFixed(0)],
  ['1,000 events: delivered in 12 s', 'wireDelivered', (v) => v.toFixed(0)],
  ['1,000 events: all delivered after (ms)', 'wireDeliveredMs', (v) => v.toFixed(0)],
  ['Unload: delivered of 20', 'unloadDelivered', (v) => v.toFixed(0)],
  ['Unload: duplicates', 'unloadDuplicates', (v) => v.toFixed(0)],
  ['Offline: delivered of 50', 'offlineDelivered', (v) => v.toFixed(0)],
  ['Offline: duplicates', 'offlineDuplicates', (v) => v.toFixed(0)],
  ['503 storm: delivered of 100', 'stormDelivered', (v) => v.toFixed(0)],
  ['503 storm: duplicates', 'stormDuplicates', (v) => v.toFixed(0)],
  ['503 storm: all delivered after (ms)', 'stormFullMs', (v) => v.toFixed(0)],
  ['Backlog of 10,000: delivered within 10 s', 'drainDelivered', (v) => v.toFixed(0)],
  ['Backlog of 10,000: all delivered after (ms)', 'drainFullMs', (v) => v.toFixed(0)],
  ['Backlog of 10,000: requests', 'drainRequests', (v) => v.toFixed(0)],
  ['Backlog of 10,000: duplicates', 'drainDuplicates', (v) => v.toFixed(0)],
  ['Backlog of 10,000: long tasks while draining', 'drainLongTasks', (v) => v.toFixed(0)],
];

/** Figures extrapolated from fewer than 10,000 calls: a lower bound, shown with "≥". */
const SCALED = new Set(['syncMs10k', 'mainThreadMs10k']);

function cell(summary, figure, format) {
  const s = summary.figures[figure];
  if (!s) return '–';
  const capped = SCALED.has(figure) && (summary.figures.calls?.min ?? 10_000) < 10_000 ? '≥' : '';
  const median = `${capped}${format(s.median)}`;
  const range = format(s.min) === format(s.max) ? '' : ` (${format(s.min)}–${format(s.max)})`;
  return `${median}${range}`;
}

const table = (header, rows) =>
  [`| ${header.join(' | ')} |`, `|${header.map((_, i) => (i === 0 ? '---' : '--:')).join('|')}|`]
    .concat(rows.map((r) => `| ${r.join(' | ')} |`))
    .join('\n');

const ratioText = (r) => (r === null || r === undefined ? '–' : r >= 100 ? `${r.toFixed(0)}×` : `${r.toFixed(2)}×`);

/** The results table: one row per figure, one column per SDK, "median (min–max)". */
export function resultsTable(result) {
  const header = ['', ...result.sdks.map((s) => `${s.name} ${s.version}`)];
  return table(
    header,
    ROWS.map(([label, figure, format]) => [label, ...result.sdks.map((s) => cell(s, figure, format))]),
  );
}

/** Pulse/peer ratios of the medians. */
export function ratiosTable(result) {
  if (!result.ratios) return '';
  const peers = result.sdks.filter((s) => s.id !== 'pulse');
  const labels = Object.fromEntries(ROWS.map(([label, figure]) => [figure, label]));
  return table(
    ['Pulse / peer', ...peers.map((p) => p.name)],
    Object.entries(result.ratios).map(([figure, byPeer]) => [
      labels[figure] ?? figure,
      ...peers.map((p) => ratioText(byPeer[p.id])),
    ]),
  );
}

/** The goals, each with its ratio and verdict. */
export function goalsList(result) {
  return result.goals
    .map((g) => {
      const versus = g.versus ? ` vs ${g.versus}` : '';
      const value = typeof g.ratio === 'number' ? (Number.isInteger(g.ratio) ? g.ratio : g.ratio.toFixed(3)) : '–';
      return `- ${g.holds ? 'HOLDS' : 'FAILS'}: ${g.goal}: ${value}${versus} (target ${g.target})`;
    })
    .join('\n');
}

/** Every SDK problem worth knowing: failed builds, scenario errors, requests that tried to leave the machine. */
export function problems(result) {
  const lines = [];
  for (const f of result.failedBuilds) lines.push(`- ${f.id}: build failed: ${f.error.split('\n')[0]}`);
  for (const s of result.sdks) {
    for (const e of new Set(s.errors)) lines.push(`- ${s.id}: ${e}`);
    if (s.bytes?.external?.length)
      lines.push(`- ${s.id}: blocked requests off the machine: ${s.bytes.external.join(', ')}`);
  }
  return lines.join('\n');
}

/** The whole browser report as Markdown. */
export function formatBrowser(result) {
  const notes = problems(result);
  return [
    `Browser SDKs: headless Chromium ${result.chromium}, medians of ${result.runs} runs (min–max)`,
    '',
    resultsTable(result),
    '',
    ratiosTable(result),
    '',
    'Goals',
    goalsList(result),
    ...(notes ? ['', 'Problems', notes] : []),
  ].join('\n');
}
