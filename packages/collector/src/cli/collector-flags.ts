import { Option } from 'commander';
import type { CollectorOptions } from '../create-collector.js';
import { DEFAULT_DB } from '../store/open-store.js';
import type { CliIo } from './cli-io.js';

/**
 * The flags every command that opens a collector takes.
 *
 * @example
 * const flags: CollectorFlags = { db: 'postgres://…', config: 'pulse.config.json' };
 */
export interface CollectorFlags {
  db?: string;
  config?: string;
}

/**
 * `--db <path|url>` (env `PULSE_DB`).
 *
 * @example
 * program.command('score <userId>').addOption(dbOption());
 */
export const dbOption = (): Option =>
  new Option('--db <path|url>', `SQLite file or postgres:// URL (env PULSE_DB; default ${DEFAULT_DB})`);

/**
 * `--config <file>` (env `PULSE_CONFIG`).
 *
 * @example
 * program.command('rescore').addOption(dbOption()).addOption(configOption());
 */
export const configOption = (): Option => new Option('--config <file>', 'pulse.config.json (env PULSE_CONFIG)');

/**
 * The collector options of a command's flags and the `PULSE_*` environment:
 * flags win over the environment, the environment over the defaults.
 *
 * @example
 * const collector = await createCollector({ ...collectorOptionsOf(flags, io), background: false });
 */
export function collectorOptionsOf(flags: CollectorFlags, io: Pick<CliIo, 'env'>): CollectorOptions {
  const env = io.env;
  const config = flags.config ?? env.PULSE_CONFIG;
  const db = flags.db ?? env.PULSE_DB;
  return {
    ...(db === undefined ? {} : { db }),
    ...(config ? { config } : {}),
    ...(env.PULSE_WRITE_KEY ? { writeKey: env.PULSE_WRITE_KEY } : {}),
    ...(env.PULSE_SECRET_KEY ? { secretKey: env.PULSE_SECRET_KEY } : {}),
  };
}
