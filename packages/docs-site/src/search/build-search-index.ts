import { join } from 'node:path';
import { close, createIndex, type PagefindIndex } from 'pagefind';

/** What a search index holds. */
export interface SearchIndexResult {
  /** Pages in the index. */
  pages: number;
}

/** A Pagefind index being filled while the site renders. */
export interface SearchIndexer {
  /**
   * Indexes one page: `page` is its path in the site (`templates/acme/plan/index.html`), `html`
   * the whole document. Only the parts marked `data-pagefind-body` are indexed; a page with no
   * such part is left out, as Pagefind leaves it out of a site where other pages have one.
   */
  add(page: string, html: string): void;
  /**
   * Writes the index and Pagefind's default search UI (`pagefind-ui.js`, `pagefind-ui.css`,
   * WebAssembly) to `out/pagefind/`, then releases the index.
   *
   * @throws Error when Pagefind reports a problem with any page or with writing.
   */
  write(out: string): Promise<SearchIndexResult>;
  /** Releases the index without writing it (after a failed build). */
  discard(): Promise<void>;
}

// Pagefind's Node API drives one shared indexing process; builds that overlap in one Node
// process share it, and the last one to finish stops it.
let running = 0;

/**
 * Starts a Pagefind index at once, so that its indexing process is up by the time the first page
 * renders, and pages are indexed (in that process, beside the rendering) as they come: search
 * runs in the browser, offline, from the site's own files. Result URLs keep `index.html` so that
 * they open from any static host.
 */
export function startSearchIndex(): SearchIndexer {
  running++;
  let released = false;
  const index: Promise<PagefindIndex> = createIndex({
    keepIndexUrl: true,
    forceLanguage: 'en',
  }).then(({ index: created, errors }) => {
    if (!created) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    return created;
  });
  // Reported by write() or discard(), not as an unhandled rejection in between.
  index.catch(() => undefined);
  const added: Promise<string[]>[] = [];

  const release = async () => {
    if (released) return;
    released = true;
    try {
      await (await index.catch(() => undefined))?.deleteIndex();
    } finally {
      running--;
      if (running === 0) await close();
    }
  };

  return {
    add(page, html) {
      if (!html.includes('data-pagefind-body')) return;
      added.push(
        index.then(async (created) => {
          const { errors } = await created.addHTMLFile({ sourcePath: page, content: html });
          return errors.map((error) => `${page}: ${error}`);
        }),
      );
    },
    async write(out) {
      try {
        const created = await index;
        const errors = (await Promise.all(added)).flat();
        if (errors.length > 0)
          throw new Error(`Pagefind could not index the site: ${errors.join('; ')}`);
        const written = await created.writeFiles({ outputPath: join(out, 'pagefind') });
        if (written.errors.length > 0)
          throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
        return { pages: added.length };
      } finally {
        await release();
      }
    },
    async discard() {
      await Promise.allSettled(added);
      await release();
    },
  };
}
