import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SpecforgeError } from '@specforge/core';
import { toUrlSegment } from '../site-model/url-segment.js';
import type { ExtraGuide, GuideSource, GuidesOptions } from './types.js';

// Guides a reader starts with, listed first unless `order` says otherwise.
const defaultFirst = ['readme', 'getting-started'];
const slugPattern = /^[a-z0-9][a-z0-9_-]*$/;

/**
 * Reads the guides of a site: every `*.md` file directly in `guides.dir` (sub-folders, such as
 * a generated `api/`, are not guides), then `extra`, in the order {@link GuidesOptions.order}
 * describes. A file's slug is its name without `.md`, in lower case (`README.md` → `readme`).
 *
 * @throws {@link SpecforgeError} `SPECFORGE_USAGE` when the folder cannot be read, or an extra
 * guide's slug is not a valid slug or is taken by another guide.
 */
export async function loadGuides(
  guides: GuidesOptions | undefined,
  extra: readonly ExtraGuide[] = [],
): Promise<GuideSource[]> {
  const fromFolder = guides ? await readGuideFolder(guides.dir) : [];
  const taken = new Set(fromFolder.map((guide) => guide.slug));
  const extras = extra.map((guide): GuideSource => {
    if (!slugPattern.test(guide.slug) || taken.has(guide.slug)) {
      throw new SpecforgeError(
        'SPECFORGE_USAGE',
        {
          reason: taken.has(guide.slug)
            ? `Two guides have the slug ${JSON.stringify(guide.slug)}.`
            : `${JSON.stringify(guide.slug)} is not a valid guide slug.`,
        },
        {
          hint: 'Give each extra guide a slug of its own, of lower-case letters, digits, "-" and "_".',
        },
      );
    }
    taken.add(guide.slug);
    return {
      slug: guide.slug,
      file: `${guide.slug}.md`,
      markdown: guide.markdown,
      title: guide.title,
    };
  });
  return orderGuides(fromFolder, extras, guides?.order ?? []);
}

/** The guides of a folder: each `*.md` directly in it, by file name. */
async function readGuideFolder(dir: string): Promise<GuideSource[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: Error) => {
    throw new SpecforgeError(
      'SPECFORGE_USAGE',
      { reason: `The guides folder ${dir} cannot be read: ${error.message}` },
      { hint: 'Give the folder of Markdown guides, relative to the current folder or absolute.' },
    );
  });
  const files = entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.md') && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort();
  const bySlug = new Map<string, string>();
  for (const file of files) {
    const stem = file.slice(0, -'.md'.length);
    let slug = toUrlSegment(stem.toLowerCase());
    // Two names that differ only in case (`Notes.md`, `notes.md`) keep a page each.
    if (bySlug.has(slug)) slug = toUrlSegment(`${stem}.md`);
    bySlug.set(slug, file);
  }
  return Promise.all(
    [...bySlug].map(async ([slug, file]) => ({
      slug,
      file,
      markdown: await readFile(join(dir, file), 'utf8'),
    })),
  );
}

function orderGuides(
  fromFolder: GuideSource[],
  extras: GuideSource[],
  order: readonly string[],
): GuideSource[] {
  const rank = (guide: GuideSource, names: readonly string[]) => {
    const index = names.findIndex(
      (name) => name.toLowerCase().replace(/\.md$/, '') === guide.slug || name === guide.file,
    );
    return index < 0 ? Number.POSITIVE_INFINITY : index;
  };
  const listed = (guide: GuideSource) => rank(guide, order) < Number.POSITIVE_INFINITY;
  // Slugs are distinct, so a first guide (`readme`) or the slug decides every pair.
  const byDefault = (a: GuideSource, b: GuideSource) =>
    Math.min(rank(a, defaultFirst), 9) - Math.min(rank(b, defaultFirst), 9) ||
    (a.slug < b.slug ? -1 : 1);
  return [
    ...[...fromFolder, ...extras].filter(listed).sort((a, b) => rank(a, order) - rank(b, order)),
    ...fromFolder.filter((guide) => !listed(guide)).sort(byDefault),
    ...extras.filter((guide) => !listed(guide)),
  ];
}
