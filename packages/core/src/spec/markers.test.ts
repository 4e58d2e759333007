import { describe, expect, it } from 'vitest';
import { maskInlineCode } from './markers.js';
import { parseSpec } from './parse-spec.js';

const markers = (text: string) => parseSpec(text).clarifications;

describe('NEEDS CLARIFICATION markers', () => {
  it('reports the line and 1-based column of the bracket when a marker is in a list item', () => {
    expect(
      markers('# T\n\n- **FR-001**: Retain data for [NEEDS CLARIFICATION: how long?].\n'),
    ).toEqual([{ text: 'how long?', line: 3, column: 31 }]);
  });

  it('counts columns in code points when non-ASCII text precedes the marker', () => {
    // `é` is one code point; `😀` is one code point but two UTF-16 units.
    expect(markers('Café 😀 [NEEDS CLARIFICATION: ok?]\n')).toEqual([
      { text: 'ok?', line: 1, column: 8 },
    ]);
    expect(markers('仕様は [NEEDS CLARIFICATION：全角コロン]\n')).toEqual([
      { text: '全角コロン', line: 1, column: 5 },
    ]);
  });

  it('starts at column 1 when a BOM precedes the marker', () => {
    expect(markers('\uFEFF[NEEDS CLARIFICATION: first]\n')).toEqual([
      { text: 'first', line: 1, column: 1 },
    ]);
  });

  it('finds every marker when several share a line or one wraps', () => {
    expect(
      markers(
        'A [NEEDS CLARIFICATION: one] and [NEEDS CLARIFICATION: two].\n\nB [NEEDS CLARIFICATION: wraps\n  here] end\n',
      ),
    ).toEqual([
      { text: 'one', line: 1, column: 3 },
      { text: 'two', line: 1, column: 34 },
      { text: 'wraps here', line: 3, column: 3 },
    ]);
  });

  it('keeps nested brackets when they balance inside the marker', () => {
    expect(markers('[NEEDS CLARIFICATION: use [link] or not?] after\n')).toEqual([
      { text: 'use [link] or not?', line: 1, column: 1 },
    ]);
  });

  it('finds markers when they are in headings, tables, quotes or CRLF text', () => {
    const text = [
      '## Scope [NEEDS CLARIFICATION: in or out?]',
      '',
      '| a | b |',
      '|---|---|',
      '| x | [NEEDS CLARIFICATION: cell] |',
      '',
      '> [NEEDS CLARIFICATION: quoted]',
    ].join('\r\n');
    expect(markers(text)).toEqual([
      { text: 'in or out?', line: 1, column: 10 },
      { text: 'cell', line: 5, column: 7 },
      { text: 'quoted', line: 7, column: 3 },
    ]);
  });

  it('finds nothing when markers are in code, HTML comments, mentions or never close', () => {
    const text = [
      '```',
      '[NEEDS CLARIFICATION: fenced]',
      '```',
      '',
      '    [NEEDS CLARIFICATION: indented code]',
      '',
      '<!-- [NEEDS CLARIFICATION: HTML block] -->',
      '',
      'Use `[NEEDS CLARIFICATION: code span]` or ``[NEEDS CLARIFICATION: `double`]``.',
      'Text <!-- [NEEDS CLARIFICATION: inline comment] --> text.',
      '- [ ] No [NEEDS CLARIFICATION] markers remain',
      '',
      'Unclosed [NEEDS CLARIFICATION: never ends',
    ].join('\n');
    expect(markers(text)).toEqual([]);
  });

  it('ignores a marker when it is in the front matter', () => {
    expect(
      markers('---\nnote: "[NEEDS CLARIFICATION: yaml]"\n---\n[NEEDS CLARIFICATION: body]\n'),
    ).toEqual([{ text: 'body', line: 4, column: 1 }]);
  });
});

describe('maskInlineCode', () => {
  it.each([
    ['a `b` c', 'a     c'],
    ['a ``b ` c`` d', 'a           d'],
    ['a `unclosed', 'a `unclosed'],
    ['a \\`b` c`', 'a \\`b    '],
    ['x <!-- y --> z', 'x            z'],
    ['a `b\nc` d', 'a   \n   d'],
  ])('masks %j as %j', (text, masked) => {
    expect(maskInlineCode(text)).toBe(masked);
  });
});
