// One local HTTP server per scenario. Requests for `localhost` are the customer's
// site (the page, the SDK bundle); requests for `127.0.0.1` are the SDK's collector
// (a different origin, as in production, so CORS and preflights happen for real).
// The collector side is a permissive sink: it answers every SDK's ingestion and
// config endpoints, records each request's bytes, and counts events by bench key.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { decodeRequest } from './decode.mjs';
import { packageDir } from './sdks.mjs';

/** What RudderStack's config endpoint must return for the SDK to become ready. */
const RUDDER_SOURCE_CONFIG = {
  isHosted: true,
  source: {
    id: 'bench-source',
    name: 'bench',
    writeKey: 'bench',
    enabled: true,
    workspaceId: 'bench-workspace',
    config: {},
    destinations: [],
  },
  updatedAt: '2026-01-01T00:00:00.000Z',
};

/** Each SDK's success answer, in the shape its client checks. */
function answer(sdk, method, path, decoded, bodyBytes) {
  const json = (value) => ({ type: 'application/json', body: JSON.stringify(value) });
  if (sdk === 'rudderstack' && path.startsWith('/rudder/sourceConfig')) return json(RUDDER_SOURCE_CONFIG);
  if (sdk === 'pulse' && path === '/v1/config') return json({ models: [], nudges: [] });
  if (sdk === 'pulse' && path === '/v1/batch') return json({ accepted: decoded.events, duplicates: 0, rejected: [] });
  if (sdk === 'amplitude' && path.startsWith('/2/httpapi')) {
    const ingested = decoded.events;
    return json({
      code: 200,
      events_ingested: ingested,
      payload_size_bytes: bodyBytes,
      server_upload_time: Date.now(),
    });
  }
  if (sdk === 'mixpanel') return { type: 'text/plain', body: '1' };
  if (sdk === 'posthog') return json({ status: 1 });
  if (method === 'GET') return json({});
  return { type: 'text/plain', body: 'OK' };
}

const pageHtml = (config, entry) => `<!doctype html>
<html><head><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,"></head>
<body><h1>bench</h1>
<script>
window.__longTasks = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
} catch {}
</script>
<script type="module">
performance.mark('bench:start');
try {
  const mod = await import(${JSON.stringify(entry)});
  performance.mark('bench:evaluated');
  window.__sdk = await mod.init(${JSON.stringify(config)});
  performance.mark('bench:ready');
  window.__benchReady = true;
} catch (e) {
  window.__benchError = String((e && e.stack) || e);
}
</script></body></html>`;

const AWAY =
  '<!doctype html><html><head><meta charset="utf-8"><title>away</title><link rel="icon" href="data:,"></head><body>away</body></html>';

function headerBytes(req) {
  let n = `${req.method} ${req.url} HTTP/${req.httpVersion}\r\n`.length + 2;
  for (let i = 0; i < req.rawHeaders.length; i += 2) n += req.rawHeaders[i].length + req.rawHeaders[i + 1].length + 4;
  return n;
}

function corsHeaders(req) {
  return {
    'access-control-allow-origin': req.headers.origin ?? '*',
    'access-control-allow-credentials': 'true',
    'access-control-allow-methods': 'GET, POST, PUT, OPTIONS',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
    'access-control-max-age': '600',
    vary: 'Origin',
  };
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/**
 * Starts a sink for one SDK, serving its bundle from `dir`.
 * Returns `{ state, pageUrl, sinkUrl, delivered, collectorRequests, close }`.
 */
export async function startSink({ sdk, dir, writeKey = 'bench' }) {
  const runtime = Object.entries(sdk.runtimeDirs ?? {}).map(([prefix, [pkg, sub]]) => [
    prefix,
    join(packageDir(pkg), sub),
  ]);
  const state = {
    /** Every request: `{ t, origin, method, path, kind, status, reqBytes, events, keys }`. */
    log: [],
    /** Bench key → `{ ok, failed, firstOkAt }`: deliveries answered 2xx, and refused. */
    keys: new Map(),
    /** Collector answers 503 to everything until this time (ms since epoch). */
    failUntil: 0,
    /** JS served to the page, by path: what the SDK shipped. */
    assets: new Map(),
  };

  const serveFile = async (res, root, rel, path) => {
    const file = normalize(join(root, rel));
    if (!file.startsWith(root)) return false;
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store', ...corsHeaders(res.req) });
      res.end(body);
      state.assets.set(path, body);
      return true;
    } catch {
      return false;
    }
  };

  const handle = async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const path = url.pathname;
    const isSite = (req.headers.host ?? '').startsWith('localhost');
    const t = Date.now();
    const body = await readBody(req);
    const entry = { t, site: isSite, method: req.method, path, kind: 'other', status: 200, events: 0, keys: [] };
    entry.reqBytes = headerBytes(req) + body.length;
    state.log.push(entry);

    if (isSite) {
      entry.kind = 'site';
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' });
        res.end(pageHtml({ sink: `http://127.0.0.1:${port}`, writeKey }, '/sdk/entry.js'));
        return;
      }
      if (path.startsWith('/sdk/') && (await serveFile(res, dir, path.slice(5), path))) return;
      res.writeHead(404).end();
      return;
    }
    if (path === '/away') {
      entry.kind = 'site';
      res.writeHead(200, { 'content-type': 'text/html' }).end(AWAY);
      return;
    }
    for (const [prefix, root] of runtime) {
      if (path.startsWith(prefix)) {
        entry.kind = 'asset';
        if (await serveFile(res, root, path.slice(prefix.length), path)) return;
      }
    }
    if (Date.now() < state.failUntil) {
      entry.status = 503;
      res.writeHead(503, { 'content-type': 'text/plain', ...corsHeaders(req) }).end('Service Unavailable');
      countKeys(entry, body, req, false);
      return;
    }
    if (req.method === 'OPTIONS') {
      entry.kind = 'preflight';
      res.writeHead(204, corsHeaders(req)).end();
      return;
    }
    const decoded = countKeys(entry, body, req, true);
    const { type, body: out } = answer(sdk.id, req.method, path, decoded, body.length);
    res.writeHead(200, { 'content-type': type, ...corsHeaders(req) });
    res.end(out);
  };
  // A page that closes mid-request aborts its body: that request is simply gone.
  const server = createServer((req, res) => handle(req, res).catch(() => res.destroy()));

  /** Decodes a collector request and records its bench keys as delivered (ok) or refused. */
  function countKeys(entry, body, req, ok) {
    const decoded = decodeRequest({
      url: req.url,
      body,
      contentType: req.headers['content-type'] ?? '',
      contentEncoding: req.headers['content-encoding'] ?? '',
    });
    if (decoded.events > 0) entry.kind = 'ingest';
    entry.events = decoded.events;
    entry.keys = decoded.keys;
    for (const key of decoded.keys) {
      const k = state.keys.get(key) ?? { ok: 0, failed: 0, firstOkAt: 0 };
      if (ok) {
        k.ok += 1;
        k.firstOkAt ||= entry.t;
      } else k.failed += 1;
      state.keys.set(key, k);
    }
    return decoded;
  }

  server.keepAliveTimeout = 30_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;

  return {
    state,
    pageUrl: `http://localhost:${port}/`,
    sinkUrl: `http://127.0.0.1:${port}`,
    /** Delivered keys with a prefix: `{ unique, duplicates, lastAt }` (duplicates = extra 2xx copies). */
    delivered(prefix) {
      let unique = 0;
      let duplicates = 0;
      let lastAt = 0;
      for (const [key, k] of state.keys) {
        if (!key.startsWith(prefix) || k.ok === 0) continue;
        unique += 1;
        duplicates += k.ok - 1;
        lastAt = Math.max(lastAt, k.firstOkAt);
      }
      return { unique, duplicates, lastAt };
    },
    /** Collector-side requests (not the site, not runtime assets) since `t`. */
    collectorRequests(since = 0) {
      return state.log.filter((e) => !e.site && e.kind !== 'asset' && e.t >= since);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
