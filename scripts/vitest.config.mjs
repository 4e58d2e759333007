import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The tests of the repository's own scripts (scripts/*.test.mjs): `pnpm test:scripts`, run by
// turbo as the root task `//#test:scripts` after the packages are built.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('..', import.meta.url)),
    include: ['scripts/**/*.test.mjs'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
  },
});
