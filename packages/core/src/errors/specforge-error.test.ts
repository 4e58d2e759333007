import { describe, expect, it } from 'vitest';
import { formatLocation, isSpecforgeError, SpecforgeError } from './specforge-error.js';

describe('SpecforgeError', () => {
  it('takes its message, hint and kind from the catalog', () => {
    const error = new SpecforgeError('SPECFORGE_SPEC_NOT_FOUND', { file: 'a.md' });
    expect({
      message: error.message,
      hint: error.hint,
      kind: error.kind,
      code: error.code,
    }).toEqual({
      message: 'The spec file a.md does not exist.',
      hint: 'Check the path; it is resolved from the current directory.',
      kind: 'usage',
      code: 'SPECFORGE_SPEC_NOT_FOUND',
    });
  });

  it('gives a located copy and leaves the original alone', () => {
    const error = new SpecforgeError('SPECFORGE_PACK_NOT_FOUND', { pack: 'x' }, { hint: 'custom' });
    const located = error.locatedAt({ file: 'package.json', line: 3 });
    expect(located).not.toBe(error);
    expect(isSpecforgeError(located, 'SPECFORGE_PACK_NOT_FOUND')).toBe(true);
    expect({ message: located.message, hint: located.hint, location: located.location }).toEqual({
      message: error.message,
      hint: 'custom',
      location: { file: 'package.json', line: 3 },
    });
    expect(error.location).toBeUndefined();
  });

  it('keeps its own location over a new one', () => {
    const error = new SpecforgeError(
      'SPECFORGE_PACK_NOT_FOUND',
      { pack: 'x' },
      { location: { file: 'a' } },
    );
    expect(error.locatedAt({ file: 'b' })).toBe(error);
  });
});

describe('isSpecforgeError', () => {
  // The bundled CLI carries its own copy of core; @specforge/docs-site imports the installed one.
  it('recognises an error thrown by another copy of the package', async () => {
    const other = (await import(
      // @ts-expect-error: a second instance of this very module (Vite keys modules by query)
      './specforge-error.js?another-copy'
    )) as typeof import('./specforge-error.js');
    expect(other.SpecforgeError).not.toBe(SpecforgeError);
    const error = new other.SpecforgeError('SPECFORGE_USAGE', { reason: 'bad' });
    expect(error instanceof SpecforgeError).toBe(false);
    expect(isSpecforgeError(error)).toBe(true);
    expect(isSpecforgeError(error, 'SPECFORGE_USAGE')).toBe(true);
    expect(isSpecforgeError(error, 'SPECFORGE_SPEC_EMPTY')).toBe(false);
    expect(isSpecforgeError(error.locatedAt({ file: 'a.md' }))).toBe(true);
  });

  it('does not take any error with a code for a coded one', () => {
    const error = Object.assign(new Error('EACCES'), { code: 'SPECFORGE_USAGE' });
    expect(isSpecforgeError(error)).toBe(false);
    expect(isSpecforgeError({ code: 'SPECFORGE_USAGE' })).toBe(false);
  });
});

describe('formatLocation', () => {
  it.each([
    [{ file: 'a.md' }, 'a.md'],
    [{ file: 'a.md', line: 3 }, 'a.md:3'],
    [{ file: 'a.md', line: 3, column: 7 }, 'a.md:3:7'],
  ])('formats %j as %j', (location, text) => {
    expect(formatLocation(location)).toBe(text);
  });
});
