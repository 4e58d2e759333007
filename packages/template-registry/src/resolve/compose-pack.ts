import { SpecforgeError, type TemplateSource } from '@specforge/core';
import type { Pack } from '../load-pack.js';
import {
  type ComposedTemplate,
  type ComposeLayer,
  composeLayers,
  continueComposition,
  listSectionBlame,
  parseOverlay,
  type SectionBlameEntry,
  splitTemplate,
} from '../overlay/index.js';
import { parseTemplateRef } from '../template-ref.js';
import type {
  ResolvedPack,
  ResolvedTemplate,
  SectionOrigin,
  TemplateLayer,
} from './resolved-pack.js';

/**
 * The effective templates of `pack`: every template of its base (already composed through the
 * base's own chain), then the pack's full templates, which replace a base template of the same
 * id, then its overlays, each composed onto the base template its `extends` names.
 *
 * @param lineage - The names of the base and its ancestors, nearest first; an overlay may only
 *   extend a template of one of them.
 */
export function composePackTemplates(
  pack: Pack,
  base: ResolvedPack | undefined,
  lineage: readonly string[],
  options: { lenient?: boolean } = {},
): ReadonlyMap<string, ResolvedTemplate> {
  const templates = new Map<string, ResolvedTemplate>(base?.templates ?? []);
  const layer = { pack: pack.name, version: pack.version };
  for (const [id, template] of pack.templates) templates.set(id, standalone(template));
  for (const [id, file] of pack.overlays) {
    const parsed = parseOverlay(file.text, { file: file.file });
    // Lenient: a directive whose target is gone is skipped and listed, not fatal.
    const overlay = options.lenient
      ? {
          ...parsed,
          operations: parsed.operations.map((operation) => ({ ...operation, optional: true })),
        }
      : parsed;
    const target = parseTemplateRef(overlay.extends);
    const below = lineage.includes(target.pack) ? base?.templates.get(target.template) : undefined;
    if (!below || !base) {
      const available = base ? [...base.templates.keys()].map((t) => `${base.name}/${t}`) : [];
      throw new SpecforgeError(
        'SPECFORGE_OVERLAY_BASE_NOT_FOUND',
        { ref: overlay.extends, pack: pack.name, available },
        { location: { file: file.file, line: 2 } },
      );
    }
    const composed = composeOnBelow(below, { overlay, layer });
    const optionalLines = new Set(
      parsed.operations.filter((op) => op.optional).map((op) => op.line),
    );
    const stale = composed.skipped.filter(
      (skip) => skip.file === file.file && !optionalLines.has(skip.line),
    );
    const meta = { ...(composed.meta ?? below.template.meta), id };
    // The composed body is no single file's text: positions in it count from its first line, as
    // `specforge template show <ref> --json` prints it, under a name that says so.
    const template: TemplateSource = {
      meta,
      body: composed.body,
      file: `${pack.name}/${id} (composed)`,
      bodyLine: 1,
      pack: { name: pack.name, version: pack.version },
    };
    let blame: SectionOrigin[] | undefined;
    const resolved: ResolvedTemplate = {
      template,
      layers: [...below.layers, { ...layer, file: file.file, kind: 'overlay' }],
      // Worked out on first use, as for a full template: planning never asks for it.
      get blame() {
        blame ??= toOrigins(composed.blame);
        return blame;
      },
      root: below.root,
      overlays: [...below.overlays, { overlay: parsed, layer }],
      stale,
    };
    // Kept for a pack that extends this one, which composes its overlays onto this result.
    if (stale.length === 0) compositions.set(resolved, composed);
    templates.set(id, resolved);
  }
  return templates;
}

/**
 * The compositions behind composed templates, by template: a chain of n overlays then costs n
 * overlay applications, not one for each overlay of each layer (n² / 2).
 */
const compositions = new WeakMap<ResolvedTemplate, ComposedTemplate>();

/**
 * `below` with one more overlay on top, exactly as composing its whole chain from the root
 * would give it. A composition is kept only when it has no stale directives: a pack resolved
 * leniently skips them, but the chain records its overlays as written, and composing from the
 * root applies them as written, so the two would differ there.
 */
function composeOnBelow(below: ResolvedTemplate, top: ComposeLayer): ComposedTemplate {
  const done = compositions.get(below);
  if (done) return continueComposition(done, [top]);
  return composeLayers(
    {
      body: below.root.body,
      file: below.root.file,
      bodyLine: below.root.bodyLine,
      layer: { pack: below.root.pack.name, version: below.root.pack.version },
      meta: below.root.meta,
    },
    [...below.overlays, top],
  );
}

/** A full template as the root of its own chain. */
function standalone(template: TemplateSource): ResolvedTemplate {
  const layer: TemplateLayer = {
    pack: template.pack.name,
    version: template.pack.version,
    file: template.file,
    kind: 'template',
  };
  let blame: SectionOrigin[] | undefined;
  return {
    template,
    layers: [layer],
    // Worked out on first use: it means parsing the body's Markdown, and planning with the
    // template never asks for it (`template blame`, `template diff` and the docs site do).
    get blame() {
      blame ??= toOrigins(
        listSectionBlame(
          splitTemplate(template.body, {
            file: template.file,
            bodyLine: template.bodyLine,
            layer: { pack: template.pack.name, version: template.pack.version },
          }),
        ),
      );
      return blame;
    },
    root: template,
    overlays: [],
    stale: [],
  };
}

function toOrigins(entries: readonly SectionBlameEntry[]): SectionOrigin[] {
  return entries.map(({ path, title, level, blame }) => ({
    path,
    title,
    level,
    pack: blame.layer.pack,
    version: blame.layer.version,
    file: blame.file,
    line: blame.line,
    changes: blame.changes.map((change) => ({
      op: change.op,
      pack: change.layer.pack,
      version: change.layer.version,
      file: change.file,
      line: change.line,
    })),
  }));
}
