import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateConfig } from '@pulse/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDbPath } from '../../test/support.js';
import type { CalibrationReport } from '../calibrate/calibrate.js';
import { parseDay } from '../calibrate/outcome.js';
import { syntheticEvents, syntheticModel } from '../calibrate/synthetic-population.js';
import type { CliIo } from './cli-io.js';
import { createCli } from './create-cli.js';

const DAY = parseDay('2026-03-01');
let tmp: ReturnType<typeof tempDbPath>;
let dir: string;

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { env: {}, out: (t) => out.push(t), err: (t) => err.push(t), progress: false };
  return { value, out, err };
}

const run = (cliIo: CliIo, ...args: string[]) => createCli(cliIo).parseAsync(['node', 'pulse', ...args]);

beforeAll(async () => {
  tmp = tempDbPath();
  dir = join(tmp.path, '..');
  const lines: string[] = [];
  syntheticEvents({ users: 600, seed: 5, observationDay: DAY }, (e) => lines.push(JSON.stringify(e)));
  writeFileSync(join(dir, 'events.ndjson'), lines.join('\n') + '\n');
  writeFileSync(
    join(dir, 'pulse.config.json'),
    JSON.stringify({ models: [syntheticModel([0, 0, 5, 5, 5])], nudges: [] }),
  );
  const t = io();
  await run(
    t.value,
    'import',
    join(dir, 'events.ndjson'),
    '--db',
    tmp.path,
    '--config',
    join(dir, 'pulse.config.json'),
  );
  expect(JSON.parse(t.out.join('')).rejected).toBe(0);
}, 60_000);

afterAll(() => tmp?.cleanup());

describe('pulse calibrate', () => {
  it('prints the report and writes the suggested config', async () => {
    const t = io();
    const file = join(dir, 'suggested.json');
    const common = ['--outcome', 'retention:60-90', '--at', '2026-03-01', '--horizon', '2026-07-01'];
    await run(t.value, 'calibrate', ...common, '--db', tmp.path, '--json', '--write-config', file);
    const report = JSON.parse(t.out.join('')) as CalibrationReport;
    expect(report.users).toBe(600);
    expect(
      report.signals
        .slice(0, 2)
        .map((s) => s.id)
        .sort(),
    ).toEqual(['a', 'b']);
    const written = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    expect(validateConfig(written)).toEqual([]);
    expect(written).toEqual(report.suggestion?.config);

    const text = io();
    await run(text.value, 'calibrate', ...common, '--db', tmp.path);
    const printed = text.out.join('');
    expect(printed).toContain(`ROC AUC: ${report.current.auc.auc!.toFixed(3)}`);
    expect(printed).toContain('Outcome rate by band');
    expect(printed).toContain(`suggested model AUC ${report.suggestion!.heldOut.suggested.auc!.toFixed(3)}`);
  }, 60_000);

  it('names what is wrong with a bad outcome', async () => {
    await expect(
      run(io().value, 'calibrate', '--outcome', 'churn', '--at', '2026-03-01', '--db', tmp.path),
    ).rejects.toThrow('outcome: "churn" is neither event:<name> nor retention:<from>-<to>');
  });
});
