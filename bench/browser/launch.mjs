// Headless Chromium as every scenario launches it. Name resolution is pinned so the
// pages can reach only loopback: any SDK request to a real host fails at once
// (and is reported) instead of leaving the machine.
import { chromium } from 'playwright';

export const CHROMIUM = process.env.PULSE_BENCH_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--host-resolver-rules=MAP localhost 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/** A desktop Chrome user agent: some SDKs drop events from "HeadlessChrome". */
export const userAgentFor = (version) =>
  `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version.split('.')[0]}.0.0.0 Safari/537.36`;

/** Launches the shared browser for non-persistent contexts. */
export const launchBrowser = () => chromium.launch({ executablePath: CHROMIUM, args: ARGS });

/** Launches a browser with a persistent profile (the offline scenario reopens it). */
export const launchPersistent = (userDataDir, userAgent) =>
  chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: ARGS, userAgent });
