import { describe, expect, it } from 'vitest';
import { renderDiffWithContextHtml } from './diff-context.js';
import type { DiffLine } from './diff-html.js';

const kept = (count: number, from = 1): DiffLine[] =>
  Array.from({ length: count }, (_, i) => ({ op: ' ', text: `line ${from + i}` }));

describe('renderDiffWithContextHtml', () => {
  it('keeps the given number of unchanged lines around each change and counts the rest', () => {
    const lines: DiffLine[] = [
      ...kept(5),
      { op: '-', text: '<b>old</b>' },
      { op: '+', text: 'new' },
      ...kept(4, 6),
      { op: '+', text: 'added' },
      ...kept(3, 10),
    ];
    expect(renderDiffWithContextHtml(lines, 1)).toMatchInlineSnapshot(
      `"<span class="diff-gap">⋯ 4 unchanged lines</span><span>  line 5</span><del>- &lt;b&gt;old&lt;/b&gt;</del><ins>+ new</ins><span>  line 6</span><span class="diff-gap">⋯ 2 unchanged lines</span><span>  line 9</span><ins>+ added</ins><span>  line 10</span><span class="diff-gap">⋯ 2 unchanged lines</span>"`,
    );
  });

  it('is empty when nothing changed', () => {
    expect(renderDiffWithContextHtml(kept(3))).toBe('');
  });

  it('shows a single left-out line as one line', () => {
    expect(renderDiffWithContextHtml([...kept(2), { op: '+', text: 'x' }], 1)).toBe(
      '<span class="diff-gap">⋯ 1 unchanged line</span><span>  line 2</span><ins>+ x</ins>',
    );
  });
});
