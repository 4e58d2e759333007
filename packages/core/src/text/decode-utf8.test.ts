import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from './decode-utf8.js';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)),
  );

describe('decodeUtf8', () => {
  it('returns valid text untouched when the input is valid UTF-8', () => {
    expect(decodeUtf8(bytes('héllo\n世界'))).toEqual({
      text: 'héllo\n世界',
      hadBom: false,
      invalid: [],
    });
  });

  it('removes a leading byte-order mark and says so', () => {
    expect(decodeUtf8(bytes([0xef, 0xbb, 0xbf], '# Title'))).toEqual({
      text: '# Title',
      hadBom: true,
      invalid: [],
    });
  });

  it('locates a stray Windows-1252 byte by line and column', () => {
    const result = decodeUtf8(bytes('# Spec\nit', [0x92], 's done\n'));
    expect(result.text).toBe('# Spec\nit\uFFFDs done\n');
    expect(result.invalid).toEqual([{ line: 2, column: 3, offset: 9, bytes: '92' }]);
  });

  it('counts a lone CR and a CRLF as one line break each, as the spec model does', () => {
    // Found by the mutated-spec property (spec/properties.test.ts): a CR-only line break put
    // the warning on line 1 while the spec model has the byte on line 2.
    const result = decodeUtf8(bytes('# Feature\rA', [0x80], '\r\nB', [0xff], '\n\rC', [0xc0]));
    expect(result.text).toBe('# Feature\rA\uFFFD\r\nB\uFFFD\n\rC\uFFFD');
    expect(result.invalid.map(({ line, column }) => [line, column])).toEqual([
      [2, 2],
      [3, 2],
      [5, 2],
    ]);
  });

  it('counts columns in code points when the line has non-ASCII text before the bad byte', () => {
    const result = decodeUtf8(bytes('日本語', [0xff], 'x'));
    expect(result.invalid).toEqual([{ line: 1, column: 4, offset: 9, bytes: 'FF' }]);
  });

  it('reports a truncated multi-byte sequence at the end of the input', () => {
    const result = decodeUtf8(bytes('ab', [0xe6, 0x97]));
    expect(result.invalid).toEqual([{ line: 1, column: 3, offset: 2, bytes: 'E6 97' }]);
    expect(result.text).toBe('ab\uFFFD');
  });

  it('keeps a genuine U+FFFD in valid input without reporting it', () => {
    expect(decodeUtf8(bytes('a\uFFFDb')).invalid).toEqual([]);
  });

  it('reports exactly one problem per U+FFFD that TextDecoder produced, at its column', () => {
    fc.assert(
      fc.property(
        fc
          .uint8Array({ maxLength: 64 })
          .chain((a) => fc.constantFrom(a, Uint8Array.from([...a, 0xef, 0xbf]))),
        (input) => {
          // A genuine U+FFFD (EF BF BD) is valid text, and a leading BOM is dropped: neither counts.
          if (Buffer.from(input).includes(Buffer.from([0xef, 0xbf, 0xbd]))) return;
          if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) return;
          const { text, invalid } = decodeUtf8(input);
          const lines = text.split(/\r\n?|\n/);
          const expected: { line: number; column: number }[] = [];
          lines.forEach((content, index) => {
            [...content].forEach((ch, col) => {
              if (ch === '\uFFFD') expected.push({ line: index + 1, column: col + 1 });
            });
          });
          expect(invalid.map(({ line, column }) => ({ line, column }))).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
