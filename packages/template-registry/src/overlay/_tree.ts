import type { SectionBlame, SectionNode, TemplateDocument } from './types.js';

/**
 * A section without its children: documents are changed as a flat list in document order,
 * where a section's sub-sections are the entries after it with a deeper level. The tree is
 * rebuilt from the levels the same way the spec parser builds it.
 */
export interface Entry {
  title: string;
  slug: string;
  level: number;
  heading: string;
  body: string;
  blame: SectionBlame;
  /** The section's path in the document the overlay was applied to; `undefined` for new sections. */
  origin: string | undefined;
}

/** A copy of a blame that shares nothing with the original. */
export function cloneBlame(blame: SectionBlame): SectionBlame {
  return {
    layer: { ...blame.layer },
    file: blame.file,
    line: blame.line,
    changes: blame.changes.map((change) => ({ ...change, layer: { ...change.layer } })),
  };
}

/** The sections of a document in document order, copied. */
export function flattenDocument(doc: TemplateDocument): Entry[] {
  const entries: Entry[] = [];
  const visit = (sections: readonly SectionNode[]) => {
    for (const section of sections) {
      entries.push({
        title: section.title,
        slug: section.slug,
        level: section.level,
        heading: section.heading,
        body: section.body,
        blame: cloneBlame(section.blame),
        origin: section.path,
      });
      visit(section.children);
    }
  };
  visit(doc.sections);
  return entries;
}

/**
 * Heading paths for entries in document order, exactly as the spec parser assigns them: a
 * section's parent is the nearest earlier section of a lower level; an empty slug is written
 * `section`; a repeated sibling slug gets `-2`, `-3`, … in document order.
 */
export function assignPaths(entries: readonly Pick<Entry, 'level' | 'slug'>[]): string[] {
  const paths: string[] = [];
  const rootUsed = new Set<string>();
  // A section's set of child slugs is made with its first child: most sections have none.
  const stack: { level: number; path: string; used: Set<string> | undefined }[] = [];
  for (const entry of entries) {
    while (stack.length > 0 && stack[stack.length - 1]!.level >= entry.level) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent && parent.used === undefined) parent.used = new Set();
    const used = parent ? parent.used! : rootUsed;
    const base = entry.slug === '' ? 'section' : entry.slug;
    let segment = base;
    for (let n = 2; used.has(segment); n++) segment = `${base}-${n}`;
    used.add(segment);
    const path = parent ? `${parent.path}/${segment}` : segment;
    paths.push(path);
    stack.push({ level: entry.level, path, used: undefined });
  }
  return paths;
}

/** Rebuilds the section tree from entries in document order and their paths. */
export function buildSections(entries: readonly Entry[], paths: readonly string[]): SectionNode[] {
  const roots: SectionNode[] = [];
  const stack: SectionNode[] = [];
  entries.forEach((entry, index) => {
    const node: SectionNode = {
      title: entry.title,
      slug: entry.slug,
      path: paths[index]!,
      level: entry.level,
      heading: entry.heading,
      body: entry.body,
      children: [],
      blame: entry.blame,
    };
    while (stack.length > 0 && stack[stack.length - 1]!.level >= entry.level) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(node);
    else roots.push(node);
    stack.push(node);
  });
  return roots;
}

/** Index just past the sub-sections of entry `index`. */
export function subtreeEnd(entries: readonly Entry[], index: number): number {
  const level = entries[index]!.level;
  let end = index + 1;
  while (end < entries.length && entries[end]!.level > level) end++;
  return end;
}
