import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const chromium = '/usr/bin/chromium';

// Tests run against package sources, never a stale dist/.
const alias = [
  { find: /^@pulse\/widget\/define$/, replacement: `${root}packages/widget/src/define.ts` },
  { find: /^@pulse\/(core|tracker|widget|collector)$/, replacement: `${root}packages/$1/src/index.ts` },
];

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
