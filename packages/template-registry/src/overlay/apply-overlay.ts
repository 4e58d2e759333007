import { applySectionOperations } from './_section-ops.js';
import { applyStrategy } from './_strategies.js';
import type { Overlay } from './overlay-types.js';
import type { LayerRef, PathChange, SkippedOperation, TemplateDocument } from './types.js';

/** What {@link applyOverlay} returns. */
export interface ApplyOverlayResult {
  /** The changed document; the base document is left as it was. */
  document: TemplateDocument;
  /** `optional` directives whose target was absent, in file order. */
  skipped: SkippedOperation[];
  /**
   * Where the base's sections went, for those whose heading path changed (renamed, moved under
   * a renamed parent, replaced by a section with another title) or that are gone (`to`
   * `undefined`). Used to carry `requiredSections` through a layer.
   */
  pathChanges: PathChange[];
}

/**
 * Applies an overlay to a template document. Directives apply in file order, each one to the
 * document as the previous ones left it (so after `rename a "B"` the section is `b`).
 *
 * - `replace` and `insert` put the directive's sections in the document, blamed on the overlay
 *   file at each heading's line; their headings must have the level of the target.
 * - `append`, `prepend` and `rename` record a change (`op`, layer, file, directive line) in the
 *   target's blame; sub-sections keep their own blame unless they are replaced.
 * - A whole-file `strategy` composes as Spec Kit does (see docs/overlays.md).
 *
 * @param base - The document to change (from {@link splitTemplate} or a previous layer).
 * @param overlay - The overlay (from {@link parseOverlay}).
 * @param layer - The overlay's layer, recorded in blame.
 * @returns The new document, the skipped `optional` directives and how base paths moved.
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_OVERLAY_TARGET_MISSING` at the directive's line,
 *   with the closest heading paths, when a target that is not `optional` does not exist;
 *   `SPECFORGE_OVERLAY_INVALID` when content headings do not fit the target's level or a new
 *   title cannot be a heading.
 *
 * @example
 * ```ts
 * const base = splitTemplate(template.body, { file: template.file, bodyLine: template.bodyLine, layer: speckit });
 * const { document } = applyOverlay(base, parseOverlay(text, { file }), { pack: 'acme', version: '2.0.0' });
 * renderTemplateDocument(document); // the composed template body
 * ```
 */
export function applyOverlay(
  base: TemplateDocument,
  overlay: Overlay,
  layer: LayerRef,
): ApplyOverlayResult {
  return overlay.strategy === 'sections'
    ? applySectionOperations(base, overlay, layer)
    : applyStrategy(base, overlay, layer);
}
