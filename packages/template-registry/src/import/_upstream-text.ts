import { createWarning, type Diagnostic } from '@specforge/core';
import { isMap, isScalar, parseDocument } from 'yaml';

/** A file of the input: its path relative to the input folder (for messages) and its path joined to the input path (for locations). */
export interface SourceFile {
  rel: string;
  path: string;
}

/** A Spec Kit file's text, made ready for a specforge template. */
export interface UpstreamText {
  /** The text without a byte-order mark, with LF line breaks. */
  text: string;
  /** What was changed, as warnings. */
  warnings: Diagnostic[];
}

/**
 * Drops a byte-order mark and turns CRLF / CR line breaks into LF, as specforge does when it
 * reads a template file, and says so: a template that renders with other line breaks than the
 * Spec Kit file is worth a warning.
 *
 * @returns `undefined` when the text holds a NUL character, which no template can hold.
 */
export function readUpstreamText(raw: string, source: SourceFile): UpstreamText | undefined {
  const { rel: file, path } = source;
  if (raw.includes('\0')) return undefined;
  const warnings: Diagnostic[] = [];
  let text = raw;
  if (text.startsWith('\uFEFF')) {
    text = text.slice(1);
    warnings.push(
      createWarning(
        'SPECFORGE_IMPORT_TEXT_CHANGED',
        { file, change: 'its UTF-8 byte-order mark was dropped' },
        { file: path },
      ),
    );
  }
  if (text.includes('\r')) {
    text = text.replace(/\r\n?/g, '\n');
    warnings.push(
      createWarning(
        'SPECFORGE_IMPORT_TEXT_CHANGED',
        { file, change: 'its CRLF line breaks became LF, as in every specforge template' },
        { file: path },
      ),
    );
  }
  return { text, warnings };
}

/** A Spec Kit file split at its YAML front matter. */
export interface UpstreamFrontMatter {
  /** The front matter's `description`, trimmed, when it has one. */
  description: string | undefined;
  /** The text after the closing `---` line (the whole text when there is no front matter). */
  body: string;
  /** Whether the text had front matter that was taken off. */
  hadFrontMatter: boolean;
  warnings: Diagnostic[];
}

/**
 * Takes a Spec Kit file's YAML front matter off (`tasks-template.md` has one, with a
 * `description`), so that its description can join the specforge metadata instead of standing
 * in a second `---` block. Keys other than `description` have no specforge counterpart and are
 * dropped with a warning. Text that only looks like front matter (no closing line, YAML that
 * does not parse to a mapping) is left in the body, where it renders as it stands.
 *
 * @param text - The text, already through {@link readUpstreamText}.
 */
export function splitUpstreamFrontMatter(text: string, source: SourceFile): UpstreamFrontMatter {
  const { rel: file, path } = source;
  const none: UpstreamFrontMatter = {
    description: undefined,
    body: text,
    hadFrontMatter: false,
    warnings: [],
  };
  const lines = text.split('\n');
  if (lines[0]?.trimEnd() !== '---') return none;
  const closing = lines.findIndex((line, index) => index > 0 && line.trimEnd() === '---');
  if (closing === -1) return none;
  const doc = parseDocument(lines.slice(1, closing).join('\n'), { prettyErrors: false });
  const root = doc.contents;
  const empty = root === null || (isScalar(root) && root.value === null);
  if (doc.errors.length > 0 || (!empty && !isMap(root))) {
    return {
      ...none,
      warnings: [
        createWarning(
          'SPECFORGE_IMPORT_TEXT_CHANGED',
          {
            file,
            change:
              'its opening "---" block is not YAML front matter, so it stays in the template body as text',
          },
          { file: path, line: 1 },
        ),
      ],
    };
  }
  const data = empty ? {} : (doc.toJS({ maxAliasCount: 20 }) as Record<string, unknown>);
  const warnings: Diagnostic[] = [];
  const dropped = Object.keys(data).filter((key) => key !== 'description');
  const description = typeof data.description === 'string' ? data.description.trim() : undefined;
  if (data.description !== undefined && description === undefined) dropped.unshift('description');
  if (dropped.length > 0) {
    warnings.push(
      createWarning(
        'SPECFORGE_IMPORT_TEXT_CHANGED',
        {
          file,
          change: `its front matter ${dropped.length === 1 ? 'key' : 'keys'} ${dropped.map((key) => JSON.stringify(key)).join(', ')} ${dropped.length === 1 ? 'was' : 'were'} dropped (a specforge template's metadata has no such field)`,
        },
        { file: path, line: 1 },
      ),
    );
  }
  return {
    description: description || undefined,
    body: lines.slice(closing + 1).join('\n'),
    hadFrontMatter: true,
    warnings,
  };
}
