import { existsSync } from 'node:fs';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { sourceAliases } from './scripts/workspaces.mjs';

const chromium = '/usr/bin/chromium';

// Tests run against package sources, never a stale dist/: every `source` export condition
// of the root package.json's workspaces.
const alias = sourceAliases();

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          environment: 'node',
          include: ['packages/{core,collector}/{src,test}/**/*.test.ts', 'packages/*/src/**/*.node.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'browser',
          include: [
            'packages/{core,tracker,widget}/src/**/*.browser.test.ts',
            'packages/{tracker,widget}/src/**/*.test.ts',
            'packages/dashboard/src/**/*.test.{ts,tsx}',
          ],
          exclude: ['**/*.node.test.ts', '**/node_modules/**'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: existsSync(chromium) ? chromium : undefined,
                args: [
                  '--no-sandbox',
                  '--disable-gpu',
                  '--disable-background-networking',
                  '--disable-component-update',
                ],
              },
            }),
            instances: [{ browser: 'chromium' }],
            screenshotFailures: false,
          },
        },
      },
    ],
  },
});
