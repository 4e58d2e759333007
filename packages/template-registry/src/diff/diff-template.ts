import { createTwoFilesPatch } from 'diff';
import { SpecforgeError } from '@specforge/core';
import { composeLayers, splitTemplate, type TemplateDocument } from '../overlay/index.js';
import { findResolvedTemplate } from '../resolve/find-resolved-template.js';
import type { ResolvedPack, ResolvedTemplate } from '../resolve/resolved-pack.js';
import { parseTemplateRef } from '../template-ref.js';

/** How a section of a fork compares with its upstream. */
export type SectionStatus = 'unchanged' | 'modified' | 'added' | 'removed';

/** One section in a {@link TemplateDiff}. */
export interface SectionDiff {
  /** The section's heading path, e.g. `technical-approach/technology-stack`. */
  path: string;
  /** How the fork's section compares with the upstream's. */
  status: SectionStatus;
  /** For `modified` and `added`: the pack whose layer made the difference. */
  by: string | undefined;
}

/** A fork's effective template against its upstream. */
export interface TemplateDiff {
  /** The fork's template reference, e.g. `acme/plan`. */
  ref: string;
  /** `pack@version#id` of the upstream template compared against. */
  upstream: string;
  /** A unified diff from the upstream body to the fork's. */
  patch: string;
  /** Every section of the fork in document order, then the upstream sections it removed. */
  sections: SectionDiff[];
}

/**
 * Compares a template with what its pack's base provides: for an overlay fork, the template
 * without the pack's own overlay; for a full template that replaces a base template, that base
 * template. A template without an upstream is `SPECFORGE_TEMPLATE_NOT_FOUND`.
 */
export function diffTemplate(packs: readonly ResolvedPack[], ref: string): TemplateDiff {
  const fork = findResolvedTemplate(packs, ref);
  const { pack: packName, template: id } = parseTemplateRef(ref);
  const pack = packs.find((candidate) => candidate.name === packName)!;
  const upstream = upstreamOf(packs, pack, id, fork);
  const upstreamDoc = split(upstream.body, upstream.label);
  const forkDoc = split(fork.template.body, ref);
  const before = sectionTexts(upstreamDoc);
  const after = sectionTexts(forkDoc);
  const blame = new Map(fork.blame.map((section) => [section.path, section]));
  const sections: SectionDiff[] = [];
  for (const [path, text] of after) {
    const origin = blame.get(path);
    const by = origin ? (origin.changes.at(-1)?.pack ?? origin.pack) : undefined;
    if (!before.has(path)) sections.push({ path, status: 'added', by });
    else if (before.get(path) !== text) sections.push({ path, status: 'modified', by });
    else sections.push({ path, status: 'unchanged', by: undefined });
  }
  for (const path of before.keys()) if (!after.has(path)) sections.push({ path, status: 'removed', by: pack.name });
  const patch = createTwoFilesPatch(upstream.label, ref, upstream.body, fork.template.body, '', '', { context: 3 });
  return { ref, upstream: upstream.label, patch, sections };
}

function upstreamOf(packs: readonly ResolvedPack[], pack: ResolvedPack, id: string, fork: ResolvedTemplate) {
  const own = fork.layers.at(-1);
  if (own?.kind === 'overlay' && own.pack === pack.name) {
    const below = fork.layers.at(-2)!;
    const { root } = fork;
    const body = composeLayers(
      { body: root.body, file: root.file, bodyLine: root.bodyLine, layer: { pack: root.pack.name, version: root.pack.version } },
      fork.overlays.slice(0, -1),
    ).body;
    return { body, label: `${below.pack}@${below.version}#${id}` };
  }
  // A copy fork's upstream is the pack it was copied from, as that pack is now.
  const baseName = pack.base ?? pack.copiedFrom?.pack;
  const basePack = baseName ? packs.find((candidate) => candidate.name === baseName) : undefined;
  const base = basePack?.templates.get(id);
  if (basePack && base) return { body: base.template.body, label: `${basePack.name}@${basePack.version}#${id}` };
  throw new SpecforgeError('SPECFORGE_TEMPLATE_NOT_FOUND', { ref: `the upstream of ${pack.name}/${id}`, available: [] }, {
    hint: `${pack.name}/${id} is not a fork: its pack has no base template "${id}".`,
  });
}

function split(body: string, label: string): TemplateDocument {
  return splitTemplate(body, { file: label, bodyLine: 1, layer: { pack: label, version: '' } });
}

// Each section's own text (heading and body, without its children), by path.
function sectionTexts(doc: TemplateDocument): Map<string, string> {
  const texts = new Map<string, string>();
  const visit = (sections: TemplateDocument['sections']) => {
    for (const section of sections) {
      texts.set(section.path, section.heading + section.body.trimEnd());
      visit(section.children);
    }
  };
  visit(doc.sections);
  return texts;
}
