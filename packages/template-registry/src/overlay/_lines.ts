// Line arithmetic on raw text. Line breaks are `\n`, `\r\n` or a lone `\r`, as in the spec parser
// (and markdown-it), so line numbers here and there always agree.

const lineBreak = /\r\n?|\n/g;

/** Offset of the start of every line: `starts[n - 1]` is where line `n` begins. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  lineBreak.lastIndex = 0;
  for (let m = lineBreak.exec(text); m !== null; m = lineBreak.exec(text)) {
    starts.push(m.index + m[0].length);
  }
  return starts;
}

/** The 1-based line that holds `offset`, by binary search over {@link lineStarts}. */
export function lineAtOffset(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** The content of 1-based line `line` without its line break (and without a BOM on line 1). */
export function lineText(text: string, starts: readonly number[], line: number): string {
  const start = starts[line - 1];
  if (start === undefined) return '';
  const next = starts[line];
  let end = next ?? text.length;
  if (next !== undefined) {
    // Step back over the line break that ends this line.
    end--;
    if (text[end] === '\n' && text[end - 1] === '\r') end--;
  }
  const content = text.slice(start, end);
  return line === 1 && content.charCodeAt(0) === 0xfeff ? content.slice(1) : content;
}

/** The line break a text uses (its first one), `\n` when it has none. */
export function detectLineBreak(text: string): string {
  lineBreak.lastIndex = 0;
  return lineBreak.exec(text)?.[0] ?? '\n';
}

/** Rewrites the `\n` line breaks of `text` (overlay content, always LF) to `eol`. */
export function toLineBreak(text: string, eol: string): string {
  return eol === '\n' ? text : text.replace(/\n/g, eol);
}

function isBlankChar(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/**
 * Splits `text` after its last non-blank line: `core` ends with that line's last character,
 * `tail` is the rest (its line break and any blank lines after it). A backward scan, so a long
 * run of blank lines costs linear time (an anchored regex would be quadratic there).
 */
export function splitTrailingBlank(text: string): { core: string; tail: string } {
  let end = text.length;
  while (end > 0 && isBlankChar(text.charCodeAt(end - 1))) end--;
  let cut = end;
  while (cut < text.length && text[cut] !== '\n' && text[cut] !== '\r') cut++;
  return { core: text.slice(0, cut), tail: text.slice(cut) };
}

/** True when `text` has nothing but spaces, tabs and line breaks. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isBlankChar(text.charCodeAt(i))) return false;
  return true;
}

/** Number of line breaks in `text` (`\r\n` counts once). */
export function countLineBreaks(text: string): number {
  return lineStarts(text).length - 1;
}
