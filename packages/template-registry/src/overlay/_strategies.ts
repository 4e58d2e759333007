import { isBlank, lineAtOffset, lineStarts } from './_lines.js';
import type { SectionOpsResult } from './_section-ops.js';
import { cloneBlame } from './_tree.js';
import type { Overlay } from './overlay-types.js';
import { renderTemplateDocument, splitTemplate } from './split-template.js';
import type {
  BlameChange,
  LayerRef,
  PathChange,
  SectionBlame,
  SectionNode,
  TemplateDocument,
} from './types.js';

/** Where the placeholder of a `wrap` overlay puts the base template (Spec Kit's spelling). */
export const coreTemplatePlaceholder = '{CORE_TEMPLATE}';

/** A stretch of the composed text and where it came from. */
type Segment =
  | { start: number; end: number; from: 'overlay'; at: number }
  | { start: number; end: number; from: 'base'; at: number }
  | { start: number; end: number; from: 'separator' };

/** A section (or the preamble) of the base with its place in the base text. */
interface Piece {
  start: number;
  blame: SectionBlame;
  path: string | undefined;
}

/**
 * Applies a whole-file strategy the way Spec Kit composes preset layers, byte for byte:
 * `replace` uses the overlay body; `prepend` is overlay + blank line + base; `append` is base +
 * blank line + overlay; `wrap` puts the base wherever the overlay says `{CORE_TEMPLATE}`. The
 * result is split again (a joined title may stop being the title), and blame follows the text:
 * a section keeps the blame of the layer its heading came from, and a base section that now
 * holds overlay text records the strategy as a change.
 */
export function applyStrategy(
  base: TemplateDocument,
  overlay: Overlay,
  layer: LayerRef,
): SectionOpsResult {
  const basePaths = flattenPaths(base.sections);
  const split = (text: string) =>
    splitTemplate(text, { file: overlay.file, bodyLine: overlay.bodyLine, layer });
  if (overlay.strategy === 'replace' || overlay.strategy === 'sections') {
    const document = split(overlay.body);
    const present = new Set(flattenPaths(document.sections));
    return {
      document,
      skipped: [],
      pathChanges: basePaths
        .filter((p) => !present.has(p))
        .map((from) => ({ from, to: undefined })),
    };
  }

  const { text: baseText, pieces } = renderPieces(base);
  const segments: Segment[] = [];
  let text = '';
  const add = (part: string, origin: 'overlay' | 'base' | 'separator', at = 0) => {
    if (part === '') return;
    const start = text.length;
    text += part;
    segments.push(
      origin === 'separator'
        ? { start, end: text.length, from: origin }
        : { start, end: text.length, from: origin, at },
    );
  };
  if (overlay.strategy === 'prepend') {
    add(overlay.body, 'overlay');
    add('\n\n', 'separator');
    add(baseText, 'base');
  } else if (overlay.strategy === 'append') {
    add(baseText, 'base');
    add('\n\n', 'separator');
    add(overlay.body, 'overlay');
  } else {
    const parts = overlay.body.split(coreTemplatePlaceholder);
    let at = 0;
    parts.forEach((part, index) => {
      if (index > 0) add(baseText, 'base');
      add(part, 'overlay', at);
      at += part.length + coreTemplatePlaceholder.length;
    });
  }

  const document = split(text);
  const overlayStarts = lineStarts(overlay.body);
  const baseStarts = lineStarts(baseText);
  const byHeading = new Map<number, Piece>();
  for (const piece of pieces) if (piece.path !== undefined) byHeading.set(piece.start, piece);
  const op = `strategy-${overlay.strategy}` as BlameChange['op'];

  const segmentAt = (offset: number) =>
    segments.find((segment) => segment.start <= offset && offset < segment.end) ?? segments.at(-1);
  // Blame for text starting at `offset` of the composed text.
  const blameAt = (offset: number): { blame: SectionBlame; piece: Piece | undefined } => {
    const segment = segmentAt(offset);
    if (segment === undefined || segment.from !== 'base') {
      const at = segment?.from === 'overlay' ? segment.at + offset - segment.start : 0;
      return {
        blame: {
          layer: { ...layer },
          file: overlay.file,
          line: overlay.bodyLine + lineAtOffset(overlayStarts, at) - 1,
          changes: [],
        },
        piece: undefined,
      };
    }
    const at = offset - segment.start;
    const exact = byHeading.get(at);
    if (exact) return { blame: cloneBlame(exact.blame), piece: exact };
    // Text that only became a heading in its new surroundings (a title that is no longer the
    // only H1): the section or preamble it sat in, at its own line.
    let container = pieces[0]!;
    for (const piece of pieces) if (piece.start <= at) container = piece;
    const blame = cloneBlame(container.blame);
    blame.line += lineAtOffset(baseStarts, at) - lineAtOffset(baseStarts, container.start);
    return { blame, piece: undefined };
  };
  // The first overlay line with text inside [start, end), if the stretch came from a lower layer.
  const addedLine = (start: number, end: number): number | undefined => {
    for (const segment of segments) {
      if (segment.from !== 'overlay' || segment.end <= start || segment.start >= end) continue;
      const from = Math.max(start, segment.start);
      const slice = text.slice(from, Math.min(end, segment.end));
      if (isBlank(slice)) continue;
      const firstText = from + slice.search(/\S/);
      return (
        overlay.bodyLine + lineAtOffset(overlayStarts, segment.at + firstText - segment.start) - 1
      );
    }
    return undefined;
  };
  const withChange = (blame: SectionBlame, fromBase: boolean, start: number, end: number) => {
    const line = fromBase ? addedLine(start, end) : undefined;
    if (line === undefined) return blame;
    return {
      ...blame,
      changes: [...blame.changes, { op, layer: { ...layer }, file: overlay.file, line }],
    };
  };

  const moved = new Map<string, string>();
  let offset = document.preamble.length;
  const fromBase = (start: number) => segmentAt(start)?.from === 'base';
  const visit = (sections: SectionNode[]): SectionNode[] =>
    sections.map((section) => {
      const start = offset;
      offset += section.heading.length + section.body.length;
      const found = blameAt(start);
      if (found.piece?.path !== undefined && !moved.has(found.piece.path)) {
        moved.set(found.piece.path, section.path);
      }
      const blame = withChange(found.blame, fromBase(start), start, offset);
      return { ...section, blame, children: visit(section.children) };
    });
  const sections = visit(document.sections);

  const present = new Set(flattenPaths(sections));
  const pathChanges: PathChange[] = [];
  for (const from of basePaths) {
    const to = moved.get(from) ?? (present.has(from) ? from : undefined);
    if (to !== from) pathChanges.push({ from, to });
  }
  // The preamble has no heading to blame; it stays the base's while it holds any base text.
  const preambleEnd = document.preamble.length;
  const keepsBase = segments.some(
    (segment) => segment.from === 'base' && segment.start < preambleEnd && segment.end > 0,
  );
  return {
    document: {
      preamble: document.preamble,
      preambleBlame: keepsBase
        ? withChange(cloneBlame(base.preambleBlame), true, 0, preambleEnd)
        : blameAt(0).blame,
      sections,
    },
    skipped: [],
    pathChanges,
  };
}

/** The rendered base, with where its preamble and each section start. */
function renderPieces(base: TemplateDocument): { text: string; pieces: Piece[] } {
  const pieces: Piece[] = [{ start: 0, blame: base.preambleBlame, path: undefined }];
  let offset = base.preamble.length;
  const visit = (sections: readonly SectionNode[]) => {
    for (const section of sections) {
      pieces.push({ start: offset, blame: section.blame, path: section.path });
      offset += section.heading.length + section.body.length;
      visit(section.children);
    }
  };
  visit(base.sections);
  return { text: renderTemplateDocument(base), pieces };
}

function flattenPaths(sections: readonly SectionNode[]): string[] {
  const out: string[] = [];
  const visit = (list: readonly SectionNode[]) => {
    for (const section of list) {
      out.push(section.path);
      visit(section.children);
    }
  };
  visit(sections);
  return out;
}
