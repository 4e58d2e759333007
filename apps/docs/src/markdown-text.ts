// Helpers that put arbitrary text into generated Markdown safely: the text reads the same
// whatever characters it holds, and a table cell stays one cell.

/**
 * Escapes `text` for Markdown inline text: every character that could start markup is
 * backslash-escaped, and line breaks become spaces, so the text shows as written. Unless
 * `inline` (text that follows other text on its line), leading spaces are dropped and a start that would
 * open a list is escaped too.
 *
 * @example
 * ```ts
 * markdownText('a | b <dir> *x*'); // 'a \\| b \\<dir\\> \\*x\\*'
 * ```
 */
export function markdownText(text: string, inline = false): string {
  const escaped = text.replace(/\s*\r?\n\s*/g, ' ').replace(/[\\`*_[\]<>|~#!&{}]/g, '\\$&');
  // Text that starts a line and looks like a list item or a setext underline stays a paragraph.
  return inline
    ? escaped
    : escaped
        .trimStart()
        .replace(/^[-+=]/, '\\$&')
        .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Like {@link markdownText}, but the parts of `text` written between backticks, as messages and
 * hints write commands (`` `specforge plan <spec> --dry-run` ``), become code spans.
 *
 * @example
 * ```ts
 * markdownProse('run `specforge --help` <now>'); // 'run `specforge --help` \<now\>'
 * ```
 */
export function markdownProse(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part, index) =>
      index % 2 === 1 ? markdownCode(part.slice(1, -1)) : part && markdownText(part, index > 0),
    )
    .join('');
}

/**
 * `text` as a Markdown code span, fenced with more backticks than it holds; a `|` is escaped so
 * that the span can sit in a table cell (GitHub and markdown-it drop the backslash there).
 *
 * @example
 * ```ts
 * markdownCode('-o, --out <dir>'); // '`-o, --out <dir>`'
 * ```
 */
export function markdownCode(text: string): string {
  const flat = text.replace(/\s*\r?\n\s*/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((run) => run[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A Markdown table: a header row and rows of cells that are Markdown already. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell || ' ').join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
