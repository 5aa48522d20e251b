import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    // Two cores: keep forks few so the child-process tests are not starved.
    maxWorkers: 2,
  },
});
