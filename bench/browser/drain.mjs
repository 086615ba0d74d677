// The backlog scenario alone, for one SDK, several runs in one browser: what `npm run bench`
// measures as "Backlog of 10,000", without the rest of the browser benchmark. Prints one
// JSON line per run with the 1-minute load average beside it.
//
//   node bench/browser/drain.mjs [runs=5] [sdk=pulse]    (run `npm run build` first for Pulse)
import os from 'node:os';
import { buildSdk } from './build.mjs';
import { SETTINGS } from './index.mjs';
import { launchBrowser, userAgentFor } from './launch.mjs';
import { measureDrain } from './scenarios.mjs';
import { sdkList } from './sdks.mjs';

const runs = Number(process.argv[2] ?? 5);
const [sdk] = sdkList([process.argv[3] ?? 'pulse']);
const built = await buildSdk(sdk);
if (built.error) throw new Error(built.error);
const browser = await launchBrowser();
try {
  const userAgent = userAgentFor(browser.version());
  for (let i = 0; i < runs; i++) {
    const load = Number(os.loadavg()[0].toFixed(2));
    const result = await measureDrain({
      browser,
      userAgent,
      sdk: { ...sdk, dir: built.dir },
      dir: built.dir,
      ...SETTINGS.drain,
    });
    console.log(JSON.stringify({ load, ...result }));
  }
} finally {
  await browser.close();
}
