import type { TemplateMeta } from '@specforge/core';
import { applyOverlay } from './apply-overlay.js';
import { applyOverlayMeta } from './overlay-meta.js';
import type { Overlay } from './overlay-types.js';
import { renderTemplateDocument, splitTemplate } from './split-template.js';
import type {
  LayerRef,
  SectionBlame,
  SectionNode,
  SkippedOperation,
  TemplateDocument,
} from './types.js';

/** The root of a chain: a full template's body. */
export interface ComposeBase {
  /** The template body (without front matter). */
  body: string;
  /** The template file. */
  file: string;
  /** 1-based line of the file on which the body starts. */
  bodyLine: number;
  /** The base pack's layer. */
  layer: LayerRef;
  /** The base template's metadata; when given, the result has the composed {@link ComposedTemplate.meta}. */
  meta?: TemplateMeta;
}

/** One overlay of a chain, with the layer it belongs to. */
export interface ComposeLayer {
  /** The parsed overlay file. */
  overlay: Overlay;
  /** The pack and version the overlay belongs to, recorded in the blame of what it changes. */
  layer: LayerRef;
}

/** One section's blame, flat, for `template blame` and the docs site. */
export interface SectionBlameEntry {
  /** The section's heading path, e.g. `technical-approach/technology-stack`. */
  path: string;
  /** The heading text as composed. */
  title: string;
  /** Heading level, 1–6. */
  level: number;
  /** The layer and line that introduced the section, and every later change to it. */
  blame: SectionBlame;
}

/** A template composed through its chain. */
export interface ComposedTemplate {
  /** The composed template body. */
  body: string;
  /** The composed document (sections with blame). */
  document: TemplateDocument;
  /** Every section's blame, in document order. */
  blame: SectionBlameEntry[];
  /** `optional` directives skipped because their target was absent, in chain and file order. */
  skipped: SkippedOperation[];
  /** The composed metadata; present when {@link ComposeBase.meta} was given. */
  meta?: TemplateMeta;
}

/**
 * Composes a chain of layers into one template: the base template body, then each overlay in
 * order (base → … → fork). The base is split once and each overlay applies to the document the
 * previous one produced; nothing is re-parsed except for whole-file strategies.
 *
 * @param base - The root template.
 * @param overlays - The overlays, lowest layer first.
 * @returns The composed body, its document and per-section blame, the skipped `optional`
 *   directives, and the composed metadata when `base.meta` was given.
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_OVERLAY_TARGET_MISSING` or
 *   `SPECFORGE_OVERLAY_INVALID` from {@link applyOverlay}, naming the overlay file and line.
 *
 * @example
 * ```ts
 * const composed = composeLayers(
 *   { body: plan.body, file: plan.file, bodyLine: plan.bodyLine, layer: { pack: 'speckit', version: '1.0.0' } },
 *   [{ overlay: parseOverlay(text, { file: 'packs/acme/plan.md' }), layer: { pack: 'acme', version: '2.0.0' } }],
 * );
 * composed.blame.find((s) => s.path === 'security-review')?.blame.file; // 'packs/acme/plan.md'
 * ```
 */
export function composeLayers(
  base: ComposeBase,
  overlays: readonly ComposeLayer[],
): ComposedTemplate {
  return composeOnto(splitTemplate(base.body, base), base.meta, [], overlays);
}

/**
 * Composes more overlays onto a template already composed: the result is the one
 * {@link composeLayers} gives for the whole chain (earlier overlays, then these), without
 * applying the earlier overlays again. `composed` is left as it was.
 *
 * @param composed - A template composed through the lower layers.
 * @param overlays - The overlays above them, lowest first.
 * @returns The composed template; `skipped` lists the earlier skips, then these overlays'.
 *
 * @example
 * ```ts
 * const org = composeLayers(base, [orgLayer]);
 * continueComposition(org, [teamLayer]).body === composeLayers(base, [orgLayer, teamLayer]).body; // true
 * ```
 */
export function continueComposition(
  composed: ComposedTemplate,
  overlays: readonly ComposeLayer[],
): ComposedTemplate {
  return composeOnto(composed.document, composed.meta, composed.skipped, overlays);
}

function composeOnto(
  start: TemplateDocument,
  startMeta: TemplateMeta | undefined,
  skippedBefore: readonly SkippedOperation[],
  overlays: readonly ComposeLayer[],
): ComposedTemplate {
  let document = start;
  let meta = startMeta;
  const skipped = [...skippedBefore];
  for (const { overlay, layer } of overlays) {
    const result = applyOverlay(document, overlay, layer);
    document = result.document;
    skipped.push(...result.skipped);
    if (meta) meta = applyOverlayMeta(meta, overlay, result.pathChanges);
  }
  return {
    body: renderTemplateDocument(document),
    document,
    blame: listSectionBlame(document),
    skipped,
    ...(meta ? { meta } : {}),
  };
}

/**
 * Every section of a document with its blame, flat and in document order.
 *
 * @example
 * ```ts
 * listSectionBlame(document).map((s) => `${s.path} ${s.blame.file}:${s.blame.line}`);
 * ```
 */
export function listSectionBlame(document: TemplateDocument): SectionBlameEntry[] {
  const out: SectionBlameEntry[] = [];
  const visit = (sections: readonly SectionNode[]) => {
    for (const section of sections) {
      out.push({
        path: section.path,
        title: section.title,
        level: section.level,
        blame: section.blame,
      });
      visit(section.children);
    }
  };
  visit(document.sections);
  return out;
}
