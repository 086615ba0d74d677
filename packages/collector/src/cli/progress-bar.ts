import { SingleBar } from 'cli-progress';
import type { CliIo } from './cli-io.js';

/**
 * A progress bar on stderr, one per stage: `update` with a new stage label
 * ends the current bar and starts the next.
 *
 * @example
 * const bar: ProgressBar = createProgressBar(io);
 * bar.update('import', 512, 4096);
 */
export interface ProgressBar {
  /** `total` null: a running count of events (the total is not known yet). */
  update(stage: string, done: number, total: number | null): void;
  stop(): void;
}

/**
 * The bar of every CLI command with progress (`import`, `rescore`, `recompute`,
 * `calibrate`); draws nothing unless `io.progress` (stderr is a terminal).
 *
 * @example
 * const bar = createProgressBar(io);
 * await c.rescore((done, total) => bar.update('rescore', done, total));
 * bar.stop();
 */
export function createProgressBar(io: Pick<CliIo, 'progress'>): ProgressBar {
  let bar: SingleBar | null = null;
  let current = '';
  const stop = (): void => {
    bar?.stop();
    bar = null;
  };
  return {
    update(stage, done, total) {
      if (!io.progress) return;
      if (stage !== current || bar === null) {
        stop();
        current = stage;
        const format = total === null ? `${stage} {value} events` : `${stage} [{bar}] {percentage}% {value}/{total}`;
        bar = new SingleBar({ format, stream: process.stderr, hideCursor: true });
        bar.start(total ?? 0, 0);
      }
      if (total !== null) bar.setTotal(total);
      bar.update(done);
    },
    stop,
  };
}
