import { defineConfig } from 'vitest/config';

// Unit and integration tests (server + shared). Database tests run on PGlite always and on
// PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). Browser tests: web/e2e/vitest.config.ts.
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'shared/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'web/**'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // CI also writes a JSON report, summed into one "N passed, N failed" line by scripts/test-summary.mjs.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.tmp/vitest-unit.json' }]] : ['default'],
  },
});
