import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { assertInsideSite } from './site-path.js';

/** Writes pages into a site folder while the next ones render. */
export interface PageWriter {
  /**
   * Queues `html` (text, or its UTF-8 bytes) for `page` (a path relative to the site folder)
   * and returns at once.
   *
   * @throws Error when `page` is not inside the site folder; nothing is queued then.
   */
  write(page: string, html: string | Uint8Array): void;
  /** Waits for every queued write; rejects with the first error. Returns the pages written, in order. */
  finish(): Promise<string[]>;
}

/**
 * A writer of pages under `out` with at most `concurrency` files in flight: writes run on
 * libuv's thread pool beside the rendering instead of blocking it, as a synchronous write per
 * page would, and a bounded number of open files keeps large sites clear of `EMFILE`. Each
 * folder is created once. After a failed write, queued pages are dropped.
 */
export function createPageWriter(out: string, concurrency = 16): PageWriter {
  const root = resolve(out);
  const folders = new Map<string, Promise<unknown>>();
  const queue: { file: string; html: string | Uint8Array }[] = [];
  const written: string[] = [];
  let running = 0;
  let failure: unknown;
  let idle: (() => void) | undefined;

  const folder = (dir: string): Promise<unknown> => {
    let made = folders.get(dir);
    if (!made) {
      made = mkdir(dir, { recursive: true });
      folders.set(dir, made);
    }
    return made;
  };

  const pump = () => {
    while (running < concurrency && queue.length > 0 && failure === undefined) {
      const { file, html } = queue.shift()!;
      running++;
      folder(dirname(file))
        .then(() => writeFile(file, html))
        .catch((error: unknown) => {
          failure ??= error;
        })
        .finally(() => {
          running--;
          pump();
        });
    }
    if (running === 0 && (queue.length === 0 || failure !== undefined)) idle?.();
  };

  return {
    write(page, html) {
      assertInsideSite(root, page);
      const file = resolve(root, page);
      queue.push({ file, html });
      written.push(relative(root, file).split(sep).join('/'));
      pump();
    },
    async finish() {
      if (running > 0 || (queue.length > 0 && failure === undefined)) {
        await new Promise<void>((done) => {
          idle = done;
        });
      }
      if (failure) throw failure;
      return written;
    },
  };
}

/**
 * Writes `pages` (each a path relative to the site folder `out` and its HTML) at once, with
 * blocking calls, each folder created once: for pages whose HTML is known already (from the
 * build cache), hundreds of small files are written several times faster this way than through
 * the thread pool, and there is nothing else to do meanwhile.
 *
 * @throws Error when a page is not inside the site folder (nothing is written then), or the
 * platform error of a failed write.
 */
export function writePagesNow(
  out: string,
  pages: readonly (readonly [page: string, html: string | Uint8Array])[],
): void {
  const root = resolve(out);
  for (const [page] of pages) assertInsideSite(root, page);
  const folders = new Set<string>();
  for (const [page, html] of pages) {
    const file = resolve(root, page);
    const folder = dirname(file);
    if (!folders.has(folder)) {
      // Inside the staging folder the site is built in, so never under /proc (see makeFolders).
      mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    writeFileSync(file, html);
  }
}
