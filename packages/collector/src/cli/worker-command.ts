import type { Command } from 'commander';
import { loadConfig } from '../config/config-holder.js';
import { readConfigFile } from '../config/read-config-file.js';
import { DEFAULT_DB, openStore } from '../store/open-store.js';
import { createWorker } from '../worker/create-worker.js';
import type { CliIo } from './cli-io.js';
import { configOption, dbOption, type CollectorFlags } from './collector-flags.js';
import { addLogOptions, openLogOf, type LogFlags } from './log-flags.js';

type WorkerFlags = CollectorFlags & LogFlags & { batchSize: string; webhook?: string[] };

async function runWorker(opts: WorkerFlags, io: CliIo): Promise<void> {
  const log = await openLogOf(opts, io);
  if (log === null) throw new Error('--log: required (or PULSE_LOG), e.g. nats://127.0.0.1:4222');
  const store = openStore(opts.db ?? io.env.PULSE_DB ?? DEFAULT_DB);
  try {
    await store.migrate();
    const file = opts.config ?? io.env.PULSE_CONFIG;
    const configs = await loadConfig(store, file ? readConfigFile(file) : undefined);
    const webhooks = (io.env.PULSE_WEBHOOKS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const errors = new Map<string, number>();
    // Fault injection for the tests: hold the first batch that stored new events between its
    // commit and its acknowledgement, so a SIGKILL lands exactly there.
    const holdMs = Number(io.env.PULSE_WORKER_HOLD_BEFORE_ACK_MS ?? 0);
    let held = false;
    const worker = createWorker({
      log,
      target: { store, configs, webhooks, now: Date.now },
      batchSize: Number(opts.batchSize),
      onLease: (event, lease) => io.err(`partition ${lease.partition}: ${event}\n`),
      ...(holdMs > 0
        ? {
            afterApply: async (lease, outcome, offset) => {
              if (held || outcome.inserted === 0) return;
              held = true;
              io.err(`partition ${lease.partition}: committed up to offset ${offset}, holding the ack ${holdMs} ms\n`);
              await new Promise((r) => setTimeout(r, holdMs));
            },
          }
        : {}),
      onError: (lease, error) => {
        // One line per kind of failure every 100 occurrences: a database outage retries many times.
        const text = `partition ${lease.partition}: ${error instanceof Error ? error.message : String(error)}`;
        const n = (errors.get(text) ?? 0) + 1;
        errors.set(text, n);
        if (n % 100 === 1) io.err(`${text} (retrying)\n`);
      },
    });
    io.err(`Pulse worker ${worker.id}: ${log.partitions} partitions, ${store.kind}\n`);
    await new Promise<void>((resolve) => {
      io.onSignal?.((signal) => {
        io.err(`${signal}: finishing the batches in hand\n`);
        resolve();
      });
    });
    await worker.close();
  } finally {
    await log.close();
    await store.close();
  }
}

/**
 * `pulse worker --log nats://… --db …`: applies the event log to the database
 * in batches, sharing the partitions with the other workers.
 *
 * @example
 * registerWorkerCommand(program, io);
 */
export function registerWorkerCommand(program: Command, io: CliIo): void {
  addLogOptions(
    program
      .command('worker')
      .description(
        'apply events from the log (pulse serve --log) to the database, sharing partitions with other workers',
      ),
  )
    .addOption(dbOption())
    .addOption(configOption())
    .option('--batch-size <n>', 'records per transaction', '500')
    .action((opts: WorkerFlags) => runWorker(opts, io));
}
