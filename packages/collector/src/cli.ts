#!/usr/bin/env node
import { CommanderError } from 'commander';
import { createCli } from './cli/create-cli.js';

const cli = createCli({
  env: process.env,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  progress: process.stderr.isTTY === true,
  onSignal(handler) {
    let count = 0;
    const on = (signal: NodeJS.Signals): void => {
      // A second signal means "now": skip the drain.
      if (++count > 1) process.exit(1);
      handler(signal);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  },
});

cli.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode;
    return;
  }
  process.stderr.write(`pulse: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
