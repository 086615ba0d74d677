import { Option, type Command } from 'commander';
import type { EventLog } from '../log/event-log.js';
import { openJetStreamLog } from '../log/jetstream-log.js';
import type { CliIo } from './cli-io.js';

/**
 * The event-log flags of `serve` and `worker`.
 *
 * @example
 * const flags: LogFlags = { log: 'nats://h1:4222,h2:4222,h3:4222', partitions: '16' };
 */
export interface LogFlags {
  log?: string;
  logReplicas?: string;
  partitions?: string;
}

/**
 * Adds `--log <urls>` (env `PULSE_LOG`), `--log-replicas <n>` and `--partitions <n>` to a command.
 *
 * @example
 * addLogOptions(program.command('worker'));
 */
export function addLogOptions(command: Command): Command {
  return command
    .addOption(new Option('--log <urls>', 'NATS JetStream servers, nats://h1:4222,h2:4222,h3:4222 (env PULSE_LOG)'))
    .addOption(new Option('--log-replicas <n>', 'replicas per partition (default 3 when the cluster has 3 nodes)'))
    .addOption(new Option('--partitions <n>', 'partitions of the log, fixed once created (default 16)'));
}

function count(flag: string, value: string | undefined, max = 1024): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`${flag}: must be a whole number from 1 to ${max}`);
  return n;
}

/**
 * Opens the event log the flags (or `PULSE_LOG`) name; null when neither does.
 * `PULSE_LOG_PREFIX` names the streams and bucket (several deployments on one
 * cluster), `PULSE_LOG_LEASE_MS` the partition lease TTL (default 10 s).
 *
 * @example
 * const log = await openLogOf(opts, io);
 */
export async function openLogOf(flags: LogFlags, io: Pick<CliIo, 'env'>): Promise<EventLog | null> {
  const servers = flags.log ?? io.env.PULSE_LOG;
  if (servers === undefined || servers === '') return null;
  const partitions = count('--partitions', flags.partitions);
  const replicas = count('--log-replicas', flags.logReplicas);
  return openJetStreamLog({
    servers,
    ...(partitions === undefined ? {} : { partitions }),
    ...(replicas === undefined ? {} : { replicas }),
    ...(io.env.PULSE_LOG_PREFIX ? { prefix: io.env.PULSE_LOG_PREFIX } : {}),
    ...(io.env.PULSE_LOG_LEASE_MS
      ? { leaseTtlMs: count('PULSE_LOG_LEASE_MS', io.env.PULSE_LOG_LEASE_MS, 3_600_000)! }
      : {}),
  });
}
