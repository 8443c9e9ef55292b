import { defineConfig } from 'vitest/config';

// Tests run on the TypeScript sources: the "@jamsos/source" export condition points each
// workspace package at its src/ so no build is needed before `pnpm test`.
export default defineConfig({
  resolve: { conditions: ['@jamsos/source', 'module', 'node', 'import', 'default'] },
  ssr: { resolve: { conditions: ['@jamsos/source', 'module', 'node', 'import', 'default'] } },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'examples/*/src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    // The JSON results let .ci/run print a plain "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: 'node_modules/.cache/vitest-results.json' },
  },
});
