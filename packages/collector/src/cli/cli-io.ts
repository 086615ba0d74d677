import type { Collector } from '../create-collector.js';

/**
 * Where the CLI reads its environment and writes its output (tests pass their own).
 *
 * @example
 * const io: CliIo = { env: process.env, out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s), progress: true };
 */
export interface CliIo {
  env: Record<string, string | undefined>;
  out(text: string): void;
  err(text: string): void;
  /** Draw progress bars (stderr, a terminal). */
  progress: boolean;
  /** Registers the graceful-shutdown handler for SIGTERM and SIGINT. */
  onSignal?(handler: (signal: string) => void): void;
  /** Called when `serve` is up (tests use it to reach the collector). */
  onServe?(collector: Collector, url: string): void;
}
