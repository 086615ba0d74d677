import { readFileSync } from 'node:fs';
import { assertConfig, type PulseConfig } from '@pulse/core';

/**
 * Reads and validates a `pulse.config.json`; the error names the file and every
 * problem by path.
 *
 * @example
 * const config = readConfigFile('pulse.config.json');
 */
export function readConfigFile(path: string): PulseConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: cannot read the config (${(error as Error).message})`, { cause: error });
  }
  try {
    return assertConfig(json);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
}
