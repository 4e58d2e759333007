import { flattenSections, type Section } from '@specforge/core';
import {
  type DirectiveLine,
  findDirectiveLines,
  type ParsedDirective,
  parseDirective,
} from './_directives.js';
import { hashes, overlayInvalid } from './_errors.js';
import { readOverlayFrontMatter } from './_front-matter.js';
import { headingEndLine, readSectionTree } from './_headings.js';
import { isBlank, lineStarts } from './_lines.js';
import type {
  Overlay,
  OverlayContent,
  OverlayContentSection,
  OverlayOperation,
} from './overlay-types.js';

/** Options for {@link parseOverlay}. */
export interface ParseOverlayOptions {
  /** The overlay file's path, for errors and blame. */
  file: string;
}

/** Where the spec parser found a heading, in file lines. */
interface FoundHeading {
  section: Section;
  line: number;
}

/** One directive with the lines that belong to it. */
interface Region {
  directive: DirectiveLine;
  parsed: ParsedDirective;
  /** File lines of the content: `from` … `to`, possibly empty (`to < from`). */
  from: number;
  to: number;
  lines: string[];
}

// A line that might start a heading (ATX, or a setext underline) or a block that can stay open
// across a column-0 line (a code fence, an HTML block). Content without one has no headings and
// cannot swallow the next directive, so the spec parser need not look at it. A filter only:
// headings themselves are always the spec parser's.
const mayOpenBlock = /^ {0,3}(?:#|=+[ \t]*$|-+[ \t]*$|`{3}|~{3}|<)/;

// Stands in for each directive line when the overlay is parsed as one document: an ATX heading
// closes whatever block the previous content left open, unless that block swallows it.
const sentinel = '###### specforge-directive';

/**
 * Parses an overlay file: Markdown that changes a base template section by section and still
 * reads sensibly on its own.
 *
 * ```markdown
 * ---
 * extends: speckit/plan
 * ---
 * <!-- specforge: replace technical-approach/technology-stack -->
 * ### Technology Stack
 * - Languages: TypeScript 5 on Node 22
 *
 * <!-- specforge: remove deployment -->
 * ```
 *
 * The front matter names the template it changes (`extends`) and may override its metadata
 * (`description`, `requiredSections`, `inputs`, `output`, `kind`, `id`) or choose one of Spec
 * Kit's whole-file strategies (`strategy: replace | prepend | append | wrap`). Each directive,
 * `<!-- specforge: <op> <heading-path> -->` alone on its line, takes the lines after it up to the
 * next directive as its content. A byte-order mark is dropped and CRLF line breaks become LF,
 * as in template files; line numbers are those of the file. Nothing is applied yet: see
 * {@link applyOverlay}.
 *
 * @param text - The overlay file's text.
 * @param options - `file`, for errors and blame.
 * @returns The overlay, its directives in file order with their content parsed into sections.
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_OVERLAY_INVALID` with the file and line: no or bad
 *   front matter, an unknown operation (with a "did you mean"), missing or extra arguments, a
 *   `replace` or `insert` whose content does not start with a heading, content that would be
 *   lost, or content that leaves a code block open. `SPECFORGE_TEMPLATE_META_INVALID` for an
 *   invalid metadata override.
 *
 * @example
 * ```ts
 * const overlay = parseOverlay(
 *   '---\nextends: speckit/plan\n---\n<!-- specforge: remove deployment -->\n',
 *   { file: 'packs/acme/plan.md' },
 * );
 * overlay.operations; // [{ op: 'remove', target: 'deployment', optional: false, line: 4 }]
 * ```
 */
export function parseOverlay(text: string, options: ParseOverlayOptions): Overlay {
  const { file } = options;
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const front = readOverlayFrontMatter(normalized, file);
  const bodyLines = front.body.split('\n');
  const directives = findDirectiveLines(bodyLines, front.bodyLine, file);
  const base = {
    file,
    extends: front.extends,
    strategy: front.strategy,
    meta: front.meta,
    body: front.body,
    bodyLine: front.bodyLine,
  };

  if (front.strategy !== 'sections') {
    const stray = directives[0];
    if (stray !== undefined) {
      throw overlayInvalid(
        file,
        stray.line,
        `the overlay uses "strategy: ${front.strategy}", which applies the whole file, yet line ${stray.line} holds a section directive.`,
        'Remove "strategy" from the front matter to apply directives section by section, or remove the directives.',
      );
    }
    if (front.strategy === 'wrap' && !front.body.includes('{CORE_TEMPLATE}')) {
      throw overlayInvalid(
        file,
        front.strategyLine,
        '"strategy: wrap" puts the base template where the overlay says {CORE_TEMPLATE}, but the overlay never says it.',
        'Write {CORE_TEMPLATE} on the line where the base template goes.',
      );
    }
    return { ...base, operations: [] };
  }

  const lastLine = front.bodyLine + bodyLines.length - 1;
  const lineOf = (fileLine: number) => bodyLines[fileLine - front.bodyLine] ?? '';
  checkLeadingText(bodyLines, front.bodyLine, directives[0]?.line ?? lastLine + 1, file);

  const regions: Region[] = directives.map((directive, index) => {
    const from = directive.line + 1;
    const to = (directives[index + 1]?.line ?? lastLine + 1) - 1;
    const lines: string[] = [];
    for (let line = from; line <= to; line++) lines.push(lineOf(line));
    return { directive, parsed: parseDirective(directive, file), from, to, lines };
  });
  const headings = findContentHeadings(regions, file);
  const operations = regions.map((region, index) =>
    buildOperation(region, headings[index] ?? [], file),
  );
  return { ...base, operations };
}

/** Before the first directive there may be blank lines and HTML comments, nothing that would be lost. */
function checkLeadingText(
  bodyLines: readonly string[],
  bodyLine: number,
  firstDirective: number,
  file: string,
): void {
  const leading = bodyLines.slice(0, firstDirective - bodyLine).join('\n');
  // Blank out comments but keep their line breaks, so the offending line can be named.
  const withoutComments = leading.replace(/<!--[\s\S]*?-->/g, (comment) =>
    comment.replace(/[^\n]/g, ' '),
  );
  if (isBlank(withoutComments)) return;
  const index = withoutComments.split('\n').findIndex((line) => line.trim() !== '');
  const line = bodyLine + index;
  throw overlayInvalid(
    file,
    line,
    `line ${line} holds text outside any directive; an overlay changes its base only through <!-- specforge: … --> directives, so the text would have nowhere to go.`,
    'Put the text under a directive (e.g. <!-- specforge: append <heading-path> -->), turn it into an HTML comment, or set "strategy: replace" in the front matter to replace the whole template.',
  );
}

/**
 * The headings of every directive's content. The whole overlay is parsed once, each directive
 * line replaced by a heading; when a content leaves a block open (that heading is then
 * missing), each content is parsed on its own, which also tells which one it was.
 */
function findContentHeadings(regions: readonly Region[], file: string): FoundHeading[][] {
  // Most directive contents are a few list items or table rows: skip the parse for them.
  const plain = regions.map((region) => !region.lines.some((line) => mayOpenBlock.test(line)));
  if (plain.every(Boolean)) return regions.map(() => []);
  const lines: string[] = [];
  for (let line = 1; line < regions[0]!.directive.line; line++) lines.push('');
  regions.forEach((region, index) => {
    lines.push(sentinel, ...(plain[index] ? region.lines.map(() => '') : region.lines));
  });
  lines.push(sentinel);
  const found = new Map<number, Section>();
  // Parsed through the shared cache: the overlays of a pack often hold the same contents.
  for (const section of flattenSections(readSectionTree(lines.join('\n')).roots))
    found.set(section.line, section);
  if (regions.every((region) => found.has(region.to + 1))) {
    return regions.map((region) => {
      const inRegion: FoundHeading[] = [];
      for (let line = region.from; line <= region.to; line++) {
        const section = found.get(line);
        if (section) inRegion.push({ section, line });
      }
      return inRegion;
    });
  }
  return regions.map((region) => {
    // Two lines of prefix: a non-H1 first heading turns the title rule off, and the blank line
    // starts the content afresh; the blank line before the closing heading ends any paragraph.
    const sections = flattenSections(
      readSectionTree(`## d\n\n${region.lines.join('\n')}\n\n${sentinel}`).roots,
    );
    const closingLine = 2 + region.lines.length + 2;
    if (sections.at(-1)?.line !== closingLine) {
      throw overlayInvalid(
        file,
        region.directive.line,
        `the content of the directive on line ${region.directive.line} leaves a code block, an HTML block or a comment open, so it would swallow every section after it in the template.`,
        'Close the block (e.g. the ``` fence or the <!-- comment) before the next directive or the end of the file.',
      );
    }
    return sections
      .filter((section) => section.line > 2 && section.line < closingLine)
      .map((section) => ({ section, line: region.from + section.line - 3 }));
  });
}

function buildOperation(region: Region, headings: FoundHeading[], file: string): OverlayOperation {
  const { parsed, directive } = region;
  const { op } = parsed;
  const common = { target: parsed.target, optional: parsed.optional, line: directive.line };
  const where = `"${op}" on line ${directive.line}`;

  if (op === 'remove' || op === 'rename') {
    const stray = firstTextLine(region);
    if (stray !== undefined) {
      throw overlayInvalid(
        file,
        stray,
        `${where} takes no content, but line ${stray} holds text that would be lost.`,
        op === 'remove'
          ? 'Delete the text, make it an HTML comment, or use "replace" to put new content in place of the section.'
          : 'Delete the text, make it an HTML comment, or add an "append" or "prepend" directive for it.',
      );
    }
    return op === 'remove' ? { op, ...common } : { op, ...common, title: parsed.title ?? '' };
  }

  const first = region.lines.findIndex((line) => line.trim() !== '');
  if (first === -1) {
    throw overlayInvalid(
      file,
      directive.line,
      `${where} has no content: the lines after a directive, up to the next one, are what it ${op === 'replace' ? 'puts in place of the section' : op === 'insert' ? 'inserts' : `${op}s`}.`,
      op === 'replace' || op === 'insert'
        ? 'Write the new section, heading included, on the lines after the directive.'
        : 'Write the text on the lines after the directive.',
    );
  }
  let last = region.lines.length - 1;
  while (last > first && region.lines[last]!.trim() === '') last--;
  // Leading blank lines matter only to append: one starts a new block instead of continuing the last.
  const start = op === 'append' ? 0 : first;
  const content = sliceContent(
    region.lines.slice(start, last + 1).join('\n'),
    region.from + start,
    headings,
  );

  const firstHeading = content.sections[0];
  if (op === 'replace' || op === 'insert') {
    const firstLine = region.from + first;
    if (firstHeading === undefined || firstHeading.line !== firstLine) {
      throw overlayInvalid(
        file,
        firstLine,
        `${where} needs ${op === 'replace' ? 'a complete section' : 'one or more complete sections'}, heading included, but its content starts on line ${firstLine} with text that is not a heading.`,
        `Start the content with the heading of the new section, at the level of "${parsed.target}" (e.g. "## Security Review"); to add text to a section, use "append" or "prepend".`,
      );
    }
    for (const section of content.sections.slice(1)) {
      const tooShallow = section.level < firstHeading.level;
      const secondRoot = op === 'replace' && section.level === firstHeading.level;
      if (tooShallow || secondRoot) {
        throw overlayInvalid(
          file,
          section.line,
          tooShallow
            ? `${where} starts with a level-${firstHeading.level} section, but the heading on line ${section.line} ("${section.title}") is level ${section.level}, above it.`
            : `${where} puts one section in place of another, but its content holds a second section, "${section.title}" on line ${section.line}.`,
          tooShallow
            ? `Give the heading ${hashes(firstHeading.level)} or more, or move it under its own directive.`
            : `Add a directive <!-- specforge: insert after ${parsed.target} --> before line ${section.line} for the second section, or make it a sub-section (${hashes(firstHeading.level + 1)}).`,
        );
      }
    }
    return op === 'replace'
      ? { op, ...common, content }
      : { op, ...common, position: parsed.position ?? 'after', content };
  }

  if (op === 'prepend' && firstHeading !== undefined) {
    throw overlayInvalid(
      file,
      firstHeading.line,
      `${where} adds text at the start of the section's own text, but line ${firstHeading.line} is a heading ("${firstHeading.title}"), which would split the section in two.`,
      `To add a sub-section, use <!-- specforge: append ${parsed.target} --> (it goes after the existing ones) or "insert before" a sub-section.`,
    );
  }
  return { op, ...common, content };
}

/** The first line of a region that is neither blank nor inside an HTML comment. */
function firstTextLine(region: Region): number | undefined {
  const text = region.lines
    .join('\n')
    .replace(/<!--[\s\S]*?-->/g, (comment) => comment.replace(/[^\n]/g, ' '));
  const index = text.split('\n').findIndex((line) => line.trim() !== '');
  return index === -1 ? undefined : region.from + index;
}

/** Splits a content text at the headings found in it (their lines are file lines). */
function sliceContent(
  text: string,
  line: number,
  headings: readonly FoundHeading[],
): OverlayContent {
  const starts = lineStarts(text);
  const startOf = (fileLine: number) => starts[fileLine - line] ?? text.length;
  const sections: OverlayContentSection[] = headings.map((found, index) => {
    const endLine = headingEndLine(text, starts, found.line - line + 1) + line - 1;
    const next = headings[index + 1];
    const start = startOf(found.line);
    const headingEnd = startOf(endLine + 1);
    return {
      title: found.section.title,
      slug: found.section.slug,
      level: found.section.level,
      heading: text.slice(start, headingEnd),
      body: text.slice(headingEnd, next === undefined ? text.length : startOf(next.line)),
      line: found.line,
    };
  });
  const first = headings[0];
  return {
    text,
    line,
    lead: first === undefined ? text : text.slice(0, startOf(first.line)),
    sections,
  };
}
