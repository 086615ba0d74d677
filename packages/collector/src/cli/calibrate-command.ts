import { writeFileSync } from 'node:fs';
import { utcDay } from '@pulse/core';
import { Option, type Command } from 'commander';
import { calibrate } from '../calibrate/calibrate.js';
import { formatReport } from '../calibrate/format-report.js';
import { PENALTIES, type Penalty } from '../calibrate/logistic-fit.js';
import { DEFAULT_WITHIN_DAYS, parseDay, parseOutcome } from '../calibrate/outcome.js';
import { createCollector } from '../create-collector.js';
import type { CliIo } from './cli-io.js';
import { collectorOptionsOf, configOption, dbOption, type CollectorFlags } from './collector-flags.js';
import { createProgressBar } from './progress-bar.js';

interface CalibrateFlags extends CollectorFlags {
  outcome: string;
  at: string;
  within: string;
  horizon?: string;
  model?: string;
  score?: string;
  penalty: Penalty;
  strength: string;
  json?: boolean;
  writeConfig?: string;
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
    .option('--score <id>', 'score whose model to calibrate (default: the default score)')
    .option('--model <id>', "model to calibrate (default: the score's default model)")
    .addOption(new Option('--penalty <kind>', 'regularisation').choices(PENALTIES).default('l2'))
    .option('--strength <x>', 'regularisation strength on standardised counts', '0.01')
    .option('--json', 'print the full report as JSON')
    .option('--write-config <file>', 'write the full config with the suggested model, for PUT /v1/admin/config')
    .addOption(dbOption())
    .addOption(configOption())
    .action(async (flags: CalibrateFlags) => {
      const outcome = parseOutcome(flags.outcome, Number(flags.within));
      const day = parseDay(flags.at);
      const strength = Number(flags.strength);
      if (!Number.isFinite(strength) || strength < 0) throw new Error('--strength: must be a number ≥ 0');
      const collector = await createCollector({ ...collectorOptionsOf(flags, io), background: false });
      const progress = createProgressBar(io);
      try {
        const report = await calibrate({
          store: collector.store,
          project: collector.project,
          config: collector.config(),
          outcome,
          day,
          horizonDay: flags.horizon === undefined ? utcDay(Date.now()) - 1 : parseDay(flags.horizon, 'horizon'),
          ...(flags.model === undefined ? {} : { modelId: flags.model }),
          ...(flags.score === undefined ? {} : { scoreId: flags.score }),
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
