import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

describe('specforge --version', () => {
  it('prints the package version and exits 0', () => {
    const result = runCli(['--version'], { cwd: process.cwd() });
    expect(result).toEqual({ stdout: `${pkg.version}\n`, stderr: '', status: 0 });
  });
});
