import { closeSync, openSync, writeSync } from 'node:fs';
import { Command, Option } from 'commander';
import { createCollector, type Collector, type CollectorOptions } from '../create-collector.js';
import { EXPORT_FORMATS, exportUsers, type ExportFormat } from '../analytics/export-users.js';
import { importNdjson } from '../ingest/import-ndjson.js';
import { parseInterval } from '../jobs/scheduler.js';
import { readUserState } from '../scoring/read-state.js';
import { registerCalibrateCommand } from './calibrate-command.js';
import type { CliIo } from './cli-io.js';
import { collectorOptionsOf, configOption, dbOption, type CollectorFlags } from './collector-flags.js';
import { createProgressBar } from './progress-bar.js';
import { addLogOptions, openLogOf, type LogFlags } from './log-flags.js';
import { registerWorkerCommand } from './worker-command.js';

function printKeys(c: Collector, io: CliIo): void {
  if (!c.generatedKeys) return;
  io.err(`New keys (shown once; stored in the database):\n  write key  ${c.writeKey}\n  secret key ${c.secretKey}\n`);
}

async function oneShot<T>(
  opts: CollectorFlags,
  io: CliIo,
  run: (c: Collector) => Promise<T>,
  extra: CollectorOptions = {},
): Promise<T> {
  const c = await createCollector({ ...collectorOptionsOf(opts, io), ...extra, background: false });
  printKeys(c, io);
  try {
    return await run(c);
  } finally {
    await c.close();
  }
}

const webhookOption = () =>
  new Option('--webhook <url>', 'POST band changes here (repeatable; env PULSE_WEBHOOKS, comma-separated)')
    .argParser((v: string, all: string[] = []) => [...all, v])
    .default([]);

function webhookUrls(opts: { webhook: string[] }, io: CliIo): string[] {
  const fromEnv = (io.env.PULSE_WEBHOOKS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...fromEnv, ...opts.webhook];
}

async function serve(
  opts: CollectorFlags & {
    port?: string;
    host: string;
    static?: string;
    webhook: string[];
    dev?: boolean;
    devTokens?: boolean;
    recomputeEvery?: string;
  } & LogFlags,
  io: CliIo,
) {
  const env = io.env;
  const webhooks = webhookUrls(opts, io);
  const log = await openLogOf(opts, io);
  const collector = await createCollector({
    ...(log === null ? {} : { log }),
    ...collectorOptionsOf(opts, io),
    ...(opts.static ? { staticDir: opts.static } : {}),
    ...(opts.dev === undefined ? {} : { dev: opts.dev }),
    devTokens: opts.devTokens ?? false,
    webhooks,
    recomputeIntervalMs: parseInterval(opts.recomputeEvery ?? env.PULSE_RECOMPUTE_EVERY ?? '24h'),
    logger: { level: env.PULSE_LOG_LEVEL ?? 'warn' },
  });
  const url = await collector.listen({ port: Number(opts.port ?? env.PULSE_PORT ?? 8787), host: opts.host });
  printKeys(collector, io);
  const mode = collector.context.dev ? 'development mode: any CORS origin' : 'production mode';
  const path =
    log === null ? collector.store.kind : `${collector.store.kind} through a ${log.partitions}-partition log`;
  io.err(`Pulse collector on ${url} (${path}, ${mode})\n`);
  io.err(
    [
      ...(opts.static ? [`  app        ${url}/`] : []),
      `  dashboard  ${url}/dashboard/   (sign in with the secret key)`,
      `  SDK        ${url}/sdk/pulse.min.js`,
      `  API        ${url}/openapi.json`,
    ].join('\n') + '\n',
  );
  let stopping = false;
  io.onSignal?.((signal) => {
    if (stopping) return;
    stopping = true;
    io.err(`${signal}: draining and shutting down\n`);
    void collector.close().then(() => io.err('stopped\n'));
  });
  io.onServe?.(collector, url);
}

/**
 * The `pulse` command line: `serve`, `import`, `rescore`, `recompute`, `export`, `score`, `token`.
 *
 * @example
 * await createCli(io).parseAsync(['node', 'pulse', 'token', 'user-42']);
 */
export function createCli(io: CliIo): Command {
  const program = new Command('pulse')
    .description('Pulse collector: ingestion, authoritative scores, webhooks')
    .exitOverride();
  program.configureOutput({ writeOut: io.out, writeErr: io.err });

  addLogOptions(program.command('serve'))
    .description('run the collector')
    .option('--port <port>', 'port (env PULSE_PORT; default 8787)')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .addOption(dbOption())
    .addOption(configOption())
    .option('--static <dir>', 'serve a directory at / (the demo)')
    .addOption(webhookOption())
    .option(
      '--recompute-every <interval>',
      'purge events past retention and re-score everyone this often: 24h, 30m, 1d, off (env PULSE_RECOMPUTE_EVERY; default 24h)',
    )
    .option('--dev', 'development mode: allow any CORS origin (default unless NODE_ENV=production)')
    .option('--no-dev', 'production mode: only allowedOrigins and the same origin')
    .option(
      '--dev-tokens',
      'development only: serve GET /v1/dev/token/{userId} so a demo without a backend gets tokens',
    )
    .action((opts) => serve(opts, io));

  program
    .command('import <file>')
    .description('import events from newline-delimited JSON (resumable; same validation and dedupe)')
    .addOption(dbOption())
    .addOption(configOption())
    .option('--batch-size <n>', 'events per transaction', '20000')
    .action((file: string, opts: CollectorFlags & { batchSize: string }) =>
      oneShot(opts, io, async (c) => {
        const progress = createProgressBar(io);
        // The closing rebuild scores the imported events and backfills their daily history.
        const { rescored: history, ...summary } = await importNdjson(c.context, file, {
          batchSize: Number(opts.batchSize),
          onProgress: (bytes, total) => progress.update('import', bytes, total),
          onRescoreProgress: (done, total) => progress.update('scores', done, total),
        });
        progress.stop();
        io.out(`${JSON.stringify({ ...summary, history }, null, 2)}\n`);
        if (summary.rejected > 0) process.exitCode = 1;
      }),
    );

  program
    .command('rescore')
    .description('rebuild every rollup and score from raw events')
    .addOption(dbOption())
    .addOption(configOption())
    .action((opts: CollectorFlags) =>
      oneShot(opts, io, async (c) => {
        const progress = createProgressBar(io);
        const summary = await c.rescore((done, total) => progress.update('rescore', done, total));
        progress.stop();
        io.out(`${JSON.stringify(summary)}\n`);
      }),
    );

  program
    .command('recompute')
    .description(
      're-score every user now (decay, inactivity, window expiry, lifecycle moves), purge events past retention, send band-change webhooks',
    )
    .addOption(dbOption())
    .addOption(configOption())
    .addOption(webhookOption())
    .action((opts: CollectorFlags & { webhook: string[] }) => {
      const webhooks = webhookUrls(opts, io);
      return oneShot(
        opts,
        io,
        async (c) => {
          const progress = createProgressBar(io);
          const summary = await c.recompute((done, total) => progress.update('recompute', done, total));
          progress.stop();
          const delivered = await c.deliverWebhooks();
          io.out(`${JSON.stringify({ ...summary, webhooksDelivered: delivered })}\n`);
        },
        { webhooks },
      );
    });

  program
    .command('export')
    .description("write every identified user's score, band, model and per-signal contributions (CRM import)")
    .addOption(dbOption())
    .addOption(configOption())
    .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).default('csv'))
    .option('--out <file>', 'write to this file instead of stdout')
    .action((opts: CollectorFlags & { format: ExportFormat; out?: string }) =>
      oneShot(opts, io, async (c) => {
        const fd = opts.out === undefined ? null : openSync(opts.out, 'w');
        try {
          const n = await exportUsers(c.context, {
            format: opts.format,
            write: (chunk) => (fd === null ? io.out(chunk) : void writeSync(fd, chunk)),
          });
          io.err(`exported ${n} users\n`);
        } finally {
          if (fd !== null) closeSync(fd);
        }
      }),
    );

  program
    .command('score <userId>')
    .description("print a user's authoritative state as JSON")
    .addOption(dbOption())
    .addOption(configOption())
    .action((userId: string, opts: CollectorFlags) =>
      oneShot(opts, io, async (c) => io.out(`${JSON.stringify(await readUserState(c.context, userId), null, 2)}\n`)),
    );

  program
    .command('token <userId>')
    .description("print a user's identity token, HMAC-SHA256(secretKey, userId) (for development)")
    .addOption(dbOption())
    .action((userId: string, opts: CollectorFlags) =>
      oneShot(opts, io, async (c) => io.out(`${c.userToken(userId)}\n`)),
    );

  registerCalibrateCommand(program, io);
  registerWorkerCommand(program, io);
  return program;
}
