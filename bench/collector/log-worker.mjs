// One scoring worker (`createWorker`, what `pulse worker` runs) in its own process,
// for bench/collector/log-workers.mjs: applies the log to a PostgreSQL schema.
// Reports over IPC when it runs; answers 'cpu' with its CPU time and stops on 'stop'.
const [bundle, servers, prefix, db, schema] = process.argv.slice(2);
const { createWorker, openJetStreamLog, openStore, loadConfig } = await import(bundle);
const log = await openJetStreamLog({ servers, prefix });
const store = openStore(db, { schema });
const configs = await loadConfig(store, undefined);
const worker = createWorker({ log, target: { store, configs, webhooks: [], now: Date.now }, batchSize: 500 });
process.send({ ready: true });
process.on('message', async (m) => {
  if (m === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send({ cpuMicros: user + system });
  }
  if (m === 'stop') {
    await worker.close();
    await log.close();
    await store.close();
    process.exit(0);
  }
});
