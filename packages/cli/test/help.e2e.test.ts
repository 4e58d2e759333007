import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

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
    'answers %j without loading Handlebars, markdown-it, yaml or the docs site',
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
        expect(loaded).toContain('commander');
        expect(
          loaded.filter((name) =>
            /^(handlebars|markdown-it|yaml|diff|@specforge\/docs-site|@11ty\/eleventy|pagefind)$/.test(name),
          ),
        ).toEqual([]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
