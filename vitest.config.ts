import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'scripts/**/*.test.ts', 'examples/**/*.test.ts'],
    testTimeout: 60_000,
    // Some suites start a server or load the demo city into one before their cases (slow on a busy 2-core machine).
    hookTimeout: 120_000,
  },
})
