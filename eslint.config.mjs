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

// Dependencies run one way (docs/architecture.md): core ← tracker ← widget; core ← collector;
// the dashboard talks to the collector over HTTP only (types may be shared).
const onlyPulse = (allowed, message, extra = {}) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [{ group: ['@pulse/*', ...allowed.map((name) => `!@pulse/${name}`)], message, ...extra }],
    },
  ],
});

// Collector folders that hold the domain: they raise PulseErrors and never speak HTTP.
const COLLECTOR_DOMAIN = [
  'ingest',
  'scoring',
  'config',
  'jobs',
  'ops',
  'analytics',
  'users',
  'experiments',
  'calibrate',
  'store',
  'auth',
];

const layering = [
  {
    files: ['packages/core/src/**'],
    rules: onlyPulse([], '@pulse/core is the pure bottom layer: it imports no other @pulse package.'),
  },
  {
    files: ['packages/core/test/**'],
    rules: onlyPulse(['core'], "@pulse/core's tests import only @pulse/core."),
  },
  {
    files: ['packages/tracker/**'],
    rules: onlyPulse(['core', 'tracker'], '@pulse/tracker imports only @pulse/core.'),
  },
  {
    files: ['packages/widget/**'],
    rules: onlyPulse(
      ['core', 'tracker', 'widget', 'widget/*'],
      '@pulse/widget imports only @pulse/core and @pulse/tracker.',
    ),
  },
  {
    files: ['packages/collector/**'],
    rules: onlyPulse(
      ['core', 'collector'],
      "@pulse/collector imports only @pulse/core (it serves the browser packages' builds as files).",
    ),
  },
  {
    files: ['packages/dashboard/**'],
    rules: onlyPulse([], 'the dashboard talks to the collector over HTTP: only `import type` from @pulse packages.', {
      allowTypeImports: true,
    }),
  },
  {
    // The model editor shows the validator's own messages at each field (the collector runs the
    // same one on PUT): core's pure validator, in the editor's lazy chunk only (docs/decisions.md).
    files: ['packages/dashboard/src/pages/models/**'],
    rules: onlyPulse(['core'], 'the model editor imports only @pulse/core (its validator); the rest over HTTP.', {
      allowTypeImports: true,
    }),
  },
  {
    // The nudge editor (a lazy chunk) runs core's validator at each field and renders the
    // live preview with the widget's real <pulse-nudge> (docs/decisions.md); never the collector.
    files: ['packages/dashboard/src/pages/nudges/**'],
    rules: onlyPulse(
      ['core', 'widget', 'widget/define'],
      'the nudge editor imports @pulse/core and @pulse/widget only (the collector over HTTP).',
      { allowTypeImports: true },
    ),
  },
  {
    // The HTTP contract: the routes and the domain read it, the dashboard imports its types;
    // it reads nothing of the collector, so importing it never drags the server along.
    files: ['packages/collector/src/contract/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*'], message: 'the contract is a leaf: it imports only typebox and @pulse/core.' },
            { group: ['fastify', '@fastify/*'], message: 'the contract is plain JSON Schema: no Fastify.' },
            { group: ['@pulse/*', '!@pulse/core'], message: '@pulse/collector imports only @pulse/core.' },
          ],
        },
      ],
    },
  },
  {
    files: [`packages/collector/src/{${COLLECTOR_DOMAIN.join(',')}}/**`],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/http', '**/http/**'],
              message: 'collector domain code never imports http/: throw a PulseError, http/error-handler.ts maps it.',
            },
            {
              group: ['fastify', '@fastify/*'],
              message: 'collector domain code never sees Fastify: take plain values (e.g. Credentials, IdentityProof).',
            },
            {
              group: ['@pulse/*', '!@pulse/core'],
              message: '@pulse/collector imports only @pulse/core.',
            },
          ],
        },
      ],
    },
  },
];

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
  ...layering,
);
