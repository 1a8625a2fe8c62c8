// The dependency rule of ARCHITECTURE.md as lint, so it is enforced by `npm test`, not by habit.
import tseslint from 'typescript-eslint';

const TEAMS_SDKS = ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai', '@microsoft/teams-ai/*'];
const TABLE_SDK = ['@azure/data-tables', '@azure/data-tables/*'];
const IO_MODULES = ['node:fs', 'node:fs/*', 'fs', 'node:http', 'node:net', 'restify', 'pino', '@azure/*', 'node:child_process'];

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'test-results/**', 'bench/out/**', '**/*.cjs', 'eslint.config.js'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-empty': ['error', { allowEmptyCatch: false }],
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through src/config.ts only.' }],
    },
  },
  { files: ['src/config.ts', 'test/**/*.ts', 'bench/**/*.ts'], rules: { 'no-restricted-syntax': 'off' } },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...TEAMS_SDKS, ...TABLE_SDK, ...IO_MODULES], message: 'src/domain is pure: no I/O, no SDKs.' },
          { group: ['../workflows/*', '../storage/*', '../teams/*', '../delivery/*', '../jobs/*', '../cards/*', '../cli/*', '../main.ts', '../server.ts', '../config.ts', '../logging.ts'], message: 'src/domain imports nothing outside src/domain.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'src/domain is pure.' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Pass `now` in; src/domain never reads the clock.' }, { object: 'Math', property: 'random', message: 'Pass randomness in; src/domain is deterministic.' }],
    },
  },
  {
    files: ['src/workflows/**/*.ts', 'src/cards/**/*.ts', 'src/delivery/**/*.ts', 'src/jobs/**/*.ts', 'src/cli/**/*.ts', 'src/server.ts', 'src/config.ts', 'src/logging.ts'],
    rules: restrict([...TEAMS_SDKS, ...TABLE_SDK, '../teams/*', '../storage/*'], 'Only src/teams imports the Teams SDKs and only src/storage imports the table SDK; go through a port in src/workflows/ports.ts.'),
  },
  {
    files: ['src/workflows/**/*.ts', 'src/cards/**/*.ts', 'src/delivery/**/*.ts', 'src/jobs/**/*.ts'],
    rules: restrict([...TEAMS_SDKS, ...TABLE_SDK, '../teams/*', '../storage/*', '../main.ts', 'restify'], 'Workflows, cards, delivery and jobs depend on ports, not on adapters.'),
  },
  { files: ['src/teams/**/*.ts'], rules: restrict([...TABLE_SDK, '../storage/*'], 'src/teams talks to storage through workflow ports.') },
  { files: ['src/storage/**/*.ts'], rules: restrict([...TEAMS_SDKS, '../teams/*'], 'src/storage knows nothing of Teams.') },
);
