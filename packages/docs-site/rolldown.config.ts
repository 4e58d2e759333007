// Bundles the package's entry (src/index.ts) and its versions worker, with the workspace
// libraries and every dependency but the renderer, into dist/bundle/: the entry the package
// exports. Loading a few chunks instead of some 600 ES modules (core, the registry, YAML,
// markdown-it, semver, diff, and this package's own) takes a docs build's start-up from about
// 400 ms to under 100 ms, and the worker's likewise (docs/benchmarks.md). tsc's unbundled
// modules and declarations stay in dist/ for the types.
//
// Left out, and loaded from this package's dependencies: Eleventy and its Handlebars plugin
// (Eleventy reads its own files relative to its modules), Pagefind (it starts its own binary),
// and Handlebars, so that the pages and the example plans share one copy. The registry finds
// the built-in packs from here too, so they are a dependency of this package.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'rolldown';

const require = createRequire(import.meta.url);
const versionOf = (name: string): string =>
  (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string })
    .version;

export default defineConfig({
  input: {
    index: 'src/index.ts',
    // Beside the chunks, as `new URL('./_versions-worker.js', import.meta.url)` expects it.
    '_versions-worker': 'src/site-model/_versions-worker.ts',
  },
  platform: 'node',
  external: [/^@11ty\//, /^pagefind(\/|$)/, /^handlebars(\/|$)/],
  // Read by cache/tool-versions.ts: the versions of core and the registry that run are the bundled ones.
  transform: {
    define: {
      __SPECFORGE_DOCS_BUNDLE__: JSON.stringify({
        core: versionOf('@specforge/core'),
        registry: versionOf('@specforge/template-registry'),
      }),
    },
  },
  output: {
    dir: 'dist/bundle',
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    // Licence comments stay; the rest is text to parse on every run that nobody reads.
    comments: { legal: true, annotation: false, jsdoc: false },
    cleanDir: true,
  },
});
