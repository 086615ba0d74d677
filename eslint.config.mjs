import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const focusedOrSkipped = ['only', 'skip'].flatMap((property) =>
  ['it', 'test', 'describe'].map((object) => ({
    object,
    property,
    message: `No .${property}: every test runs in CI.`,
  })),
);

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/test-results/**',
      '**/playwright-report/**',
      'bench/results/**',
      'data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', ...focusedOrSkipped],
    },
  },
);
