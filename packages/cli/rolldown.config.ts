// Bundles the `specforge` bin (src/bin.ts) with everything it imports, the workspace libraries
// and their dependencies, into dist/cli/: `specforge.cjs` answers `--version` alone, the
// commander program (every command's flags and help) is a chunk it loads for anything else, and
// each command's action is a chunk of its own that loads when the command runs. A few files per
// command instead of hundreds of modules, compiled from V8's code cache (src/output/code-cache.ts),
// is what makes start-up fast (docs/benchmarks.md). The chunks are CommonJS because Node 20 can
// cache the compiled code of those only, and bin/specforge.js requires the entry. The public API
// (`dist/index.js` and its types) is tsc's, unbundled ES modules.
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'rolldown';

const { version } = JSON.parse(readFileSync(new URL('package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/** What the chunks `--help` loads may hold: the CLI's own sources and commander. */
const programModule = /(^|[\\/])(packages[\\/]cli[\\/]src|node_modules[\\/]commander)[\\/]|^\0/;

/**
 * Fails the build when a chunk that `specforge --help` loads holds any other module (e.g. after
 * a static import of `@specforge/core` in src/commands/): specforge.cjs, the chunks it imports
 * (the commander program, loaded for everything but `--version`) and theirs.
 * test/help.e2e.test.ts checks that `--help` and `--version` load these chunks only.
 */
function keepProgramLean(): Plugin {
  return {
    name: 'specforge:keep-program-lean',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find(
        (file) => file.type === 'chunk' && file.isEntry && file.name === 'specforge',
      );
      const seen = new Set<string>();
      const extra: string[] = [];
      const visit = (fileName: string, dynamicToo: boolean) => {
        const chunk = bundle[fileName];
        if (seen.has(fileName) || chunk?.type !== 'chunk') return;
        seen.add(fileName);
        extra.push(...chunk.moduleIds.filter((id) => !programModule.test(id)));
        for (const imported of chunk.imports) visit(imported, false);
        if (dynamicToo) for (const imported of chunk.dynamicImports) visit(imported, false);
      };
      if (entry) visit(entry.fileName, true);
      if (extra.length > 0) {
        this.error(
          `specforge.cjs and the program chunks must hold only src/ and commander, but they also hold:\n  ${extra.join('\n  ')}\nImport these in an action (await import(…)), not in a command definition.`,
        );
      }
    },
  };
}

/**
 * Commander requires `node:child_process` when it loads, for executable subcommands, which
 * specforge does not have; loading it costs more than the rest of `specforge --version`. This
 * makes the require lazy: the module is loaded on the first `childProcess.spawn`, if ever.
 */
function lazyChildProcess(): Plugin {
  const eager = "const childProcess = require('node:child_process');";
  return {
    name: 'specforge:lazy-child-process',
    transform: {
      filter: { id: /[\\/]commander[\\/]lib[\\/]command\.js$/ },
      handler(code) {
        if (!code.includes(eager)) {
          this.error(`commander's lib/command.js no longer has \`${eager}\`; update this plugin.`);
        }
        return code.replace(
          eager,
          "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
        );
      },
    },
  };
}

export default defineConfig({
  input: { specforge: 'src/bin.ts', thread: 'src/thread.ts' },
  platform: 'node',
  // The optional peer: `specforge docs` imports it from the user's install, or says to add it.
  external: [/^@specforge\/docs-site(\/|$)/],
  resolve: {
    // Handlebars uses source-map only for source maps of compiled templates, which specforge never
    // asks for; without it Handlebars falls back to its own minimal SourceNode.
    alias: { 'source-map': false },
  },
  // `specforge --version` without reading package.json (see src/output/cli-version.ts).
  transform: { define: { __SPECFORGE_CLI_VERSION__: JSON.stringify(version) } },
  plugins: [lazyChildProcess(), keepProgramLean()],
  output: {
    dir: 'dist/cli',
    format: 'cjs',
    entryFileNames: '[name].cjs',
    // The content hash in the name keeps a code cache entry from outliving the chunk's code.
    chunkFileNames: '[name]-[hash].cjs',
    // Licence comments stay; the rest is text to parse on every run that nobody reads.
    comments: { legal: true, annotation: false, jsdoc: false },
    cleanDir: true,
  },
});
