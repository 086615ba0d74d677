import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { build } from 'esbuild';

/** One event as the sink sees it: only what the tests look at. */
export interface SinkEvent {
  messageId: string;
  type: string;
  event?: string;
  properties?: Record<string, unknown>;
  [key: string]: unknown;
}

/** One `/v1/batch` request. */
export interface SinkRequest {
  /** `Date.now()` on arrival. */
  at: number;
  events: SinkEvent[];
  status: number;
  /** Body bytes on the wire. */
  bytes: number;
  /** Whether the body was gzip (recognised by its magic bytes, as the collector does). */
  gzip: boolean;
}

/** What the next `/v1/batch` request gets; `undefined` means 200. */
export type SinkReply = { status: number; headers?: Record<string, string>; body?: unknown } | undefined;

const trackerEntry = fileURLToPath(new URL('../../packages/tracker/src/global.ts', import.meta.url));

/**
 * The script-tag build of the tracker, bundled now from source (never from a
 * stale dist/), minified, with development warnings stripped as in production.
 */
export async function buildTrackerScript(): Promise<string> {
  const result = await build({
    entryPoints: [trackerEntry],
    bundle: true,
    format: 'iife',
    minify: true,
    write: false,
    conditions: ['source'],
    define: { __PULSE_DEV__: 'false' },
    target: 'es2022',
  });
  return result.outputFiles[0]?.text ?? '';
}

/**
 * The async snippet from docs/tracker.md: a stub that queues calls until the
 * script loads, then `init` and whatever the page adds.
 */
export function snippet(scriptUrl: string, init: Record<string, unknown>): string {
  return `<script>
!function(){var p=window.pulse=window.pulse||[];if(p.init)return;
["init","track","identify","page","group","alias","reset","flush","consent","register","use","on","ready"].forEach(function(m){p[m]=function(){p.push([m].concat([].slice.call(arguments)))}});
var s=document.createElement("script");s.async=!0;s.src=${JSON.stringify(scriptUrl)};document.head.appendChild(s)}();
pulse.init(${JSON.stringify(init)});
</script>`;
}

/**
 * A tiny, permissive ingest sink for the tracker's page-lifecycle tests. It
 * serves pages and the tracker script, accepts any `/v1/batch` body, answers
 * with scripted replies (200 otherwise), and counts how many requests carried
 * each `messageId`. It is reachable as two origins (127.0.0.1 and localhost),
 * so a page can send cross-origin as a real site does.
 */
export async function startSink() {
  const script = await buildTrackerScript();
  const pages = new Map<string, string>();
  const requests: SinkRequest[] = [];
  const received = new Map<string, number>();
  const events: SinkEvent[] = [];
  const acknowledged = new Set<string>();
  const diagnostics: Record<string, unknown>[] = [];
  let reply: (events: SinkEvent[]) => SinkReply = () => undefined;

  const cors = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Expose-Headers': 'Date, Retry-After',
  };

  async function readRaw(req: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
  const readBody = async (req: IncomingMessage) => (await readRaw(req)).toString('utf8');

  async function ingest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readRaw(req);
    const gzip = raw[0] === 0x1f && raw[1] === 0x8b;
    const body = JSON.parse((gzip ? gunzipSync(raw) : raw).toString('utf8')) as { batch?: SinkEvent[] };
    const batch = body.batch ?? [];
    const answer = reply(batch) ?? { status: 200 };
    requests.push({ at: Date.now(), events: batch, status: answer.status, bytes: raw.length, gzip });
    for (const event of batch) {
      received.set(event.messageId, (received.get(event.messageId) ?? 0) + 1);
      if (answer.status >= 300 || acknowledged.has(event.messageId)) continue;
      acknowledged.add(event.messageId);
      events.push(event);
    }
    const json = answer.body ?? { accepted: batch.length, duplicates: 0, rejected: [] };
    res.writeHead(answer.status, { ...cors, 'Content-Type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(json));
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://sink').pathname;
    if (req.method === 'OPTIONS') {
      // Never expected (every tracker request is CORS-simple); counted so a test would notice.
      requests.push({ at: Date.now(), events: [], status: 204, bytes: 0, gzip: false });
      res.writeHead(204, { ...cors, 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': 'POST' });
      return res.end();
    }
    if (req.method === 'POST' && path === '/v1/batch')
      return void ingest(req, res).catch(() => res.writeHead(400).end());
    if (req.method === 'POST' && path === '/v1/diagnostics') {
      return void readBody(req).then((text) => {
        diagnostics.push(JSON.parse(text) as Record<string, unknown>);
        res.writeHead(200, cors).end('{}');
      });
    }
    if (path === '/v1/config') return void res.writeHead(404, cors).end();
    if (path === '/sdk/pulse.min.js') return void res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    const page = pages.get(path);
    if (page !== undefined) return void res.writeHead(200, { 'Content-Type': 'text/html' }).end(page);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    /** The origin pages are served from. */
    url: `http://127.0.0.1:${port}`,
    /** The same server as another origin: the tracker's `host`, so requests are cross-origin. */
    collector: `http://localhost:${port}`,
    requests,
    /** messageId → how many requests carried it. */
    received,
    /** Each event once, in arrival order, when a 2xx acknowledged it. */
    events,
    diagnostics,
    /** Serves `html` at `path`. */
    page(path: string, html: string) {
      pages.set(path, html);
    },
    /** A page with the snippet initialising the tracker against this sink, plus `body`. */
    trackerPage(path: string, init: Record<string, unknown>, body = '') {
      const html = `<!doctype html><html><head><title>${path}</title>${snippet(`${this.url}/sdk/pulse.min.js`, { writeKey: 'pk_e2e', host: this.collector, ...init })}</head><body>${body}</body></html>`;
      pages.set(path, html);
    },
    /** Decides the answer to each following `/v1/batch` request. */
    respond(next: (events: SinkEvent[]) => SinkReply) {
      reply = next;
    },
    /** Events received by more than one request. */
    duplicates() {
      return [...received].filter(([, n]) => n > 1).map(([id]) => id);
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Sink = Awaited<ReturnType<typeof startSink>>;
