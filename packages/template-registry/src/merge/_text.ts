// Text plumbing for the merge: line breaks, byte-order marks, front matter and line arrays.
// Everything is merged as arrays of lines without their line breaks; the result is joined with
// the fork's line break at the very end.

/** A text with its byte-order mark and line-break style taken off, line breaks turned into `\n`. */
export interface NormalizedText {
  /** The text with `\n` line breaks and no byte-order mark. */
  text: string;
  /** Whether the original started with a byte-order mark. */
  bom: boolean;
  /** The first line break of the original (`\n`, `\r\n` or `\r`), or `undefined` when it has none. */
  lineBreak: string | undefined;
}

// Line breaks as the spec parser (markdown-it) counts them: `\r\n`, a lone `\r` or `\n`.
const lineBreakPattern = /\r\n?|\n/;
const lineBreaks = /\r\n?/g;

/** Takes the byte-order mark and the line-break style off `text`. */
export function normalizeText(text: string): NormalizedText {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  return {
    text: body.includes('\r') ? body.replace(lineBreaks, '\n') : body,
    bom,
    lineBreak: lineBreakPattern.exec(body)?.[0],
  };
}

/**
 * The lines of a piece of `\n`-text that ends at a line start (or at the end of the document):
 * one trailing line break is the end of the last line, not an empty line after it.
 */
export function toLines(piece: string): string[] {
  if (piece === '') return [];
  return (piece.endsWith('\n') ? piece.slice(0, -1) : piece).split('\n');
}

/** True when the line has nothing but spaces and tabs. */
export function isBlankLine(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09) return false;
  }
  return true;
}

/** Index just past the last non-blank line (0 when every line is blank). */
export function contentEnd(lines: readonly string[]): number {
  let end = lines.length;
  while (end > 0 && isBlankLine(lines[end - 1]!)) end--;
  return end;
}

/** True when both arrays hold the same lines. */
export function sameLines(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const frontMatterOpen = /^---[ \t]*$/;
const frontMatterClose = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Splits `\n`-text into its YAML front matter lines (opening and closing lines included) and
 * the body after them, by the rule the template parser uses: a first line `---` and a later
 * line `---` or `...`. Without a closing line there is no front matter.
 */
export function splitFrontMatter(text: string): { frontMatter: string[]; body: string } {
  const firstEnd = text.indexOf('\n');
  if (firstEnd === -1 || !frontMatterOpen.test(text.slice(0, firstEnd))) {
    return { frontMatter: [], body: text };
  }
  let start = firstEnd + 1;
  while (start <= text.length) {
    const found = text.indexOf('\n', start);
    const end = found === -1 ? text.length : found;
    if (frontMatterClose.test(text.slice(start, end))) {
      const bodyStart = found === -1 ? text.length : found + 1;
      return { frontMatter: toLines(text.slice(0, bodyStart)), body: text.slice(bodyStart) };
    }
    if (found === -1) break;
    start = found + 1;
  }
  return { frontMatter: [], body: text };
}

// A conflict marker that opens or closes a block, as git writes it: seven characters, then a
// space and a label, or nothing.
const openOrCloseMarker = /^(?:<{7}|>{7})(?:[ \t]|$)/;
const fenceLine = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The 1-based line of the first `<<<<<<<` or `>>>>>>>` marker line outside fenced code blocks,
 * or `undefined`. A fork that still holds one has an unresolved earlier merge; a marker inside
 * a fence is an example in the template, not a conflict.
 */
export function findConflictMarker(lines: readonly string[]): number | undefined {
  let fence: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const opener = fenceLine.exec(line)?.[1];
    if (fence !== undefined) {
      // A fence closes with at least as many of the same characters and nothing else.
      if (
        opener !== undefined &&
        opener[0] === fence[0] &&
        opener.length >= fence.length &&
        line.trim() === opener
      ) {
        fence = undefined;
      }
      continue;
    }
    if (opener !== undefined) {
      fence = opener;
      continue;
    }
    if (openOrCloseMarker.test(line)) return i + 1;
  }
  return undefined;
}
