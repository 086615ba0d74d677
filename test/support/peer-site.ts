import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSdk } from '../../bench/browser/build.mjs';

/** The peers' browser SDKs the end-to-end tests drive (adapters in `support/peers/`). */
export const PEER_IDS = ['segment', 'rudderstack'] as const;
export type PeerId = (typeof PEER_IDS)[number];

/**
 * A customer's site on its own origin (`http://localhost:<port>`): it serves each
 * peer SDK, bundled from its npm package by the browser benchmark's esbuild
 * setup, and pages that load one with a given configuration. `away` is a page
 * to navigate to when a test leaves the site.
 *
 * @example
 * const site = await startPeerSite();
 * await page.goto(site.page('segment', { host: real.url, writeKey: 'pk_e2e' }));
 * await page.waitForFunction(() => window.peerReady === true);
 */
export async function startPeerSite() {
  const root = mkdtempSync(join(tmpdir(), 'pulse-peers-'));
  for (const id of PEER_IDS) {
    const entry = fileURLToPath(new URL(`./peers/${id}.js`, import.meta.url));
    const built = await buildSdk({ id }, { entry, dir: join(root, id) });
    if (built.error !== undefined) throw new Error(`could not bundle ${id}: ${built.error}`);
  }
  const pages = new Map<string, string>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://site').pathname;
    const html = pages.get(path);
    if (html !== undefined) return void res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) return void res.writeHead(404).end();
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  pages.set('/away', '<!doctype html><title>away</title><p>away</p>');
  let n = 0;

  return {
    /** The site's origin: what the collector's `allowedOrigins` must list. */
    url,
    /** A page on the site that initialises peer `id` with `config`; its URL. */
    page(id: PeerId, config: Record<string, unknown>): string {
      const path = `/${id}-${++n}.html`;
      pages.set(
        path,
        `<!doctype html><html><head><meta charset="utf-8"><title>${id}</title><link rel="icon" href="data:,"></head><body>
<script type="module">
try {
  const { init } = await import('/${id}/entry.js');
  window.peer = await init(${JSON.stringify(config)});
  window.peerReady = true;
} catch (e) {
  window.peerError = String((e && e.stack) || e);
}
</script></body></html>`,
      );
      return `${url}${path}`;
    },
    close() {
      server.closeAllConnections();
      rmSync(root, { recursive: true, force: true });
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A site started by `startPeerSite`. */
export type PeerSite = Awaited<ReturnType<typeof startPeerSite>>;
