import { didYouMean, parseSections, type Section, SpecforgeError, slugify } from '@specforge/core';
import { hashes, overlayInvalid } from './_errors.js';
import { splitTrailingBlank, toLineBreak } from './_lines.js';
import type { Entry } from './_tree.js';
import { WorkingDocument } from './_work.js';
import type { Overlay, OverlayContent, OverlayOperation } from './overlay-types.js';
import type {
  BlameChange,
  LayerRef,
  PathChange,
  SkippedOperation,
  TemplateDocument,
} from './types.js';

/** The outcome of applying an overlay's directives. */
export interface SectionOpsResult {
  document: TemplateDocument;
  skipped: SkippedOperation[];
  pathChanges: PathChange[];
}

/** Applies the directives of a `sections` overlay, in file order. */
export function applySectionOperations(
  base: TemplateDocument,
  overlay: Overlay,
  layer: LayerRef,
): SectionOpsResult {
  const work = new WorkingDocument(base);
  const basePaths = work.allPaths().slice();
  const skipped: SkippedOperation[] = [];

  for (const operation of overlay.operations) {
    const index = work.find(operation.target);
    if (index === undefined) {
      if (operation.optional) {
        skipped.push({
          op: operation.op,
          target: operation.target,
          line: operation.line,
          file: overlay.file,
          layer: { ...layer },
        });
        continue;
      }
      throw targetMissing(operation, overlay, work.allPaths());
    }
    applyOperation(work, index, operation, overlay, layer);
  }

  const document = work.toDocument();
  const now = work.allPaths();
  const byOrigin = new Map<string, string>();
  work.entries.forEach((entry, i) => {
    if (entry.origin !== undefined) byOrigin.set(entry.origin, now[i]!);
  });
  const present = new Set(now);
  const pathChanges: PathChange[] = [];
  for (const from of basePaths) {
    // A replaced sub-section whose replacement has the same path is still there for readers.
    const to = byOrigin.get(from) ?? (present.has(from) ? from : undefined);
    if (to !== from) pathChanges.push({ from, to });
  }
  return { document, skipped, pathChanges };
}

function applyOperation(
  work: WorkingDocument,
  index: number,
  operation: OverlayOperation,
  overlay: Overlay,
  layer: LayerRef,
): void {
  const target = work.entries[index]!;
  const change = (op: BlameChange['op']): BlameChange => ({
    op,
    layer: { ...layer },
    file: overlay.file,
    line: operation.line,
  });
  switch (operation.op) {
    case 'remove':
      work.splice(index, work.subtreeEnd(index) - index, []);
      return;
    case 'replace': {
      checkLevels(operation, operation.content, target, overlay.file, 'same');
      const added = contentEntries(operation.content, overlay.file, layer, work.eol);
      added[0]!.origin = target.origin;
      work.splice(index, work.subtreeEnd(index) - index, added);
      return;
    }
    case 'insert': {
      checkLevels(operation, operation.content, target, overlay.file, 'same');
      const added = contentEntries(operation.content, overlay.file, layer, work.eol);
      const at = operation.position === 'before' ? index : work.subtreeEnd(index);
      work.splice(at, 0, added);
      return;
    }
    case 'append': {
      checkLevels(operation, operation.content, target, overlay.file, 'deeper');
      const { lead } = operation.content;
      const end = work.subtreeEnd(index);
      if (lead.trim() !== '') {
        // After the last line of the section's last sub-section: the end of the section as read.
        work.appendAfterLastLine(end - 1, toLineBreak(splitTrailingBlank(lead).core, work.eol));
      }
      const added = contentEntries(operation.content, overlay.file, layer, work.eol);
      if (added.length > 0) work.splice(end, 0, added);
      work.addChange(index, change('append'));
      return;
    }
    case 'prepend':
      work.prependToBody(index, toLineBreak(operation.content.text, work.eol));
      work.addChange(index, change('prepend'));
      return;
    case 'rename': {
      const renamed = renameHeading(target, operation.title, work.eol);
      if (renamed === undefined) {
        throw overlayInvalid(
          overlay.file,
          operation.line,
          `"rename" on line ${operation.line} gives the title ${JSON.stringify(operation.title)}, which does not read as a level-${target.level} heading in Markdown.`,
          'Choose a title that does not start like a list item, a quote or a code fence, or escape its first character with "\\".',
        );
      }
      work.setHeading(index, renamed.heading, renamed.title, renamed.slug);
      work.addChange(index, change('rename'));
      return;
    }
  }
}

/** New entries for a directive's content sections, blamed on the overlay at their headings. */
function contentEntries(
  content: OverlayContent,
  file: string,
  layer: LayerRef,
  eol: string,
): Entry[] {
  return content.sections.map((section) => ({
    title: section.title,
    slug: section.slug,
    level: section.level,
    heading: toLineBreak(section.heading, eol),
    body: toLineBreak(section.body, eol),
    blame: { layer: { ...layer }, file, line: section.line, changes: [] },
    origin: undefined,
  }));
}

/**
 * Headings keep the level they are written with, so an overlay reads the same on its own as
 * in the composed template: new sections must be at the target's level (`same`), appended
 * sub-sections below it (`deeper`).
 */
function checkLevels(
  operation: OverlayOperation,
  content: OverlayContent,
  target: Entry,
  file: string,
  rule: 'same' | 'deeper',
): void {
  const where = `"${operation.op}${operation.op === 'insert' ? ` ${operation.position}` : ''} ${operation.target}" on line ${operation.line}`;
  if (rule === 'same') {
    const first = content.sections[0];
    if (first === undefined || first.level === target.level) return;
    throw overlayInvalid(
      file,
      first.line,
      operation.op === 'replace'
        ? `${where} puts a level-${first.level} section ("${first.title}") in place of a level-${target.level} one; a replacement keeps the level of the section it replaces.`
        : `${where} inserts "${first.title}", a level-${first.level} section, next to a level-${target.level} one; inserted sections are siblings of their target.`,
      `Write the heading with ${hashes(target.level)} (and its sub-sections one level deeper each).`,
    );
  }
  const shallow = content.sections.find((section) => section.level <= target.level);
  if (shallow === undefined) return;
  throw overlayInvalid(
    file,
    shallow.line,
    `${where} adds sub-sections to a level-${target.level} section, but "${shallow.title}" on line ${shallow.line} is level ${shallow.level}, which would end the section instead.`,
    `Write the heading with ${hashes(target.level + 1)} to add a sub-section, or use <!-- specforge: insert after ${operation.target} --> to add a sibling section.`,
  );
}

const atxHeading = /^( {0,3}#{1,6})(?=[ \t]|$)(.*)$/;

/**
 * The heading of `entry` with its text replaced by `title`: an ATX heading keeps its `#` marks
 * and closing sequence, a setext heading its underline. `undefined` when the result would not
 * parse as a heading of the same level.
 */
function renameHeading(
  entry: Entry,
  title: string,
  eol: string,
): { heading: string; title: string; slug: string } | undefined {
  const [, firstLine = '', firstBreak = ''] = /^([^\r\n]*)(\r\n|\r|\n)?/.exec(entry.heading) ?? [];
  const atx = atxHeading.exec(firstLine);
  if (atx) {
    const rest = atx[2] ?? '';
    const closing = rest.slice(closingSequenceStart(rest));
    // A title ending in " #" would read as a closing sequence and lose its "#". Anything else
    // on one line is a valid ATX heading text, so no re-parse is needed.
    const hashesAt = closingSequenceStart(title);
    const text =
      hashesAt < title.length
        ? `${title.slice(0, hashesAt)}${title.slice(hashesAt).replace('#', '\\#')}`
        : title;
    return {
      heading: `${atx[1]} ${text}${closing}${firstBreak}`,
      title: text,
      slug: slugify(text.replace(/\s+/g, ' ')),
    };
  }
  // A setext heading: its text lines give way to the title; the underline (and level) stay.
  const lines = entry.heading.match(/[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$/g) ?? [];
  const heading = `${title}${firstBreak || eol}${lines.at(-1) ?? ''}`;
  // The title could read as a list item, a quote or a fence: parse it (after a non-H1 heading,
  // so that a lone H1 is a section, not a title) and accept only the same one heading.
  const probe = parseSections(`## d\n\n${heading.replace(/(?:\r\n|\r|\n)$/, '')}\n`);
  const section = probe[1] ?? probe[0]?.children[0];
  if (section?.line !== 3 || section.level !== entry.level || countSections(probe) !== 2) {
    return undefined;
  }
  if (section.endLine !== 4) return undefined;
  return { heading, title: section.title, slug: section.slug };
}

/**
 * Where the closing sequence of an ATX heading's text starts (spaces, `#`s, spaces at the end,
 * the `#`s after a space or at the start), or `text.length` when it has none. A backward scan:
 * a regex would be quadratic on a long run of spaces.
 */
function closingSequenceStart(text: string): number {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  let hashes = end;
  while (hashes > 0 && text[hashes - 1] === '#') hashes--;
  if (hashes === end) return text.length;
  let start = hashes;
  while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
  return start < hashes || hashes === 0 ? start : text.length;
}

function countSections(sections: readonly Section[]): number {
  let count = 0;
  for (const section of sections) count += 1 + countSections(section.children);
  return count;
}

function targetMissing(
  operation: OverlayOperation,
  overlay: Overlay,
  paths: readonly string[],
): SpecforgeError<'SPECFORGE_OVERLAY_TARGET_MISSING'> {
  const closest = closestPaths(operation.target, paths);
  const skip = 'or end the directive with "optional" to skip it when the section is absent.';
  const hint = closest[0]
    ? `Did you mean "${closest[0]}"? Name the section by its heading path, ${skip}`
    : `The heading paths of ${overlay.extends} are: ${paths.join(', ') || '(none)'}. Name one of them, ${skip}`;
  return new SpecforgeError(
    'SPECFORGE_OVERLAY_TARGET_MISSING',
    {
      op: operation.op === 'insert' ? `insert ${operation.position}` : operation.op,
      target: operation.target,
      base: overlay.extends,
      closest,
    },
    { location: { file: overlay.file, line: operation.line }, hint },
  );
}

/**
 * Heading paths a mistyped target most likely meant: paths ending in the same slug (a parent
 * left out), then a close spelling of the whole path, then of its last slug.
 */
export function closestPaths(target: string, paths: readonly string[]): string[] {
  const found = new Set<string>();
  const lastOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);
  const last = lastOf(target);
  for (const path of paths) if (lastOf(path) === last) found.add(path);
  const guess = didYouMean(target, paths);
  if (guess !== undefined) found.add(guess);
  const segment = didYouMean(last, paths.map(lastOf));
  if (segment !== undefined)
    for (const path of paths) if (lastOf(path) === segment) found.add(path);
  return [...found].slice(0, 3);
}
