import type {
  ResolvedPack,
  ResolvedTemplate,
  TemplateDocument,
} from '@specforge/template-registry';
import { composeLayers, splitTemplate } from '@specforge/template-registry';

/** A template's upstream: the document a fork is compared with. */
export interface UpstreamDocument {
  /** `pack@version#id` of the upstream template. */
  label: string;
  document: TemplateDocument;
}

/**
 * The effective template as a document: its preamble and section tree, each section with the
 * layer, file and line that introduced it and the later changes (section blame).
 */
export function composeTemplateDocument(resolved: ResolvedTemplate): TemplateDocument {
  const { root } = resolved;
  return composeLayers(
    {
      body: root.body,
      file: root.file,
      bodyLine: root.bodyLine,
      layer: { pack: root.pack.name, version: root.pack.version },
    },
    resolved.overlays,
  ).document;
}

/**
 * What `pack`'s template `id` is compared with, as `specforge template diff` compares it: for
 * the pack's own overlay, the template without that overlay; for a full template that replaces
 * one of the base pack (or of the pack a copy fork was copied from), that template. A template
 * the pack only inherits, or one no base has, has no upstream.
 */
export function findUpstreamDocument(
  packs: readonly ResolvedPack[],
  pack: ResolvedPack,
  id: string,
  resolved: ResolvedTemplate,
): UpstreamDocument | undefined {
  const own = resolved.layers.at(-1);
  if (!own || own.pack !== pack.name) return undefined;
  if (own.kind === 'overlay') {
    const below = resolved.layers.at(-2);
    if (!below) return undefined;
    const { root } = resolved;
    const document = composeLayers(
      {
        body: root.body,
        file: root.file,
        bodyLine: root.bodyLine,
        layer: { pack: root.pack.name, version: root.pack.version },
      },
      resolved.overlays.slice(0, -1),
    ).document;
    return { label: `${below.pack}@${below.version}#${id}`, document };
  }
  const baseName = pack.base ?? pack.copiedFrom?.pack;
  const basePack = baseName ? packs.find((candidate) => candidate.name === baseName) : undefined;
  const base = basePack?.templates.get(id);
  if (!basePack || !base) return undefined;
  return {
    label: `${basePack.name}@${basePack.version}#${id}`,
    document: splitTemplate(base.template.body, {
      file: base.template.file,
      bodyLine: base.template.bodyLine,
      layer: { pack: basePack.name, version: basePack.version },
    }),
  };
}
