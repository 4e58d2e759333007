import { join } from 'node:path';
import { close, createIndex } from 'pagefind';

/** What {@link buildSearchIndex} indexed. */
export interface SearchIndexResult {
  /** Pages in the index. */
  pages: number;
}

// Pagefind's Node API drives one shared indexing process; builds that overlap in one Node
// process share it, and the last one to finish stops it.
let running = 0;

/**
 * Indexes the HTML pages of the site folder `out` with Pagefind and writes the index and
 * Pagefind's default search UI (`pagefind-ui.js`, `pagefind-ui.css`, WebAssembly) to
 * `out/pagefind/`: search runs in the browser, offline, from the site's own files. Only the parts
 * of pages marked `data-pagefind-body` are indexed; result URLs keep `index.html` so that they
 * open from any static host.
 *
 * @throws Error when Pagefind reports a problem.
 */
export async function buildSearchIndex(out: string): Promise<SearchIndexResult> {
  running++;
  try {
    const { index, errors } = await createIndex({ keepIndexUrl: true, forceLanguage: 'en' });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: out });
    if (added.errors.length > 0)
      throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: join(out, 'pagefind') });
    if (written.errors.length > 0)
      throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
    await index.deleteIndex();
    return { pages: added.page_count };
  } finally {
    running--;
    if (running === 0) await close();
  }
}
