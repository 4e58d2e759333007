import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { render, renderError } from '../test-utils/template.js';

const md = new MarkdownIt();

/**
 * What markdown-it reports as a fence's content for `text`: it normalises every line ending
 * (`\r\n` and a lone `\r`) to `\n` and replaces NUL with U+FFFD before parsing, and the fence
 * keeps the final line break, which `fence` adds when the text lacks one.
 */
function expectedContent(text: string): string {
  const normalized = text.replace(/\r\n?/g, '\n').replace(/\0/g, '\uFFFD');
  return normalized.endsWith('\n') ? normalized : `${normalized}\n`;
}

// Texts built to break fences: backtick and tilde runs, every line ending, fence-like lines.
const hostileText = fc.string({
  unit: fc.constantFrom(
    '`',
    '``',
    '```',
    '````',
    '~',
    '~~~',
    '\n',
    '\r\n',
    '\r',
    ' ',
    '    ',
    '\t',
    'a',
    '#',
    '>',
    '-',
    '*',
    '{{',
    '}}',
    '<',
    '\\',
    'é',
    '😀',
  ),
  maxLength: 40,
});
const anyText = fc.oneof(hostileText, fc.string({ unit: 'binary', maxLength: 60 }));

describe('fence', () => {
  it('wraps text in a three-backtick fence when the text has no backticks', () => {
    expect(render('{{fence x}}', { x: 'a\nb\n' })).toBe('```\na\nb\n```');
  });

  it('adds the final line break when the text lacks one', () => {
    expect(render('{{fence x "ts"}}', { x: 'const a = 1;' })).toBe('```ts\nconst a = 1;\n```');
  });

  it('uses a fence longer than the longest backtick run when the text has backticks', () => {
    expect(render('{{fence x "md"}}', { x: 'Use ```js\nx\n```\nand `````.' })).toBe(
      '``````md\nUse ```js\nx\n```\nand `````.\n``````',
    );
  });

  it('keeps CRLF and other bytes of the text as they are', () => {
    expect(render('{{fence x}}', { x: 'a\r\n\tb\\ <c> & {{d}}\r\n' })).toBe(
      '```\na\r\n\tb\\ <c> & {{d}}\r\n```',
    );
  });

  it('yields exactly one code block whose content is the text for any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const tokens = md.parse(render('{{fence x}}', { x: text }), {});
        expect(tokens.map((token) => token.type)).toEqual(['fence']);
        expect(tokens[0]?.content).toBe(expectedContent(text));
        expect(tokens[0]?.info).toBe('');
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the paragraphs around the code block for any text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const tokens = md.parse(
          render('Before\n\n{{fence SPECIFICATION}}\n\nAfter', { SPECIFICATION: text }),
          {},
        );
        expect(tokens.map((token) => token.type)).toEqual([
          'paragraph_open',
          'inline',
          'paragraph_close',
          'fence',
          'paragraph_open',
          'inline',
          'paragraph_close',
        ]);
        expect([tokens[1]?.content, tokens[3]?.content, tokens[5]?.content]).toEqual([
          'Before',
          expectedContent(text),
          'After',
        ]);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    [
      '{{fence x "a`b"}}',
      'fence: the language must be one line without backticks, got "a`b". Usage: {{fence text}} or {{fence text "ts"}}',
    ],
    [
      '{{fence x "a\nb"}}',
      'fence: the language must be one line without backticks, got "a\\nb". Usage: {{fence text}} or {{fence text "ts"}}',
    ],
    [
      '{{fence n}}',
      'fence: the first argument must be text, got the number 1. Usage: {{fence text}} or {{fence text "ts"}}',
    ],
    [
      '{{fence x 3}}',
      'fence: the language must be text, got the number 3. Usage: {{fence text}} or {{fence text "ts"}}',
    ],
    [
      '{{#fence x}}y{{/fence}}',
      'fence cannot be used as a block. Usage: {{fence text}} or {{fence text "ts"}}',
    ],
  ])('fails when called as %j', (body, reason) => {
    expect((renderError(body, { x: 'a', n: 1 }) as Error).message).toBe(
      `The template failed to render: ${reason}`,
    );
  });
});
