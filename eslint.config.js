// The dependency rule of ARCHITECTURE.md as lint, so it is enforced by `npm test`, not by habit.
// Rules are by role: features and the kernel never touch an SDK or an adapter folder; a feature
// reaches another feature only through its index.ts; rules.ts and policy.ts stay pure.
import tseslint from 'typescript-eslint';

const TEAMS_SDKS = ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai', '@microsoft/teams-ai/*'];
const TABLE_SDK = ['@azure/data-tables', '@azure/data-tables/*'];
const IO_MODULES = ['node:fs', 'node:fs/*', 'fs', 'node:http', 'node:net', 'restify', 'pino', '@azure/*', 'node:child_process'];
const ADAPTERS = ['**/teams/*', '**/storage/*', '**/main.ts', '**/cli/*'];
// A feature's inside, seen from another feature: '../<feature>/<file>' other than index.ts.
const OTHER_FEATURE_INSIDE = {
  regex: '^\\.\\./[a-z-]+/(?!index(\\.ts)?$)[^/]+$',
  message: 'A feature imports another feature only through its index.ts.',
};

// Switched on once every feature has its index.ts and the kernel no longer names a feature.
const FEATURE_WALLS = true;

const restrict = (patterns, message, extra = []) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }, ...extra] }],
});

const PURE = {
  'no-restricted-globals': ['error', { name: 'fetch', message: 'Rules and policy are pure.' }],
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'Pass `now` in; rules and policy never read the clock.' },
    { object: 'Math', property: 'random', message: 'Pass randomness in; rules and policy are deterministic.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.data/**',
      'test-results/**',
      'bench/out/**',
      'sim-results/**',
      'build/**',
      'reports/**',
      '**/*.cjs',
      'eslint.config.js',
    ],
  },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through src/config.ts only.',
        },
      ],
    },
  },
  { files: ['src/config.ts', 'test/**/*.ts', 'bench/**/*.ts', 'sim/**/*.ts'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['src/features/**/*.ts'],
    rules: restrict(
      [...TEAMS_SDKS, ...TABLE_SDK, ...ADAPTERS, 'restify'],
      'Features depend on kernel ports, never on an SDK, src/teams, src/storage, the CLI or main.ts.',
      FEATURE_WALLS ? [OTHER_FEATURE_INSIDE] : [],
    ),
  },
  {
    files: ['src/kernel/**/*.ts'],
    rules: restrict(
      [...TEAMS_SDKS, ...TABLE_SDK, ...ADAPTERS, 'restify', ...(FEATURE_WALLS ? ['**/features/*/*'] : [])],
      'The kernel is shared by every feature and knows none of them, nor any SDK or adapter.',
    ),
  },
  {
    // Pure rule files: the state machines, the policies and the kernel's pure rules.
    files: [
      'src/features/**/rules.ts',
      'src/features/**/policy.ts',
      'src/kernel/responsibility.ts',
      'src/kernel/escalation.ts',
      'src/kernel/task-escalation.ts',
      'src/kernel/working-time.ts',
      'src/kernel/working-pattern.ts',
      'src/kernel/uk-time.ts',
      'src/kernel/types.ts',
      'src/kernel/format.ts',
    ],
    // One rule per file wins in flat config, so this list repeats the walls of features and kernel.
    rules: {
      ...restrict(
        [...TEAMS_SDKS, ...TABLE_SDK, ...IO_MODULES, ...ADAPTERS, ...(FEATURE_WALLS ? ['**/features/*/*'] : [])],
        'Rules and policy are pure: no I/O, no SDKs, no adapters; the kernel names no feature.',
        FEATURE_WALLS ? [OTHER_FEATURE_INSIDE] : [],
      ),
      ...PURE,
    },
  },
  {
    files: [
      'src/delivery/**/*.ts',
      'src/jobs/**/*.ts',
      'src/cli/**/*.ts',
      'src/reports/**/*.ts',
      'src/graph/**/*.ts',
      'src/server.ts',
      'src/config.ts',
      'src/logging.ts',
    ],
    rules: restrict(
      [...TEAMS_SDKS, ...TABLE_SDK, '../teams/*', '../storage/*'],
      'Only src/teams imports the Teams SDKs and only src/storage imports the table SDK; go through a kernel port.',
    ),
  },
  { files: ['src/teams/**/*.ts'], rules: restrict([...TABLE_SDK, '../storage/*'], 'src/teams talks to storage through kernel ports.') },
  { files: ['src/storage/**/*.ts'], rules: restrict([...TEAMS_SDKS, '../teams/*'], 'src/storage knows nothing of Teams.') },
);
