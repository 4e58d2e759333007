import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Property and end-to-end tests share two cores with the other packages' tasks under turbo.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
