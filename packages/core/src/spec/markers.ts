import { joinSoftBreaks } from './block-text.js';
import { type Block, walkBlocks } from './markdown.js';
import type { ClarificationMarker } from './model.js';
import { codePointLength, lineAt, type Source } from './source.js';

const markerStart = /\[[ \t]*NEEDS CLARIFICATION[ \t]*[:：]/gu;

/**
 * Finds every `[NEEDS CLARIFICATION: …]` marker in prose: paragraphs, headings and tables.
 * Code blocks, inline code spans, HTML blocks and inline HTML comments are skipped (they hold
 * examples and template instructions, not open questions). `[NEEDS CLARIFICATION]` without a
 * colon is a mention, not a marker. A marker may wrap onto the next lines of its paragraph;
 * brackets inside it must balance.
 */
export function readMarkers(source: Source, blocks: readonly Block[]): ClarificationMarker[] {
  const out: ClarificationMarker[] = [];
  const seen = new Set<string>();
  for (const block of walkBlocks(blocks)) {
    if (block.kind !== 'paragraph' && block.kind !== 'heading' && block.kind !== 'table') continue;
    const lines: string[] = [];
    for (let n = block.line; n <= block.endLine; n++) lines.push(lineAt(source, n));
    const text = lines.join('\n');
    if (!text.includes('NEEDS CLARIFICATION')) continue;
    const masked = maskInlineCode(text);
    const closing = matchBrackets(masked);
    for (const m of masked.matchAll(markerStart)) {
      const close = closing.get(m.index);
      if (close === undefined) continue;
      const before = text.slice(0, m.index);
      const lineIndex = countBreaks(before);
      const lineStart = before.lastIndexOf('\n') + 1;
      const line = block.line + lineIndex;
      const column = codePointLength(text.slice(lineStart, m.index)) + 1;
      const key = `${line}:${column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ text: joinSoftBreaks(text.slice(m.index + m[0].length, close)), line, column });
    }
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

function countBreaks(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * For every `[` that has a matching `]`, the index of that `]`. One pass with a stack, so a
 * line full of unclosed markers stays linear; a backslash escapes the next character.
 */
function matchBrackets(text: string): Map<number, number> {
  const pairs = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '[') open.push(i);
    else if (c === ']') {
      const start = open.pop();
      if (start !== undefined) pairs.set(start, i);
    }
  }
  return pairs;
}

/**
 * `text` with inline code spans and HTML comments blanked out (same length, so offsets
 * still match). Code spans follow CommonMark: a run of N backticks closes at the next run of
 * exactly N; an unmatched run is literal.
 */
export function maskInlineCode(text: string): string {
  const runs: { start: number; length: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '`') continue;
    let j = i;
    while (text[j] === '`') j++;
    // A backslash escapes the first backtick of a run (outside code spans).
    const escaped = i > 0 && text[i - 1] === '\\' && !isEscaped(text, i - 1);
    if (escaped && j - i > 1) runs.push({ start: i + 1, length: j - i - 1 });
    else if (!escaped) runs.push({ start: i, length: j - i });
    i = j - 1;
  }
  const ranges: [number, number][] = [];
  // Runs by length, with a cursor each, so finding the next run of a length stays linear.
  const byLength = new Map<number, { runs: number[]; cursor: number }>();
  runs.forEach((run, k) => {
    const entry = byLength.get(run.length) ?? { runs: [], cursor: 0 };
    entry.runs.push(k);
    byLength.set(run.length, entry);
  });
  let k = 0;
  while (k < runs.length) {
    const open = runs[k]!;
    const entry = byLength.get(open.length)!;
    while (entry.cursor < entry.runs.length && entry.runs[entry.cursor]! <= k) entry.cursor++;
    const closeIndex = entry.runs[entry.cursor];
    if (closeIndex === undefined) {
      k++;
      continue;
    }
    const close = runs[closeIndex]!;
    ranges.push([open.start, close.start + close.length]);
    k = closeIndex + 1;
  }
  // Code span ranges are sorted and disjoint: one cursor tells whether a `<!--` is inside one.
  const spans = ranges.length;
  let cursor = 0;
  for (let at = text.indexOf('<!--'); at !== -1; at = text.indexOf('<!--', at + 4)) {
    while (cursor < spans && ranges[cursor]![1] <= at) cursor++;
    if (cursor < spans && ranges[cursor]![0] <= at) continue;
    const end = text.indexOf('-->', at + 4);
    if (end === -1) break;
    ranges.push([at, end + 3]);
    at = end;
  }
  if (ranges.length === 0) return text;
  const chars = text.split('');
  for (const [s, e] of ranges) for (let i = s; i < e; i++) if (chars[i] !== '\n') chars[i] = ' ';
  return chars.join('');
}

function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}
