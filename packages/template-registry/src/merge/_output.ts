import { isBlankLine } from './_text.js';
import type { MergeNode } from './_tree.js';
import type { MergeConflict, MergeConflictKind } from './types.js';

/** The marker lines of a conflict block, labels included. */
export interface Markers {
  /** Opens the block and the fork's side: `<<<<<<< ours`. */
  ours: string;
  /** Opens the base's side: `||||||| base`. */
  base: string;
  /** Opens upstream's side: `=======`. */
  separator: string;
  /** Closes the block: `>>>>>>> theirs`. */
  theirs: string;
}

/** The marker lines for the given labels, as git writes them (`<<<<<<< ours` …). */
export function conflictMarkers(labels: { ours: string; base: string; theirs: string }): Markers {
  const marker = (sign: string, label: string) => (label === '' ? sign : `${sign} ${label}`);
  return {
    ours: marker('<<<<<<<', labels.ours),
    base: marker('|||||||', labels.base),
    separator: '=======',
    theirs: marker('>>>>>>>', labels.theirs),
  };
}

/**
 * Which section a piece of the result is on each side that has it. Two pieces that follow each
 * other on either side need nothing between them; any other pair is a new join (see
 * {@link MergeOutput.startPiece}).
 */
export interface PieceSource {
  ours?: MergeNode | undefined;
  theirs?: MergeNode | undefined;
}

/** The merged text as lines, with the conflicts recorded as their blocks are written. */
export class MergeOutput {
  /** The result's lines, without line breaks. */
  readonly lines: string[] = [];
  /** Every conflict block written so far. */
  readonly conflicts: MergeConflict[] = [];
  private previous: PieceSource | undefined;

  constructor(private readonly markers: Markers) {}

  /**
   * Starts a piece: a section's own text, or a conflict block that stands for a section. When
   * the piece did not follow the previous one on either side (both sides added a section at the
   * same place, say) and the text so far does not end with a blank line, a blank line goes in
   * first: a heading right below a paragraph line would otherwise read as part of it (a setext
   * underline) or at least not as the writer laid it out. Right after a conflict block nothing
   * goes in: the block's sides end with their own blank lines, and a blank line after the
   * marker would be one too many once the block is resolved.
   */
  startPiece(source: PieceSource): void {
    const previous = this.previous;
    this.previous = source;
    if (previous === undefined || this.lines.length === 0 || this.endsWithMarker()) return;
    const follows = (side: 'ours' | 'theirs') => {
      const before = previous[side];
      const after = source[side];
      return before !== undefined && after !== undefined && after.order === before.order + 1;
    };
    if (follows('ours') || follows('theirs')) return;
    if (!isBlankLine(this.lines[this.lines.length - 1]!)) this.lines.push('');
  }

  /** Appends lines as they are. */
  push(lines: readonly string[]): void {
    for (const line of lines) this.lines.push(line);
  }

  /** Appends a diff3-style conflict block and records it. */
  pushConflict(
    kind: MergeConflictKind,
    section: string,
    ours: readonly string[],
    base: readonly string[],
    theirs: readonly string[],
  ): void {
    const line = this.lines.length + 1;
    this.lines.push(this.markers.ours);
    this.push(ours);
    this.lines.push(this.markers.base);
    this.push(base);
    this.lines.push(this.markers.separator);
    this.push(theirs);
    this.lines.push(this.markers.theirs);
    this.conflicts.push({ section, line, endLine: this.lines.length, kind });
  }

  /** True when the last line written is a closing conflict marker. */
  endsWithMarker(): boolean {
    return this.conflicts.at(-1)?.endLine === this.lines.length && this.lines.length > 0;
  }
}
