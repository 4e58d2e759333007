import { describe, expect, it } from 'vitest';
import { reviveSpecforgeError, specforgeErrorData } from './error-transfer.js';
import { isSpecforgeError, SpecforgeError } from './specforge-error.js';

describe('specforgeErrorData and reviveSpecforgeError', () => {
  it('bring an error back whole after a structured clone and after JSON', () => {
    const error = new SpecforgeError(
      'SPECFORGE_SPEC_NOT_FOUND',
      { file: 'specs/a/spec.md' },
      { location: { file: 'specs/a/spec.md', line: 3, column: 1 }, hint: 'Look elsewhere.' },
    );
    for (const data of [
      structuredClone(specforgeErrorData(error)),
      JSON.parse(JSON.stringify(specforgeErrorData(error))),
    ]) {
      const revived = reviveSpecforgeError(data);
      expect(revived).toBeInstanceOf(SpecforgeError);
      expect(isSpecforgeError(revived, 'SPECFORGE_SPEC_NOT_FOUND')).toBe(true);
      expect(revived).toMatchObject({
        name: 'SpecforgeError',
        code: error.code,
        message: error.message,
        hint: 'Look elsewhere.',
        kind: error.kind,
      });
      expect(revived.location).toEqual(error.location);
      expect(String(revived)).toBe(String(error));
    }
  });

  it('refuses a code the catalog does not have', () => {
    expect(() =>
      reviveSpecforgeError({ code: 'NOPE' as never, message: 'x', hint: '', location: undefined }),
    ).toThrow(TypeError);
  });
});
