import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

// Hop-by-hop and length headers are the proxy's own business on each side.
const HOP = new Set(['host', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

function forwardable(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) if (!HOP.has(k) && v !== undefined) out[k] = String(v);
  return out;
}

/** The `messageId`s of an ingest body (a batch or one event), sorted: what makes a retry "the same request". */
function messageIdsOf(text: string): string {
  try {
    const body = JSON.parse(text) as { batch?: { messageId?: string }[]; messageId?: string };
    const ids = (body.batch ?? [body]).map((e) => e.messageId ?? '');
    return ids.sort().join(',');
  } catch {
    return text;
  }
}

/**
 * A reverse proxy in front of a collector that drops the collector's answer to
 * the first `drops` attempts of every ingest request (a POST, keyed by the
 * `messageId`s it carries): the request is forwarded, so the collector commits
 * it, but the client gets `504 Gateway Timeout` instead of the answer, as from a
 * load balancer that gave up waiting. Clients must retry, and the retries are
 * duplicates the collector has to recognise. Preflights and GETs pass through.
 * `attempts` records each POST's path, headers and request key, in arrival order.
 *
 * @example
 * const proxy = await startDroppingProxy(real.url, 3);
 * // … an SDK whose host is proxy.url sends one event …
 * await expect.poll(() => proxy.answered()).toBe(1);
 * expect(proxy.attempts).toHaveLength(4);
 */
export async function startDroppingProxy(target: string, drops: number) {
  const seen = new Map<string, number>();
  const attempts: { key: string; path: string; headers: IncomingMessage['headers']; dropped: boolean }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const post = req.method === 'POST';
      const key = post ? `${req.url}:${messageIdsOf(body.toString('utf8'))}` : '';
      const n = post ? (seen.get(key) ?? 0) + 1 : 0;
      if (post) seen.set(key, n);
      const dropped = post && n <= drops;
      if (post) attempts.push({ key, path: req.url ?? '', headers: req.headers, dropped });
      fetch(`${target}${req.url ?? '/'}`, {
        method: req.method,
        headers: forwardable(req.headers),
        ...(body.length > 0 ? { body } : {}),
      }).then(
        async (answer) => {
          const text = await answer.text();
          const headers = Object.fromEntries([...answer.headers].filter(([k]) => !HOP.has(k)));
          if (!dropped) return void res.writeHead(answer.status, headers).end(text);
          // The collector's CORS headers stay, so the page reads the 504 rather than a network error.
          res.writeHead(504, { ...headers, 'content-type': 'text/plain' }).end('gateway timeout');
        },
        () => res.writeHead(502).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    attempts,
    /** How many distinct requests have had an answer relayed (their drops are used up). */
    answered: () => [...seen.values()].filter((n) => n > drops).length,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
