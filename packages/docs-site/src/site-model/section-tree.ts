import type { SectionNode, TemplateDocument } from '@specforge/template-registry';
import { diffByLine } from './line-diff.js';
import { type DisplayFile, toSiteBlame } from './site-blame.js';
import type { RemovedSection, SiteBlame, SiteSection } from './types.js';
import { toSectionAnchor } from './url-segment.js';

/** The sections of a template page: the preamble, the section tree, and what the fork removed. */
export interface SectionTree {
  preamble: { markdown: string; blame: SiteBlame };
  sections: SiteSection[];
  removed: RemovedSection[];
}

/**
 * Turns a composed template document into the page's section tree: each section with its
 * blame, a unique anchor and, when an upstream is given, its status against the upstream and a
 * line diff of its own text (heading and body, without sub-sections) for the sections the fork
 * changed or added, as `specforge template diff` compares them.
 */
export function buildSectionTree(
  document: TemplateDocument,
  upstream: TemplateDocument | undefined,
  displayFile: DisplayFile,
): SectionTree {
  const before = upstream ? ownTexts(upstream) : undefined;
  const anchors = new Set<string>();
  const toSection = (node: SectionNode): SiteSection => {
    const text = ownText(node);
    const previous = before?.get(node.path);
    const status = !before
      ? 'unchanged'
      : previous === undefined
        ? 'added'
        : previous.text === text
          ? 'unchanged'
          : 'modified';
    return {
      path: node.path,
      title: node.title,
      level: node.level,
      anchor: uniqueAnchor(toSectionAnchor(node.path), anchors),
      body: node.body,
      blame: toSiteBlame(node.blame, displayFile),
      status,
      diff: status === 'unchanged' ? undefined : diffByLine(previous?.text ?? '', text),
      children: node.children.map(toSection),
    };
  };
  const sections = document.sections.map(toSection);
  const after = ownTexts(document);
  const removed = before
    ? [...before]
        .filter(([path]) => !after.has(path))
        .map(([path, { title, text }]) => ({ path, title, text }))
    : [];
  return {
    preamble: {
      markdown: document.preamble,
      blame: toSiteBlame(document.preambleBlame, displayFile),
    },
    sections,
    removed,
  };
}

function ownText(node: SectionNode): string {
  return node.heading + node.body.trimEnd();
}

function ownTexts(document: TemplateDocument): Map<string, { title: string; text: string }> {
  const texts = new Map<string, { title: string; text: string }>();
  const visit = (nodes: readonly SectionNode[]) => {
    for (const node of nodes) {
      texts.set(node.path, { title: node.title, text: ownText(node) });
      visit(node.children);
    }
  };
  visit(document.sections);
  return texts;
}

function uniqueAnchor(anchor: string, taken: Set<string>): string {
  let candidate = anchor;
  for (let n = 2; taken.has(candidate); n++) candidate = `${anchor}-${n}`;
  taken.add(candidate);
  return candidate;
}
