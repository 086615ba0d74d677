// The collector with the event log in front (`pulse serve --log`), in its own
// process so that autocannon and the server each get a core. Publishes to the
// JetStream servers in argv[3]; stores nothing itself (no worker runs during the
// request-path run). Reports its port over IPC; answers 'cpu' and stops on 'stop'.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [bundle, servers, prefix] = process.argv.slice(2);
const { createCollector, openJetStreamLog } = await import(bundle);
const dir = mkdtempSync(join(tmpdir(), 'pulse-bench-log-'));
const log = await openJetStreamLog({ servers, prefix, partitions: 16 });
const c = await createCollector({ db: join(dir, 'pulse.db'), rateLimit: false, sweepIntervalMs: 0, dev: true, log });
const url = new URL(await c.listen({ port: 0 }));
process.send({ port: Number(url.port), writeKey: c.writeKey, secretKey: c.secretKey });
process.on('message', async (m) => {
  if (m === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send({ cpuMicros: user + system });
  }
  if (m === 'stop') {
    await c.close();
    rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  }
});
