import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The CI-sized run of bench/collector/soak.mjs (60 s there): a collector in its
// own process under autocannon load on loopback for 15 s, RSS sampled each second.

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..');

interface SoakReport {
  requests: number;
  errors: number;
  peakRssMb: number;
  growthMb: number;
  boundMb: number;
  samples: number;
}

function soak(seconds: number): Promise<{ code: number; report: SoakReport }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(root, 'bench/collector/soak.mjs'), '--duration', String(seconds), '--connections', '8'],
      { cwd: root, timeout: 120_000 },
      (error, stdout) => {
        const line = stdout.trim().split('\n').pop() ?? '';
        try {
          resolve({ code: error ? Number(error.code ?? 1) : 0, report: JSON.parse(line) as SoakReport });
        } catch {
          reject(new Error(`soak printed no report: ${String(error)}\n${stdout}`));
        }
      },
    );
  });
}

describe('memory under sustained load', () => {
  it('keeps RSS bounded with no socket errors or 5xx through a 15 s soak', async () => {
    const { code, report } = await soak(15);
    console.log(`soak: ${JSON.stringify(report)}`);
    expect(report.requests).toBeGreaterThan(0);
    expect(report.errors).toBe(0);
    expect(report.samples).toBeGreaterThanOrEqual(10);
    expect(report.growthMb).toBeLessThanOrEqual(report.boundMb);
    expect(code).toBe(0);
  }, 150_000);
});
