import { didYouMean, slugify } from '@specforge/core';
import { overlayInvalid } from './_errors.js';
import { type OverlayOperationName, overlayOperationNames } from './overlay-types.js';

/** A directive line found in an overlay body. */
export interface DirectiveLine {
  /** 1-based line in the overlay file. */
  line: number;
  /** What follows `specforge:` inside the comment, trimmed. */
  text: string;
}

/** A directive's words, checked: what it does and to which section. */
export interface ParsedDirective {
  op: OverlayOperationName;
  target: string;
  optional: boolean;
  position?: 'before' | 'after';
  title?: string;
}

// Up to three spaces of indentation, as for any Markdown block; the comment fills the line.
const directivePattern = /^ {0,3}<!--[ \t]*specforge:(.*?)-->[ \t]*$/;
// Anything that starts like a directive but is not one is a typo, never silent text.
const nearDirectivePattern = /^[ \t]*<!--[ \t]*specforge\b/i;
const fenceOpen = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const fenceClose = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/**
 * Finds the directive lines of an overlay body: `<!-- specforge: … -->` on a line of its own,
 * outside fenced code blocks (so an overlay can show a directive in a code example).
 *
 * @param lines - The body's lines.
 * @param bodyLine - The file line of `lines[0]`.
 */
export function findDirectiveLines(
  lines: readonly string[],
  bodyLine: number,
  file: string,
): DirectiveLine[] {
  const found: DirectiveLine[] = [];
  let fence: { char: string; length: number } | undefined;
  lines.forEach((text, index) => {
    const line = bodyLine + index;
    if (fence !== undefined) {
      const close = fenceClose.exec(text);
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length)
        fence = undefined;
      return;
    }
    const open = fenceOpen.exec(text);
    // A backtick fence's info string may not hold a backtick (CommonMark); then it is no fence.
    if (open?.[1] && !(open[1][0] === '`' && open[2]?.includes('`'))) {
      fence = { char: open[1][0]!, length: open[1].length };
      return;
    }
    const match = directivePattern.exec(text);
    if (match) {
      found.push({ line, text: (match[1] ?? '').trim() });
      return;
    }
    if (nearDirectivePattern.test(text)) {
      throw overlayInvalid(
        file,
        line,
        `line ${line} looks like a directive but is not one: ${JSON.stringify(text.trim())}.`,
        'Write a directive as an HTML comment alone on its line: <!-- specforge: <operation> <heading-path> -->, e.g. <!-- specforge: remove deployment -->.',
      );
    }
  });
  return found;
}

interface Token {
  text: string;
  quoted: boolean;
}

/** Splits a directive into words; a `"…"` word may hold spaces, `\"` and `\\`. */
function tokenize(text: string, fail: (reason: string, hint?: string) => Error): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === ' ' || char === '\t') {
      i++;
      continue;
    }
    if (char === '"') {
      let value = '';
      let j = i + 1;
      let closed = false;
      while (j < text.length) {
        const c = text[j]!;
        if (c === '\\' && (text[j + 1] === '"' || text[j + 1] === '\\')) {
          value += text[j + 1];
          j += 2;
        } else if (c === '"') {
          closed = true;
          j++;
          break;
        } else {
          value += c;
          j++;
        }
      }
      if (!closed) throw fail(`the quoted text ${text.slice(i)} has no closing quote.`);
      tokens.push({ text: value, quoted: true });
      i = j;
      continue;
    }
    let j = i;
    while (j < text.length && text[j] !== ' ' && text[j] !== '\t') j++;
    tokens.push({ text: text.slice(i, j), quoted: false });
    i = j;
  }
  return tokens;
}

const usage: Record<OverlayOperationName, string> = {
  replace: 'replace <heading-path>',
  append: 'append <heading-path>',
  prepend: 'prepend <heading-path>',
  insert: 'insert before|after <heading-path>',
  remove: 'remove <heading-path>',
  rename: 'rename <heading-path> "New Title"',
};

/**
 * Reads a directive's words: `<op> [before|after] <path> ["title"] [optional]`. Words are
 * positional, so a section whose slug is `optional` can still be targeted.
 */
export function parseDirective(directive: DirectiveLine, file: string): ParsedDirective {
  const fail = (reason: string, hint?: string) =>
    overlayInvalid(
      file,
      directive.line,
      reason,
      hint ?? 'See docs/overlays.md for the directives an overlay may use.',
    );
  const tokens = tokenize(directive.text, fail);
  const [first, ...rest] = tokens;
  if (first === undefined) {
    throw fail(
      `the directive on line ${directive.line} names no operation.`,
      `Write one of: ${overlayOperationNames.map((op) => usage[op]).join('; ')}.`,
    );
  }
  const op = first.text;
  if (first.quoted || !(overlayOperationNames as readonly string[]).includes(op)) {
    // `insert-after x` and `insertAfter x` are likely; the generic guess cannot see them.
    const insertGuess = /^insert[-_ ]?(before|after)$/i.exec(op);
    const guess = insertGuess ? 'insert' : didYouMean(op, overlayOperationNames);
    const example = insertGuess
      ? ` (write "insert ${insertGuess[1]!.toLowerCase()} <heading-path>")`
      : '';
    throw fail(
      `the directive on line ${directive.line} has an unknown operation "${op}"${guess ? `. Did you mean "${guess}"${example}?` : ''}`,
      `The operations are ${overlayOperationNames.join(', ')}: ${overlayOperationNames.map((name) => usage[name]).join('; ')}.`,
    );
  }
  const name = op as OverlayOperationName;
  const words = [...rest];
  const expected = `Write it as <!-- specforge: ${usage[name]} -->, optionally followed by "optional".`;

  let position: 'before' | 'after' | undefined;
  if (name === 'insert') {
    const where = words.shift();
    if (
      where === undefined ||
      where.quoted ||
      (where.text !== 'before' && where.text !== 'after')
    ) {
      const guess = where ? didYouMean(where.text, ['before', 'after']) : undefined;
      throw fail(
        where === undefined
          ? `"insert" on line ${directive.line} says neither "before" nor "after" and names no section.`
          : `"insert" on line ${directive.line} is followed by "${where.text}"; it must say "before" or "after" the section it names.${guess ? ` Did you mean "${guess}"?` : ''}`,
        expected,
      );
    }
    position = where.text;
  }

  const targetToken = words.shift();
  if (targetToken === undefined) {
    throw fail(`"${name}" on line ${directive.line} has no target: it names no section.`, expected);
  }
  if (targetToken.quoted) {
    throw fail(
      `"${name}" on line ${directive.line} names its section as quoted text ("${targetToken.text}"); name it by its heading path, e.g. ${pathExample(targetToken.text)}.`,
      expected,
    );
  }
  const target = targetToken.text;
  if (!isHeadingPath(target)) {
    // `remove Technology Stack`: the words up to a quoted title or the flag are one heading title.
    const phrase = [target];
    for (const word of words) {
      if (word.quoted || word.text === 'optional') break;
      phrase.push(word.text);
    }
    const written = phrase.join(' ');
    throw fail(
      `"${name}" on line ${directive.line} targets "${written}", which is not a heading path: each part is a heading's slug (lower case, "-" between words), parts separated by "/", e.g. ${pathExample(written)}.`,
    );
  }

  let title: string | undefined;
  if (name === 'rename') {
    const titleToken = words.shift();
    if (titleToken === undefined || !titleToken.quoted) {
      throw fail(
        titleToken === undefined
          ? `"rename" on line ${directive.line} gives no new title.`
          : `"rename" on line ${directive.line} gives the new title without quotes (${titleToken.text}); put it between straight double quotes.`,
        expected,
      );
    }
    title = titleToken.text.trim();
    if (title === '')
      throw fail(`"rename" on line ${directive.line} gives an empty title.`, expected);
  }

  let optional = false;
  const flag = words.shift();
  if (flag !== undefined) {
    if (flag.quoted || flag.text !== 'optional') {
      throw fail(
        `"${name}" on line ${directive.line} has an extra argument "${flag.text}"${didYouMean(flag.text, ['optional']) ? '. Did you mean "optional"?' : '.'}`,
        expected,
      );
    }
    optional = true;
  }
  const extra = words.shift();
  if (extra !== undefined) {
    throw fail(
      `"${name}" on line ${directive.line} has an extra argument "${extra.text}".`,
      expected,
    );
  }
  return {
    op: name,
    target,
    optional,
    ...(position === undefined ? {} : { position }),
    ...(title === undefined ? {} : { title }),
  };
}

/** A heading path is slugs joined by `/`; anything else cannot match a section. */
function isHeadingPath(path: string): boolean {
  return path.split('/').every((segment) => segment !== '' && slugify(segment) === segment);
}

function pathExample(text: string): string {
  const suggestion = text
    .split('/')
    .map((segment) => slugify(segment))
    .filter(Boolean)
    .join('/');
  return suggestion || 'technical-approach/technology-stack';
}
