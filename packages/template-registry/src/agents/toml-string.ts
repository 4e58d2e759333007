/**
 * `text` as a TOML multi-line basic string (`"""…"""`) that parses back to exactly `text`:
 * backslashes are escaped, a `"` is escaped where it would start a run of two or more or touch
 * the closing delimiter, control characters other than tab and line feed (CR included, which
 * TOML parsers may fold into a line feed) are written as escapes. Line breaks stay literal, so
 * the prompt reads as it will be sent. The opening delimiter is followed by a line break, which
 * TOML drops, so text that starts with a line break keeps it.
 *
 * Lone surrogates cannot be written as UTF-8 (nor as a TOML escape); they become U+FFFD.
 *
 * @example
 * ```ts
 * formatTomlMultilineString('Say "hi"\n'); // '"""\nSay "hi"\n"""'
 * formatTomlMultilineString('a ""'); // '"""\na \\"\\""""'
 * ```
 */
export function formatTomlMultilineString(text: string): string {
  const chars = Array.from(text.replace(LONE_SURROGATE, '\uFFFD'));
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!;
    if (char === '\\') out += '\\\\';
    else if (char === '"') out += chars[i + 1] === '"' || i === chars.length - 1 ? '\\"' : '"';
    else if (char === '\n' || char === '\t') out += char;
    else if (char === '\r') out += '\\r';
    else if (isControl(char))
      out += `\\u${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += char;
  }
  return `"""\n${out}"""`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function isControl(char: string): boolean {
  const code = char.codePointAt(0)!;
  return code < 0x20 || code === 0x7f;
}
