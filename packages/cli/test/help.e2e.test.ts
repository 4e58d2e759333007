import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const cliRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The chunks of the bundle that `specforge <args>` may load: dist/cli/specforge.cjs and the
 * chunks it requires, and unless the arguments are `--version` alone, the program chunks it
 * loads on demand (`() => require(…)`) and theirs. Paths are relative to the package.
 */
function programChunks(versionOnly: boolean): string[] {
  const found = new Set<string>();
  const visit = (file: string, onDemandToo: boolean) => {
    if (found.has(file)) return;
    found.add(file);
    const code = readFileSync(join(cliRoot, file), 'utf8');
    for (const [, onDemand, path] of code.matchAll(/(\(\) => )?require\("(\.[^"]+)"\)/g)) {
      if (!onDemand || onDemandToo) visit(join(dirname(file), path!), false);
    }
  };
  visit('dist/cli/specforge.cjs', !versionOnly);
  return [...found];
}

describe('specforge --help', () => {
  it('lists only the commands that work', () => {
    const result = runCli(['--help'], { cwd: process.cwd() });
    expect(result.status).toBe(0);
    const commands = result.stdout
      .split('Commands:\n')[1]!
      .split('\n\n')[0]!
      .split('\n')
      .map((line) => line.trim().split(/\s+/)[0]);
    expect(commands).toEqual(['init', 'plan', 'status', 'check', 'spec', 'template', 'docs', 'agents', 'export', 'help']);
  });

  it('exits 2 with help on stderr when no command is given', () => {
    const result = runCli([], { cwd: process.cwd() });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Usage: specforge /);
  });

  it.each([
    ['--version'],
    ['--help'],
    ['plan', '--help'],
    ['status', '--help'],
    ['docs', '--help'],
    ['docs', 'build', '--help'],
    ['docs', 'serve', '--help'],
    ['agents', 'export', '--help'],
  ])(
    'answers %j from the bundle entry alone: no library, Handlebars, markdown-it, yaml or docs site',
    (...args) => {
      const dir = mkdtempSync(join(tmpdir(), 'specforge-modules-'));
      try {
        const log = join(dir, 'loaded.txt');
        const hook = fileURLToPath(new URL('./fixtures/record-imports.mjs', import.meta.url));
        const result = runCli(args, {
          cwd: process.cwd(),
          env: { NODE_OPTIONS: `--import ${hook}`, SPECFORGE_TEST_IMPORT_LOG: log },
        });
        expect(result.status).toBe(0);
        const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
        // Everything is bundled: no package is imported from node_modules at all.
        expect(loaded.filter((line) => line.startsWith('package '))).toEqual([]);
        // Only the bin and the bundle's entry and program chunks load; the build
        // (rolldown.config.ts) fails when those hold anything but src/ and commander.
        const files = loaded
          .filter((line) => line.startsWith('file '))
          .map((line) => relative(cliRoot, fileURLToPath(line.slice('file '.length))));
        expect([...new Set(files)].sort()).toEqual(
          ['bin/specforge.js', ...programChunks(args.join(' ') === '--version')].sort(),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
