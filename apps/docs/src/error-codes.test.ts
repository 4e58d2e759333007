import { errorCatalog } from '@specforge/core';
import { describe, expect, it } from 'vitest';
import { errorKinds, listErrorCodes, renderErrorCodes } from './error-codes.js';

describe('renderErrorCodes', () => {
  const markdown = renderErrorCodes();
  const rows = new Map(
    [...markdown.matchAll(/^\| `(SPECFORGE_[A-Z0-9_]+)` \| (.*)$/gm)].map((match) => [
      match[1]!,
      match[2]!,
    ]),
  );

  it('has one row for every code of the error catalog, in catalog order', () => {
    expect([...rows.keys()]).toEqual(Object.keys(errorCatalog));
    expect(markdown).toContain(`${Object.keys(errorCatalog).length} codes`);
  });

  it("gives each code its kind, the kind's exit code and the hint", () => {
    for (const [code, entry] of Object.entries(errorCatalog)) {
      const exitCode = errorKinds[entry.kind]!.exitCode;
      expect(rows.get(code), code).toMatch(
        new RegExp(`^\`${entry.kind}\` \\| ${exitCode ?? 'none'} \\| `),
      );
    }
    expect(errorKinds).toMatchObject({
      usage: { exitCode: 2 },
      problem: { exitCode: 1 },
      conflict: { exitCode: 3 },
      warning: { exitCode: undefined },
    });
  });

  it('shows each message with a <name> placeholder for every value it is built from', () => {
    for (const entry of listErrorCodes()) {
      expect(entry.message, entry.code).not.toMatch(/undefined|\[object |a message built from/);
      expect(entry.hint, entry.code).toBe(
        errorCatalog[entry.code as keyof typeof errorCatalog].hint,
      );
    }
    const notFound = listErrorCodes().find((entry) => entry.code === 'SPECFORGE_SPEC_NOT_FOUND');
    expect(notFound?.message).toBe('The spec file <file> does not exist.');
    expect(rows.get('SPECFORGE_SPEC_NOT_FOUND')).toBe(
      '`usage` | 2 | The spec file \\<file\\> does not exist. | Check the path; it is resolved from the current directory. |',
    );
  });
});
