import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

describe('specforge --version', () => {
  it.each([['--version'], ['-v']])('prints the package version and exits 0 for %s', (flag) => {
    const result = runCli([flag], { cwd: process.cwd() });
    expect(result).toEqual({ stdout: `${pkg.version}\n`, stderr: '', status: 0 });
  });

  it('prints it through commander when other arguments come with it', () => {
    const result = runCli(['--version', 'plan'], { cwd: process.cwd() });
    expect(result).toEqual({ stdout: `${pkg.version}\n`, stderr: '', status: 0 });
  });
});
