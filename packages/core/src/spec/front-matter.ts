import { isMap, parseDocument } from 'yaml';
import { SpecforgeError } from '../errors/index.js';
import type { FrontMatter } from './model.js';
import { codePointLength, type Source } from './source.js';

/** Where the front matter ends and the Markdown body starts. */
export interface FrontMatterResult {
  frontMatter: FrontMatter | undefined;
  /** 1-based line on which the body starts. */
  bodyLine: number;
}

const openLine = /^---[ \t]*$/;
const closeLine = /^(?:---|\.\.\.)[ \t]*$/;

// A few aliases are normal YAML; thousands are an alias bomb ("billion laughs").
const maxAliasCount = 100;

/**
 * Finds and parses the YAML front matter: a first line `---` and a later line `---` or `...`.
 * Without a closing line there is no front matter: the `---` is an ordinary thematic break.
 *
 * @throws `SpecforgeError` with code `SPECFORGE_FRONT_MATTER_INVALID` when the YAML does not parse
 *   or is not a mapping, located at the offending line and column of the original text.
 */
export function readFrontMatter(source: Source, file: string | undefined): FrontMatterResult {
  const { lines } = source;
  if (!openLine.test(lines[0] ?? '')) return { frontMatter: undefined, bodyLine: 1 };
  let close = -1;
  for (let i = 1; i < lines.length; i++) {
    if (closeLine.test(lines[i] ?? '')) {
      close = i;
      break;
    }
  }
  if (close === -1) return { frontMatter: undefined, bodyLine: 1 };

  // The YAML runs from the start of line 2 to the start of the closing line, breaks as written.
  const yamlStart = source.starts[1] ?? source.text.length;
  const yamlEnd = source.starts[close] ?? source.text.length;
  const raw = source.text.slice(yamlStart, yamlEnd);
  const fail = (reason: string, offset: number): never => {
    const { line, column } = positionIn(raw, offset);
    throw new SpecforgeError(
      'SPECFORGE_FRONT_MATTER_INVALID',
      { reason },
      // Line 1 is the opening `---`, so YAML line 1 is file line 2.
      { location: { file: file ?? '<input>', line: line + 1, column } },
    );
  };

  const doc = parseDocument(raw, { prettyErrors: false, uniqueKeys: true });
  const [error] = doc.errors;
  if (error) fail(sentence(error.message), error.pos[0]);

  let data: Record<string, unknown> = {};
  if (doc.contents !== null) {
    if (!isMap(doc.contents)) {
      const kind = describeNode(doc.contents);
      fail(
        `it is ${kind}, but front matter must be a mapping of keys to values (key: value lines).`,
        doc.contents.range?.[0] ?? 0,
      );
    }
    try {
      data = doc.toJS({ maxAliasCount }) as Record<string, unknown>;
    } catch (cause) {
      // yaml throws a ReferenceError when the aliases would expand past maxAliasCount.
      const message = cause instanceof Error ? cause.message : String(cause);
      fail(sentence(message), 0);
    }
  }

  return {
    frontMatter: { data, raw, line: 1, endLine: close + 1 },
    bodyLine: close + 2,
  };
}

/** 1-based line and code-point column of `offset` in `text`. */
function positionIn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const breaks = before.match(/\r\n?|\n/g);
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return {
    line: (breaks?.length ?? 0) + 1,
    column: codePointLength(before.slice(lastBreak + 1)) + 1,
  };
}

function describeNode(node: unknown): string {
  if (node !== null && typeof node === 'object' && 'items' in node) return 'a list';
  return 'a single value';
}

function sentence(message: string): string {
  const text = message.trim();
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
