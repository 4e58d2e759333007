import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The smoke run spawns a few hundred processes, on two cores shared with the other packages'
    // tasks under turbo.
    testTimeout: 180_000,
  },
});
