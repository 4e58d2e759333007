import { diffLines } from 'diff';
import type { DiffLine } from '../render/diff-html.js';

/**
 * A line diff from `before` to `after`: every line once, marked kept, removed or added.
 *
 * @example
 * ```ts
 * diffByLine('a\nb', 'a\nc'); // [{ op: ' ', text: 'a' }, { op: '-', text: 'b' }, { op: '+', text: 'c' }]
 * ```
 */
export function diffByLine(before: string, after: string): DiffLine[] {
  const lines: DiffLine[] = [];
  for (const change of diffLines(before, after)) {
    const op = change.added ? '+' : change.removed ? '-' : ' ';
    const text = change.value.endsWith('\n') ? change.value.slice(0, -1) : change.value;
    for (const line of text.split('\n')) lines.push({ op, text: line });
  }
  return lines;
}
