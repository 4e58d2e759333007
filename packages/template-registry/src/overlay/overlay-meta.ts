import type { TemplateMeta } from '@specforge/core';
import type { Overlay } from './overlay-types.js';
import type { PathChange } from './types.js';

/**
 * The metadata of a template after an overlay: every key the overlay sets replaces the base's,
 * except `inputs`, which are merged (an input the overlay names wins). `requiredSections`, when
 * the overlay does not set it, follows the overlay's changes: a renamed section stays required
 * under its new path, a removed one is no longer required; `traces` scoped to a section follow
 * it the same way.
 *
 * @param meta - The base template's metadata.
 * @param overlay - The overlay.
 * @param pathChanges - The `pathChanges` of {@link applyOverlay} for this overlay.
 *
 * @example
 * ```ts
 * const { pathChanges } = applyOverlay(base, overlay, layer);
 * applyOverlayMeta(template.meta, overlay, pathChanges).requiredSections; // without "deployment"
 * ```
 */
export function applyOverlayMeta(
  meta: TemplateMeta,
  overlay: Overlay,
  pathChanges: readonly PathChange[],
): TemplateMeta {
  const override = overlay.meta;
  const moved = new Map(pathChanges.map((change) => [change.from, change.to]));
  const requiredSections =
    override.requiredSections ??
    meta.requiredSections.flatMap((path) => {
      if (!moved.has(path)) return [path];
      const to = moved.get(path);
      return to === undefined ? [] : [to];
    });
  // A trace scoped to a section follows it like a required section; a removed section takes its rule along.
  const traces =
    override.traces ??
    meta.traces.flatMap((rule) => {
      if (rule.in === undefined || !moved.has(rule.in)) return [rule];
      const to = moved.get(rule.in);
      return to === undefined ? [] : [{ ...rule, in: to }];
    });
  // Same key order as parseTemplateFile: metadata is hashed as JSON.
  return {
    id: override.id ?? meta.id,
    kind: override.kind ?? meta.kind,
    description: override.description ?? meta.description,
    inputs: override.inputs ? { ...meta.inputs, ...override.inputs } : { ...meta.inputs },
    output: override.output ?? meta.output,
    requiredSections: [...new Set(requiredSections)],
    placeholders: override.placeholders ?? meta.placeholders,
    idPatterns: override.idPatterns ?? meta.idPatterns,
    traces,
  };
}
