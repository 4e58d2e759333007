import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { close, createIndex, type PagefindIndex } from 'pagefind';
import { assertInsideSite } from '../eleventy/site-path.js';

/** The options every index is created with; part of the key of a cached index. */
export const searchIndexOptions = { keepIndexUrl: true, forceLanguage: 'en' } as const;

/** What marks a page for the index: a page without it is left out. */
const INDEXED = 'data-pagefind-body';

/** Whether Pagefind indexes `html` (text or UTF-8 bytes): only pages with a marked body. */
export function isIndexedPage(html: string | Uint8Array): boolean {
  return typeof html === 'string' ? html.includes(INDEXED) : Buffer.from(html).includes(INDEXED);
}

/** What a search index holds. */
export interface SearchIndexResult {
  /** Pages in the index. */
  pages: number;
}

/** A Pagefind index being filled while the site renders. */
export interface SearchIndexer {
  /**
   * Indexes one page: `page` is its path in the site (`templates/acme/plan/index.html`), `html`
   * the whole document (text or UTF-8 bytes). Only the parts marked `data-pagefind-body` are
   * indexed; a page with no such part is left out, as Pagefind leaves it out of a site where
   * other pages have one. Pages go to Pagefind in the order the indexer was given, however
   * they come: Pagefind's files depend on that order.
   */
  add(page: string, html: string | Uint8Array): void;
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
 * renders, and pages are indexed (in that process, beside the rendering) as they come, in the
 * order of `order` (every page of the site, by path): search runs in the browser, offline, from
 * the site's own files. Result URLs keep `index.html` so that they open from any static host.
 */
export function startSearchIndex(order: readonly string[]): SearchIndexer {
  running++;
  let released = false;
  const index: Promise<PagefindIndex> = createIndex({ ...searchIndexOptions }).then(
    ({ index: created, errors }) => {
      if (!created) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
      return created;
    },
  );
  // Reported by write() or discard(), not as an unhandled rejection in between.
  index.catch(() => undefined);
  const added: Promise<string[]>[] = [];
  // Pages that came before their turn, by path; `next` is the turn.
  const early = new Map<string, string | Uint8Array>();
  const position = new Map(order.map((page, at) => [page, at]));
  let next = 0;

  const submit = (page: string, html: string | Uint8Array) => {
    if (!isIndexedPage(html)) return;
    const content = typeof html === 'string' ? html : Buffer.from(html).toString('utf8');
    added.push(
      index.then(async (created) => {
        const { errors } = await created.addHTMLFile({ sourcePath: page, content });
        return errors.map((error) => `${page}: ${error}`);
      }),
    );
  };

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
      // A page the order does not know is indexed at once (there is none in a build).
      if (!position.has(page)) {
        submit(page, html);
        return;
      }
      early.set(page, html);
      while (next < order.length && early.has(order[next]!)) {
        const turn = order[next++]!;
        submit(turn, early.get(turn)!);
        early.delete(turn);
      }
    },
    async write(out) {
      try {
        // Pages still waiting for one that never came: indexed all the same, in order.
        for (const page of order.slice(next)) {
          const html = early.get(page);
          if (html !== undefined) submit(page, html);
        }
        early.clear();
        next = order.length;
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

/**
 * The files Pagefind wrote to `out/pagefind/`, as one archive for the build cache: a first line of
 * JSON with each file's path and size, then their bytes. Blocking reads: a hundred small files.
 */
export function packSearchIndex(out: string): Buffer {
  const root = join(out, 'pagefind');
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
  const contents = files.map((file) => readFileSync(join(root, file)));
  const manifest = files.map((file, at) => [file, contents[at]!.byteLength]);
  return Buffer.concat([Buffer.from(`${JSON.stringify(manifest)}\n`), ...contents]);
}

/**
 * Writes the files of an archive made by {@link packSearchIndex} to `out/pagefind/` (inside the
 * staging folder of a build). Returns false, having written nothing, when the archive does not have that shape or names a path
 * outside the folder.
 */
export function unpackSearchIndex(archive: Buffer, out: string): boolean {
  const root = join(out, 'pagefind');
  const newline = archive.indexOf(10);
  let manifest: unknown;
  try {
    manifest = JSON.parse(archive.subarray(0, newline).toString('utf8'));
  } catch {
    return false;
  }
  if (newline < 0 || !Array.isArray(manifest)) return false;
  const files: { file: string; bytes: Buffer }[] = [];
  let offset = newline + 1;
  for (const item of manifest) {
    if (!Array.isArray(item) || typeof item[0] !== 'string' || !Number.isSafeInteger(item[1]))
      return false;
    const [file, size] = item as [string, number];
    try {
      assertInsideSite(root, file);
    } catch {
      return false;
    }
    if (size < 0 || offset + size > archive.length) return false;
    files.push({ file, bytes: archive.subarray(offset, offset + size) });
    offset += size;
  }
  if (offset !== archive.length || files.length === 0) return false;
  // Blocking writes: a hundred small files, faster so than through the thread pool.
  const folders = new Set(files.map(({ file }) => dirname(join(root, file))));
  for (const folder of [...folders].sort()) mkdirSync(folder, { recursive: true });
  for (const { file, bytes } of files) writeFileSync(join(root, file), bytes);
  return true;
}
