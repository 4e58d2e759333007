import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  futimesSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The folder of the build cache inside the `cacheDir` a build is given. */
export const BUILD_CACHE_FOLDER = 'docs-site';

/** The default bound of the build cache: 256 MiB. */
export const DEFAULT_CACHE_MAX_BYTES = 256 * 1024 * 1024;

/** What a cache entry holds: one folder of the cache per kind. */
export type CacheKind = 'examples' | 'pages' | 'search' | 'versions' | 'sites';

/** Options for {@link openBuildCache}. */
export interface BuildCacheOptions {
  /** The cache folder, `<cacheDir>/docs-site`. */
  dir: string;
  /** The bound: {@link BuildCache.close} prunes the cache down to this size. */
  maxBytes?: number;
}

/** An entry read from the cache. */
export interface CacheEntry {
  /** What was stored. */
  content: Buffer;
  /** Its `sha256`, as lowercase hex (checked against the content when read). */
  hash: string;
}

/** A content-addressed cache of a build's work (see {@link openBuildCache}). */
export interface BuildCache {
  /** The cache folder. */
  readonly dir: string;
  /**
   * The entry stored under `key`, or `undefined` when there is none or it does not check out
   * (truncated, altered, unreadable, not a regular file): such an entry is never trusted, and
   * the caller computes the value again and stores it. A hit marks the entry as recently used.
   *
   * Synchronous: a build reads hundreds of small entries, which a blocking read does many times
   * faster than the thread pool's round trips (and there is nothing else to do meanwhile).
   */
  read(kind: CacheKind, key: string): CacheEntry | undefined;
  /**
   * Stores `content` under `key` at the next {@link BuildCache.flush} (or at
   * {@link BuildCache.close}), atomically: a temporary file renamed into place, so that a reader
   * sees a whole entry or none. A failure to write is ignored: the cache only ever saves work.
   */
  write(kind: CacheKind, key: string, content: string | Uint8Array): void;
  /**
   * Writes the entries given to {@link BuildCache.write} so far, with blocking calls: a build
   * calls it when it waits for something else (Pagefind writing its files), and a thousand small
   * files are written many times faster so than through the thread pool.
   */
  flush(): void;
  /** Drops the entries given to {@link BuildCache.write} and not written yet (after a failed build). */
  discard(): void;
  /** Whether an entry was written (so far), through this handle or as {@link BuildCache.noteWrites} says. */
  readonly wrote: boolean;
  /** Notes that another handle on the same folder (a worker's) wrote entries, for the pruning. */
  noteWrites(): void;
  /**
   * Writes what is left to write, then, with `prune` (by default: when entries were written),
   * removes the least recently used entries until the cache holds at most `maxBytes`. Never
   * rejects.
   */
  close(options?: { prune?: boolean }): Promise<void>;
}

/** `sha256` of `parts`, each followed by a NUL, as lowercase hex. */
export function hashParts(parts: readonly (string | Uint8Array)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    hash.update(part);
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** `sha256` of `content` as lowercase hex. */
export function hashContent(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

const MAGIC = 'specforge-docs-site-cache/1';
const KEY = /^[0-9a-f]{64}$/;
// No entry of ours comes close; anything larger is not read at all.
const MAX_ENTRY_BYTES = 256 * 1024 * 1024;
// Temporary files older than this are left from a build that died mid-write.
const STALE_TEMP_MS = 10 * 60 * 1000;

/**
 * Opens the build cache in `dir`: one file per entry, `<dir>/<kind>/<key>`, whose first line
 * holds the key, the `sha256` and the length of the content that follows; an entry is used only
 * when all three match. Keys are `sha256` hex over everything that determines the content, so an
 * entry is never stale: a changed input is a new key, and old keys age out by the bound.
 * Nothing is created until the first write.
 */
export function openBuildCache(options: BuildCacheOptions): BuildCache {
  const { dir } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_CACHE_MAX_BYTES;
  // Per kind: whether its folder exists (or could not be made).
  const folders = new Map<CacheKind, boolean>();
  const queue: { kind: CacheKind; key: string; content: string | Uint8Array }[] = [];
  let wrote = false;

  const folder = (kind: CacheKind) => {
    let made = folders.get(kind);
    if (made === undefined) {
      try {
        makeFoldersNow(join(dir, kind));
        made = true;
      } catch {
        made = false;
      }
      folders.set(kind, made);
    }
    return made;
  };

  const store = (kind: CacheKind, key: string, content: string | Uint8Array) => {
    const body = typeof content === 'string' ? Buffer.from(content) : content;
    const header = Buffer.from(`${MAGIC} ${key} ${hashContent(body)} ${body.byteLength}\n`);
    const temp = join(dir, kind, `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      writeFileSync(temp, Buffer.concat([header, body]), { flag: 'wx' });
      renameSync(temp, join(dir, kind, key));
      wrote = true;
    } catch {
      // Not written (a full disk, a folder in the way): the cache only ever saves work.
      rmSync(temp, { force: true });
    }
  };

  const flush = () => {
    for (const { kind, key, content } of queue.splice(0)) {
      if (folder(kind)) store(kind, key, content);
    }
  };

  return {
    dir,
    read(kind, key) {
      if (!KEY.test(key)) return undefined;
      try {
        return readEntry(join(dir, kind, key), key);
      } catch {
        return undefined;
      }
    },
    write(kind, key, content) {
      if (KEY.test(key)) queue.push({ kind, key, content });
    },
    flush,
    discard() {
      queue.length = 0;
    },
    get wrote() {
      return wrote;
    },
    noteWrites() {
      wrote = true;
    },
    async close(options = {}) {
      flush();
      if (!(options.prune ?? wrote)) return;
      try {
        pruneCache(dir, maxBytes);
      } catch {
        // A cache that cannot be listed or pruned only costs space; the build is done.
      }
    },
  };
}

/**
 * Creates `path` and its missing parents one plain `mkdirSync` at a time, like `makeFolders` of
 * `@specforge/core` (a recursive mkdir never returns under /proc).
 */
function makeFoldersNow(path: string): void {
  const missing: string[] = [];
  for (let at = resolve(path); ; at = dirname(at)) {
    const info = statSync(at, { throwIfNoEntry: false });
    if (info?.isDirectory()) break;
    if (info || dirname(at) === at) throw new Error(`${at} is not a folder`);
    missing.push(at);
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw error;
    }
  }
}

/**
 * Reads an entry and returns its content when its header checks out; a hit is marked as recently
 * used (its modification time), for the bound.
 */
function readEntry(file: string, key: string): CacheEntry | undefined {
  // Non-blocking, so that a FIFO put in place of an entry cannot hang the build; only a regular
  // file of a sane size is read.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > MAX_ENTRY_BYTES) return undefined;
    const data = Buffer.allocUnsafe(info.size);
    let filled = 0;
    while (filled < data.length) {
      const read = readSync(fd, data, filled, data.length - filled, filled);
      if (read === 0) break;
      filled += read;
    }
    const entry = checkEntry(data.subarray(0, filled), key);
    if (entry) {
      const now = new Date();
      try {
        futimesSync(fd, now, now);
      } catch {
        // Only the time was to change: the entry just stays older.
      }
    }
    return entry;
  } finally {
    closeSync(fd);
  }
}

/** The content of a stored entry, or `undefined` when its header does not match it. */
export function checkEntry(data: Buffer, key: string): CacheEntry | undefined {
  const newline = data.indexOf(10);
  if (newline < 0 || newline > 256) return undefined;
  const [magic, storedKey, hash, length, ...rest] = data
    .subarray(0, newline)
    .toString('latin1')
    .split(' ');
  if (magic !== MAGIC || storedKey !== key || rest.length > 0) return undefined;
  const content = data.subarray(newline + 1);
  if (String(content.byteLength) !== length || hash === undefined) return undefined;
  return hashContent(content) === hash ? { content, hash } : undefined;
}

/**
 * Removes the least recently used entries (oldest modification time first) of every kind until
 * the cache holds at most `maxBytes`, and temporary files a crashed build left behind. Blocking
 * calls: a thousand `stat`s are many times faster so than through the thread pool.
 */
export function pruneCache(dir: string, maxBytes: number): void {
  const entries: { file: string; size: number; used: number }[] = [];
  const now = Date.now();
  for (const kind of readdirSync(dir, { withFileTypes: true })) {
    if (!kind.isDirectory()) continue;
    for (const name of readdirSync(join(dir, kind.name))) {
      const file = join(dir, kind.name, name);
      const info = lstatSync(file, { throwIfNoEntry: false });
      if (!info) continue;
      if (name.startsWith('.tmp-')) {
        if (now - info.mtimeMs > STALE_TEMP_MS) rmSync(file, { force: true });
        continue;
      }
      entries.push({ file, size: info.size, used: info.mtimeMs });
    }
  }
  let total = entries.reduce((sum, entry) => sum + entry.size, 0);
  if (total <= maxBytes) return;
  entries.sort((a, b) => a.used - b.used || (a.file < b.file ? -1 : 1));
  for (const entry of entries) {
    if (total <= maxBytes) break;
    total -= entry.size;
    rmSync(entry.file, { recursive: true, force: true });
  }
}
