import { readClarificationSessions } from './clarifications.js';
import { readFrontMatter } from './front-matter.js';
import { readListSection } from './list-sections.js';
import { type Block, parseBlocks } from './markdown.js';
import { readMarkers } from './markers.js';
import { readMetadata } from './metadata.js';
import type { ParseSpecOptions, Spec } from './model.js';
import { readEntities, readRequirements } from './requirements.js';
import { buildOutline } from './sections.js';
import { createSource, type Source } from './source.js';
import { readStories } from './stories.js';

/**
 * Parses a spec written in Spec Kit's Markdown format (or any Markdown) into a {@link Spec}.
 * The document is tokenised once with markdown-it; every extractor works on those blocks.
 * Any string is accepted: a free-form document yields its sections and empty Spec Kit fields.
 *
 * @param text - The spec file's content, exactly as read (BOM and CRLF line breaks allowed).
 * @param options - `file`: the spec's path, kept on the model and used in error locations.
 * @returns The spec model; all line numbers are 1-based lines of `text`.
 * @throws `SpecforgeError` with code `SPECFORGE_FRONT_MATTER_INVALID` when the YAML front matter does
 *   not parse or is not a mapping; nothing else throws.
 *
 * @example
 * ```ts
 * const spec = parseSpec(await readFile('specs/042-checkout/spec.md', 'utf8'), {
 *   file: 'specs/042-checkout/spec.md',
 * });
 * spec.title; // 'Guest Checkout with Saved Carts'
 * spec.stories.map((s) => `${s.id} ${s.priority}`); // ['US1 P1', 'US2 P2', …]
 * ```
 */
export function parseSpec(text: string, options: ParseSpecOptions = {}): Spec {
  const source = createSource(text);
  const lineCount = source.lines.length;
  const { frontMatter, bodyLine } = readFrontMatter(source, options.file);
  const blocks = parseBlocks(source, bodyLine);
  const outline = buildOutline(source, blocks, lineCount);
  const metadata = readMetadata(source, outline.titleHeading, outline.header);
  const bodyStart = source.starts[bodyLine - 1];

  const spec: Spec = {
    file: options.file,
    text,
    body: bodyStart === undefined ? '' : text.slice(bodyStart),
    bodyLine,
    lineCount,
    frontMatter,
    ...metadata,
    sections: outline.roots.map((node) => node.section),
    stories: readStories(source, outline),
    edgeCases: readListSection(source, outline, 'edgeCases'),
    requirements: readRequirements(source, blocks, outline, 'FR'),
    successCriteria: readRequirements(source, blocks, outline, 'SC'),
    entities: readEntities(source, outline),
    assumptions: readListSection(source, outline, 'assumptions'),
    clarificationSessions: readClarificationSessions(source, outline),
    clarifications: readMarkers(source, blocks),
  };
  parsedDocuments.set(spec, { source, blocks });
  return spec;
}

/** The lines and blocks of a parsed document, which checks read again. */
export interface ParsedDocument {
  source: Source;
  blocks: Block[];
}

// Kept beside each spec, not on it: the model stays plain data, and a check that needs the
// blocks again (prose, placeholders) reuses this parse instead of tokenising the text twice.
const parsedDocuments = new WeakMap<Spec, ParsedDocument>();

/**
 * The source lines and Markdown blocks `spec` was parsed from: the ones {@link parseSpec} made,
 * or (for a spec built some other way) a fresh parse of its text from its body line.
 */
export function parsedDocumentOf(spec: Spec): ParsedDocument {
  const known = parsedDocuments.get(spec);
  if (known) return known;
  const source = createSource(spec.text);
  return { source, blocks: parseBlocks(source, spec.bodyLine) };
}
