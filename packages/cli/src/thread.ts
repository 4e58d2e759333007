// The bundle's worker thread (rolldown.config.ts): `specforge plan` over many specs and
// `specforge check` over many documents start a few (see the registry's threads/thread.ts).
// Chunks load from V8's code cache as in the main thread; entries are saved by the main thread
// only, which loads the same chunks first.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveCacheDir } from './output/cache-dir.js';
import { enableCodeCache } from './output/code-cache.js';

enableCodeCache({
  bundleDir: dirname(fileURLToPath(import.meta.url)),
  cacheDir: join(resolveCacheDir(), 'v8-code-cache'),
  saveOnExit: () => false,
});
// Loaded once the cache is on, and called: the bundle keeps no top-level code of a package
// marked free of side effects.
void import('@specforge/template-registry/thread').then(({ runSpecforgeThread }) =>
  runSpecforgeThread(),
);
