import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** What the page server serves. */
export interface PageServerOptions {
  /** Script entries by URL path (`/app.js` → a TypeScript source), bundled once with esbuild. */
  scripts: Record<string, string>;
  /** The HTML for a request (its query string is passed through). */
  html: (query: URLSearchParams) => string;
  /** Extra static text files by URL path, e.g. `/page.css` or a generated `/init.js`. */
  files?: Record<string, { type: string; body: string }>;
  /** A Content-Security-Policy header for every response. */
  csp?: string;
}

/** A running page server. */
export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/** Resolves a path relative to this folder (the page entries live in `pages/`). */
export const pagePath = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * Bundles a page script from sources, as the script-tag build does (IIFE,
 * `source` condition, so packages resolve to their `src/`).
 */
export async function bundlePage(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    write: false,
    conditions: ['source'],
    target: 'es2022',
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

/**
 * Serves a test page and its bundled scripts on 127.0.0.1 and a free port. All
 * scripts and styles are files (no inline code), so a strict CSP can be applied.
 */
export async function startPageServer(options: PageServerOptions): Promise<PageServer> {
  const scripts = Object.fromEntries(
    await Promise.all(Object.entries(options.scripts).map(async ([path, entry]) => [path, await bundlePage(entry)])),
  ) as Record<string, string>;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const file = options.files?.[url.pathname];
    const script = scripts[url.pathname];
    const headers: Record<string, string> = options.csp ? { 'content-security-policy': options.csp } : {};
    if (url.pathname === '/' || url.pathname === '/index.html') {
      res
        .writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' })
        .end(options.html(url.searchParams));
    } else if (script !== undefined) {
      res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }).end(script);
    } else if (file !== undefined) {
      res.writeHead(200, { ...headers, 'content-type': file.type }).end(file.body);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
