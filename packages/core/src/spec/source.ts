/**
 * The original text split into lines once, so every later step can map 1-based line numbers
 * back to the exact source without re-scanning the document.
 */
export interface Source {
  /** The input, exactly as given. */
  readonly text: string;
  /** Length of a leading U+FEFF (0 or 1): it is not content and not counted in columns. */
  readonly bomLength: number;
  /** Line contents without their line breaks; line 1 without the BOM. Index `n - 1` is line `n`. */
  readonly lines: readonly string[];
  /** Offset in `text` where each line's content starts. */
  readonly starts: readonly number[];
}

/**
 * Splits `text` into lines at the line breaks markdown-it recognises (`\r\n`, `\r`, `\n`), so
 * its line numbers and ours agree.
 */
export function createSource(text: string): Source {
  const bomLength = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const lines: string[] = [];
  const starts: number[] = [];
  let start = bomLength;
  // A scan by character code: several times faster than a global regex on long documents.
  for (let i = bomLength; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 10 && code !== 13) continue;
    lines.push(text.slice(start, i));
    starts.push(start);
    if (code === 13 && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
  }
  lines.push(text.slice(start));
  starts.push(start);
  return { text, bomLength, lines, starts };
}

/** The content of 1-based line `line`, or `''` outside the text. */
export function lineAt(source: Source, line: number): string {
  return source.lines[line - 1] ?? '';
}

/** True when line `line` holds only whitespace. */
export function isBlankLine(source: Source, line: number): boolean {
  return lineAt(source, line).trim() === '';
}

/** Moves `endLine` back over trailing blank lines, but never above `floor`. */
export function trimBlankEnd(source: Source, floor: number, endLine: number): number {
  let end = endLine;
  while (end > floor && isBlankLine(source, end)) end--;
  return end;
}

/**
 * The original text from the start of line `line` to the end of line `endLine`, line breaks
 * as written, without the final line break.
 */
export function sliceLines(source: Source, line: number, endLine: number): string {
  const start = source.starts[line - 1];
  if (start === undefined || endLine < line) return '';
  const lastStart = source.starts[endLine - 1] ?? source.starts[source.starts.length - 1] ?? 0;
  const lastLine = source.lines[endLine - 1] ?? source.lines[source.lines.length - 1] ?? '';
  return source.text.slice(start, lastStart + lastLine.length);
}

/**
 * Lines `line`..`endLine` with their common indentation removed and trailing whitespace
 * trimmed, joined with `\n`: the readable text of a block whose inline content markdown-it
 * does not give us (lists, code, tables).
 */
export function dedentLines(source: Source, line: number, endLine: number): string {
  const picked: string[] = [];
  for (let n = line; n <= endLine; n++) picked.push(lineAt(source, n).trimEnd());
  let indent = Number.POSITIVE_INFINITY;
  for (const l of picked) {
    if (l === '') continue;
    const lead = l.length - l.trimStart().length;
    if (lead < indent) indent = lead;
  }
  if (!Number.isFinite(indent)) indent = 0;
  return picked
    .map((l) => l.slice(indent))
    .join('\n')
    .trim();
}

/** Number of Unicode code points in `text` (a surrogate pair counts once). */
export function codePointLength(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point: skip the low half.
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}
