import { SpecforgeError } from '@specforge/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runAction } from './run-action.js';

function capture() {
  const stderr: string[] = [];
  const stdout: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => stderr.push(String(chunk)) > 0);
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => stdout.push(String(chunk)) > 0);
  return { stderr, stdout };
}

afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

describe('runAction', () => {
  it('exits 70 and asks for a report when something unexpected is thrown', async () => {
    const out = capture();
    await runAction({}, async () => {
      throw new TypeError('cannot read properties of undefined');
    });
    expect(process.exitCode).toBe(70);
    expect(out.stderr.join('')).toBe(
      'internal error: cannot read properties of undefined\n' +
        'This is a bug in specforge. Please report it with the output of the same command run with --debug.\n',
    );
  });

  it('prints the stack of an unexpected error with --debug', async () => {
    const out = capture();
    await runAction({ debug: true }, async () => {
      throw new Error('boom');
    });
    expect(process.exitCode).toBe(70);
    expect(out.stderr.join('')).toMatch(/^internal error: Error: boom\n {4}at /);
  });

  it('maps coded errors to their exit code by kind', async () => {
    capture();
    await runAction({}, async () => {
      throw new SpecforgeError('SPECFORGE_PLAN_EDITED', { file: 'plan.md' });
    });
    expect(process.exitCode).toBe(1);
    await runAction({}, async () => {
      throw new SpecforgeError('SPECFORGE_SPEC_NOT_FOUND', { file: 'x.md' });
    });
    expect(process.exitCode).toBe(2);
  });

  it('sets the exit code the action returns', async () => {
    capture();
    await runAction({}, async () => 1);
    expect(process.exitCode).toBe(1);
  });
});
