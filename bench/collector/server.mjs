// One server under test, in its own process so that autocannon and the server
// each get a core: `ceiling` (bare node:http + JSON.parse); the collector's own
// layers without storage, to show where a batch's cost goes: `fastify` (Fastify
// with the collector's body parser) and `validate` (plus per-event validation
// and normalisation, as ingestion runs it); or the collector on SQLite or
// PostgreSQL. Reports its port over IPC and stops on 'stop'.
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [kind, bundle, pgUrl] = process.argv.slice(2);

async function ceiling() {
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const n = Array.isArray(body.batch) ? body.batch.length : 0;
      res.writeHead(200, { 'content-type': 'application/json' }).end(`{"accepted":${n},"duplicates":0,"rejected":[]}`);
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: server.address().port, close: () => new Promise((r) => server.close(r)) };
}

// The collector's HTTP layer and validation, answering as if every event were new.
async function layer() {
  const { default: Fastify } = await import('fastify');
  const { normalizeBody, registerBodyParsers, SERVER_SIDE, LIMITS } = await import(bundle);
  const app = Fastify({ logger: false, bodyLimit: LIMITS.maxRequestBytes });
  registerBodyParsers(app, LIMITS.maxRequestBytes);
  app.post('/v1/batch', async (req) => {
    if (kind === 'fastify') return { accepted: req.body.batch.length, duplicates: 0, rejected: [] };
    const { items, rejected } = normalizeBody(req.body, 'batch', Date.now(), SERVER_SIDE);
    return { accepted: items.length, duplicates: 0, rejected };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { port: app.server.address().port, close: () => app.close() };
}

async function collector() {
  const { createCollector, createPostgresStore } = await import(bundle);
  const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-'));
  const schema = `pulse_bench_${process.pid}`;
  const store = kind === 'postgres' ? createPostgresStore({ url: pgUrl, schema, poolSize: 10 }) : undefined;
  const c = await createCollector({
    ...(store ? { store, ownStore: true } : { db: join(dir, 'pulse.db') }),
    rateLimit: false,
    sweepIntervalMs: 0,
    dev: true,
  });
  const url = new URL(await c.listen({ port: 0 }));
  return {
    port: Number(url.port),
    writeKey: c.writeKey,
    secretKey: c.secretKey,
    async close() {
      await c.close();
      if (kind === 'postgres') {
        const pg = (await import('pg')).default;
        const client = new pg.Client({ connectionString: pgUrl });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const server =
  kind === 'ceiling' ? await ceiling() : kind === 'fastify' || kind === 'validate' ? await layer() : await collector();
process.send({ port: server.port, writeKey: server.writeKey, secretKey: server.secretKey });
process.on('message', async (m) => {
  if (m === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send({ cpuMicros: user + system });
  }
  if (m === 'stop') {
    await server.close();
    process.exit(0);
  }
});
