import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // A test builds the whole site, beside the other packages' tasks under turbo.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
