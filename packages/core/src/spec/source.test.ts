import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzParameters } from '../test-utils/fuzz.js';
import { createSource } from './source.js';

// The definition createSource implements by a faster scan.
function reference(text: string) {
  const bomLength = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lines: string[] = [];
  const starts: number[] = [];
  const lineBreak = /\r\n?|\n/g;
  let start = bomLength;
  lineBreak.lastIndex = bomLength;
  for (let m = lineBreak.exec(text); m !== null; m = lineBreak.exec(text)) {
    lines.push(text.slice(start, m.index));
    starts.push(start);
    start = m.index + m[0].length;
  }
  lines.push(text.slice(start));
  starts.push(start);
  return { text, bomLength, lines, starts };
}

describe('createSource', () => {
  it('splits at LF, CRLF and lone CR, after a BOM', () => {
    expect(createSource('\ufeffa\r\nb\rc\n\nd').lines).toEqual(['a', 'b', 'c', '', 'd']);
    expect(createSource('\ufeffa\r\nb').starts).toEqual([1, 4]);
    expect(createSource('').lines).toEqual(['']);
    expect(createSource('x\r').lines).toEqual(['x', '']);
  });

  it('agrees with the line-break regex on any text', () => {
    const breaky = fc.string({ unit: fc.constantFrom('a', '\r', '\n', '\ufeff', ' ') });
    fc.assert(
      fc.property(fc.oneof(breaky, fc.string({ unit: 'binary' })), (text) => {
        expect(createSource(text)).toEqual(reference(text));
      }),
      fuzzParameters(500),
    );
  });
});
