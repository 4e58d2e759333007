import fc from 'fast-check';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { formatTomlMultilineString } from './toml-string.js';

const parsePrompt = (text: string) => parse(`prompt = ${formatTomlMultilineString(text)}\n`).prompt;

// Characters that TOML's multi-line basic strings treat specially, mixed with plain text.
const tricky = fc.constantFrom(
  '"',
  '""',
  '"""',
  "'''",
  '\\',
  '\\n',
  '\\u0041',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\u0000',
  '\u001f',
  '\u007f',
  '\u2028',
  '\uFEFF',
  '😀',
  '{{args}}',
  '$ARGUMENTS',
  ' ',
  'a',
  '#',
  '=',
);

describe('formatTomlMultilineString', () => {
  it('keeps quotes, backslashes and line breaks readable and exact', () => {
    expect(formatTomlMultilineString('Say "hi"\n')).toBe('"""\nSay "hi"\n"""');
    expect(formatTomlMultilineString('a """ b\\c')).toBe('"""\na \\"\\"" b\\\\c"""');
    expect(formatTomlMultilineString('ends with "')).toBe('"""\nends with \\""""');
    expect(formatTomlMultilineString('\r\n\u0001')).toBe('"""\n\\r\n\\u0001"""');
    expect(parsePrompt('\nstarts with a line break')).toBe('\nstarts with a line break');
  });

  it('parses back to the same text, whatever the text holds', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(tricky, { maxLength: 40 }).map((parts) => parts.join('')),
          fc.string({ unit: 'binary', maxLength: 200 }),
        ),
        (text) => {
          const wellFormed = text.replace(
            /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
            '\uFFFD',
          );
          expect(parsePrompt(text)).toBe(wellFormed);
        },
      ),
      { numRuns: 500 },
    );
  });
});
