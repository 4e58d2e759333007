import { escapeHtml } from './escape-html.js';

/** One line of a line diff: kept (` `), only upstream (`-`) or only in the overlay (`+`). */
export interface DiffLine {
  /** ` ` for a kept line, `-` for an upstream-only line, `+` for an overlay-only line. */
  op: ' ' | '-' | '+';
  /** The line's text, without its line break. */
  text: string;
}

/**
 * Renders a line diff as HTML: removed lines in `<del>`, added lines in `<ins>`, kept lines in
 * `<span>`, every line's text escaped. Meant for a `<pre>` whose line elements are styled as
 * blocks (one line each), so they carry no line breaks of their own.
 *
 * @example
 * ```ts
 * renderDiffHtml([{ op: '-', text: '<b>old' }, { op: '+', text: 'new' }]);
 * // '<del>- &lt;b&gt;old</del><ins>+ new</ins>'
 * ```
 */
export function renderDiffHtml(lines: readonly DiffLine[]): string {
  return lines
    .map(({ op, text }) => {
      const escaped = escapeHtml(`${op} ${text}`);
      if (op === '-') return `<del>${escaped}</del>`;
      if (op === '+') return `<ins>${escaped}</ins>`;
      return `<span>${escaped}</span>`;
    })
    .join('');
}
