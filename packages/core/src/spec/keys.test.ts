import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../test-utils/fuzz.js';
import { normalizeKey } from './keys.js';

// The definition, without the ASCII shortcut normalizeKey takes.
const reference = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

describe('normalizeKey', () => {
  it('folds case, accents and punctuation', () => {
    expect(normalizeKey('Unabhängiger Test')).toBe('unabhangiger test');
    expect(normalizeKey('UNABHÄNGIGER-TEST')).toBe('unabhangiger test');
    expect(normalizeKey('  **Why this priority**: ')).toBe('why this priority');
  });

  it('gives the same key with and without the ASCII shortcut', () => {
    const ascii = fc.string({
      unit: fc.integer({ min: 0, max: 0x7f }).map((c) => String.fromCharCode(c)),
    });
    fc.assert(
      fc.property(fc.oneof(ascii, fc.string({ unit: 'binary' })), (text) => {
        expect(normalizeKey(text)).toBe(reference(text));
      }),
      fuzzParameters(500),
    );
  });
});
