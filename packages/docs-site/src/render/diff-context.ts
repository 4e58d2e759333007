import { type DiffLine, renderDiffHtml } from './diff-html.js';
import { escapeHtml } from './escape-html.js';

/**
 * Renders a line diff as {@link renderDiffHtml} does, but keeps only `context` unchanged lines
 * around each change: a longer run of unchanged lines becomes one `<span class="diff-gap">` that
 * says how many were left out. A whole template diffed against each of its other versions would
 * otherwise repeat every unchanged line in every pair. `''` when nothing changed.
 *
 * @example
 * ```ts
 * renderDiffWithContextHtml([{ op: ' ', text: 'a' }, { op: ' ', text: 'b' }, { op: '+', text: 'c' }], 1);
 * // '<span class="diff-gap">⋯ 1 unchanged line</span><span>  b</span><ins>+ c</ins>'
 * ```
 */
export function renderDiffWithContextHtml(lines: readonly DiffLine[], context = 3): string {
  const changes = lines.flatMap((line, index) => (line.op === ' ' ? [] : [index]));
  if (changes.length === 0) return '';
  // A line is shown when it is within `context` lines of a change.
  const shown = new Array<boolean>(lines.length).fill(false);
  for (const index of changes) {
    for (
      let i = Math.max(0, index - context);
      i <= Math.min(lines.length - 1, index + context);
      i++
    )
      shown[i] = true;
  }
  let html = '';
  let hidden = 0;
  const flush = () => {
    if (hidden > 0) html += gap(hidden);
    hidden = 0;
  };
  lines.forEach((line, index) => {
    if (!shown[index]) {
      hidden++;
      return;
    }
    flush();
    html += renderDiffHtml([line]);
  });
  flush();
  return html;
}

function gap(count: number): string {
  return `<span class="diff-gap">${escapeHtml(`⋯ ${count} unchanged line${count === 1 ? '' : 's'}`)}</span>`;
}
