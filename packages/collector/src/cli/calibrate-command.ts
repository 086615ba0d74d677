import { writeFileSync } from 'node:fs';
import { utcDay } from '@pulse/core';
import { SingleBar } from 'cli-progress';
import { Option, type Command } from 'commander';
import { calibrate } from '../calibrate/calibrate.js';
import { formatReport } from '../calibrate/format-report.js';
import { PENALTIES, type Penalty } from '../calibrate/logistic-fit.js';
import { DEFAULT_WITHIN_DAYS, parseDay, parseOutcome } from '../calibrate/outcome.js';
import type { CliIo } from './create-cli.js';
import { createCollector } from '../create-collector.js';

interface CalibrateFlags {
  outcome: string;
  at: string;
  within: string;
  horizon?: string;
  model?: string;
  penalty: Penalty;
  strength: string;
  json?: boolean;
  writeConfig?: string;
  db?: string;
  config?: string;
}

/** One bar per stage: a running count while reading (the event total is not known), a bar while fitting. */
function stageBar(io: CliIo) {
  let bar: SingleBar | null = null;
  let current = '';
  const stop = () => {
    bar?.stop();
    bar = null;
  };
  return {
    update(stage: string, done: number, total: number | null) {
      if (!io.progress) return;
      if (stage !== current) {
        stop();
        current = stage;
        const format = total === null ? `${stage} {value} events` : `${stage} [{bar}] {percentage}% {value}/{total}`;
        bar = new SingleBar({ format, stream: process.stderr, hideCursor: true });
        bar.start(total ?? 0, 0);
      }
      if (total !== null) bar?.setTotal(total);
      bar?.update(done);
    },
    stop,
  };
}

/**
 * Registers `pulse calibrate`: validates the score against an outcome and
 * suggests a better model (see docs/collector.md "Calibrate the model").
 *
 * @example
 * registerCalibrateCommand(program, io);
 */
export function registerCalibrateCommand(program: Command, io: CliIo): void {
  program
    .command('calibrate')
    .description('check how well the score predicts an outcome, and suggest a better model')
    .requiredOption(
      '--outcome <spec>',
      'event:<name> (within --within days after --at) or retention:<from>-<to> (days after first seen)',
    )
    .requiredOption('--at <YYYY-MM-DD>', 'observation date: the score is taken at its end, outcomes after it')
    .option('--within <days>', 'window of an event outcome', String(DEFAULT_WITHIN_DAYS))
    .option('--horizon <YYYY-MM-DD>', 'last day of observed data (default: yesterday)')
    .option('--model <id>', 'model to calibrate (default: the default model)')
    .addOption(new Option('--penalty <kind>', 'regularisation').choices(PENALTIES).default('l2'))
    .option('--strength <x>', 'regularisation strength on standardised counts', '0.01')
    .option('--json', 'print the full report as JSON')
    .option('--write-config <file>', 'write the full config with the suggested model, for PUT /v1/admin/config')
    .option('--db <path|url>', 'SQLite file or postgres:// URL (env PULSE_DB; default ./data/pulse.db)')
    .option('--config <file>', 'pulse.config.json (env PULSE_CONFIG)')
    .action(async (flags: CalibrateFlags) => {
      const outcome = parseOutcome(flags.outcome, Number(flags.within));
      const day = parseDay(flags.at);
      const strength = Number(flags.strength);
      if (!Number.isFinite(strength) || strength < 0) throw new Error('--strength: must be a number ≥ 0');
      const config = flags.config ?? io.env.PULSE_CONFIG;
      const collector = await createCollector({
        db: flags.db ?? io.env.PULSE_DB ?? './data/pulse.db',
        ...(config ? { config } : {}),
        background: false,
      });
      const progress = stageBar(io);
      try {
        const report = await calibrate({
          store: collector.store,
          project: collector.project,
          config: collector.config(),
          outcome,
          day,
          horizonDay: flags.horizon === undefined ? utcDay(Date.now()) - 1 : parseDay(flags.horizon, 'horizon'),
          ...(flags.model === undefined ? {} : { modelId: flags.model }),
          penalty: flags.penalty,
          strength,
          onProgress: progress.update,
        });
        progress.stop();
        io.out(flags.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
        if (flags.writeConfig !== undefined) {
          if (report.suggestion === null) throw new Error('no suggestion to write (see the warnings above)');
          writeFileSync(flags.writeConfig, `${JSON.stringify(report.suggestion.config, null, 2)}\n`);
          io.err(`suggested config written to ${flags.writeConfig}\n`);
        }
      } finally {
        progress.stop();
        await collector.close();
      }
    });
}
