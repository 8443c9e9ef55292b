// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Imports the pure domain may never use: IO, native stores, randomness. */
const forbiddenInDomain = [
  'node:*', 'fs', 'fs/*', 'net', 'http', 'https', 'crypto', 'child_process', 'os', 'path', 'process',
  'better-sqlite3', '@eventstore/*', 'uuid', '@jamsos/*',
];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'CallExpression[callee.property.name="only"]', message: 'No focused tests.' }],
    },
  },
  {
    files: ['packages/domain/src/**/*.ts'],
    ignores: ['packages/domain/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: forbiddenInDomain.map((group) => ({ group: [group], message: 'The domain does no IO and stays deterministic: inject it instead.' })) }],
      'no-restricted-globals': ['error', 'console', 'process', 'fetch', 'setTimeout', 'setInterval', 'performance', 'crypto', 'require'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Inject a clock: the domain has no time of its own.' },
        { object: 'Math', property: 'random', message: 'Inject randomness: the domain is deterministic.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'NewExpression[callee.name="Date"][arguments.length=0]', message: 'new Date() reads the clock: inject it.' },
        { selector: 'ImportExpression', message: 'No dynamic imports in the domain.' },
      ],
    },
  },
);
