import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import valid from 'semver/functions/valid.js';
// cacache and tar are loaded when an npm pack's versions are listed: every other command that
// loads this package (plan, check…) would pay for them at start-up otherwise.
import type { ReadEntry } from 'tar';

/** A package tarball in the npm cache, as its index lists it. */
export interface CachedTarball {
  /** The cache key: `make-fetch-happen:request-cache:` and the tarball's address. */
  key: string;
  /** The subresource integrity of the tarball's bytes. */
  integrity: string;
  /** The version the tarball's file name gives. */
  version: string;
  /** The tarball's file name, e.g. `templates-1.2.0.tgz`. */
  tarball: string;
}

// npm (through make-fetch-happen) stores every HTTP response under this prefix and its address.
const requestCachePrefix = 'make-fetch-happen:request-cache:';

/**
 * The npm cache folder, as npm finds it without a config file: `npm_config_cache` (any case, as
 * npm reads it; set by npm for the scripts it runs), else `~/.npm` (`%LocalAppData%\npm-cache`
 * on Windows). A `cache=` set only in an `.npmrc` is not seen: asking npm costs a process.
 */
export function npmCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const home = env.HOME || env.USERPROFILE || homedir();
  const configured = Object.entries(env).find(
    ([name, value]) => name.toLowerCase() === 'npm_config_cache' && value,
  )?.[1];
  if (configured) {
    return resolve(configured.startsWith('~/') ? join(home, configured.slice(2)) : configured);
  }
  if (process.platform === 'win32') return join(env.LOCALAPPDATA || home, 'npm-cache');
  return join(home, '.npm');
}

// Concurrent listings of one cache (a docs site lists every npm pack at once) share one read of
// its index; the next listing reads it again, so a long-lived process sees new entries.
const scans = new Map<string, Promise<IndexEntry[]>>();

interface IndexEntry {
  key: string;
  integrity: string;
  path: string;
  size: number | undefined;
}

/**
 * The tarballs of the npm package `name` in the npm cache folder `cacheDir` (the one holding
 * `_cacache`), found by the end of their key (`/<name>/-/<basename>-<version>.tgz`, the scope's
 * `/` possibly escaped), whatever address they were fetched from. An entry whose content is
 * missing or has another size is left out; a cache that cannot be read, or only in part, gives
 * what could be read. Nothing is unpacked.
 */
export async function listCachedTarballs(name: string, cacheDir: string): Promise<CachedTarball[]> {
  const cache = join(cacheDir, '_cacache');
  let scan = scans.get(cache);
  if (!scan) {
    scan = readTarballEntries(cache).finally(() => scans.delete(cache));
    scans.set(cache, scan);
  }
  const found: CachedTarball[] = [];
  for (const entry of await scan) {
    const match = matchTarballKey(entry.key, name);
    if (match && (await hasContent(entry))) found.push({ ...entry, ...match });
  }
  return found;
}

async function readTarballEntries(cache: string): Promise<IndexEntry[]> {
  const { default: cacache } = await import('cacache');
  return new Promise((resolve) => {
    const entries: IndexEntry[] = [];
    let done = false;
    const finish = () => {
      done = true;
      resolve(entries);
    };
    let stream: ReturnType<typeof cacache.ls.stream>;
    try {
      stream = cacache.ls.stream(cache);
    } catch {
      finish();
      return;
    }
    // The typings say a record per event; cacache emits one entry per event.
    stream.on('data', (data: unknown) => {
      const entry = data as Partial<IndexEntry> | null;
      if (done || !entry || typeof entry.key !== 'string') return;
      if (!entry.key.startsWith(requestCachePrefix) || !entry.key.endsWith('.tgz')) return;
      if (typeof entry.integrity !== 'string' || typeof entry.path !== 'string') return;
      entries.push({
        key: entry.key,
        integrity: entry.integrity,
        path: entry.path,
        size: typeof entry.size === 'number' ? entry.size : undefined,
      });
    });
    // An unreadable bucket ends cacache's listing: what was read before it is still offered.
    stream.on('error', finish);
    stream.on('end', finish);
  });
}

/**
 * The version and file name in a cache key that ends in `/<name>/-/<basename>-<version>.tgz`,
 * or `undefined` when the key is not a tarball of `name`.
 */
export function matchTarballKey(
  key: string,
  name: string,
): { version: string; tarball: string } | undefined {
  if (!key.startsWith(requestCachePrefix) || !key.endsWith('.tgz')) return undefined;
  const basename = name.slice(name.lastIndexOf('/') + 1);
  const forms = name.startsWith('@')
    ? [name, name.replace('/', '%2f'), name.replace('/', '%2F')]
    : [name];
  for (const form of forms) {
    const marker = `/${form}/-/${basename}-`;
    const at = key.lastIndexOf(marker);
    if (at < 0) continue;
    // `/@acme/templates/-/…` ends like the unscoped `templates`' tarball but is not one.
    const before = key.slice(0, at);
    if (before.slice(before.lastIndexOf('/') + 1).startsWith('@')) continue;
    const version = key.slice(at + marker.length, -'.tgz'.length);
    // `valid` also takes `v1.0.0`; a version in a tarball name is written exactly.
    if (valid(version) === version) return { version, tarball: `${basename}-${version}.tgz` };
  }
  return undefined;
}

async function hasContent(entry: IndexEntry): Promise<boolean> {
  const found = await stat(entry.path).catch(() => undefined);
  return found?.isFile() === true && (entry.size === undefined || found.size === entry.size);
}

/**
 * Reads the bytes of a cached tarball, checked against `integrity`.
 * @throws the cache's error (`EINTEGRITY`, `ENOENT`) when they cannot be read or do not match.
 */
export async function readCachedTarball(cacheDir: string, integrity: string): Promise<Buffer> {
  const { default: cacache } = await import('cacache');
  return cacache.get.byDigest(join(cacheDir, '_cacache'), integrity);
}

/** Bigger than any template pack, small enough that a hostile tarball cannot fill the disk. */
const maxUnpackedBytes = 64 * 1024 * 1024;

/**
 * The regular files under `package/` in a gzipped package tarball, by their path inside the
 * package (`/` separators), read into memory; nothing is written. Directories and entries outside
 * `package/` are skipped. The whole tarball is refused, with an `Error` saying why, when an entry
 * is a symbolic or hard link, has an absolute path, a `..` segment, a backslash, or when the
 * files add up to more than 64 MiB or the archive is damaged.
 */
export async function readPackageTarball(data: Buffer): Promise<Map<string, Buffer>> {
  const { Parser } = await import('tar');
  return new Promise((resolve, reject) => {
    const files = new Map<string, Buffer>();
    let bytes = 0;
    let failed = false;
    const parser = new Parser({ strict: true });
    const fail = (error: Error) => {
      if (failed) return;
      failed = true;
      parser.abort(error);
      reject(error);
    };
    parser.on('entry', (entry: ReadEntry) => {
      const path = failed ? undefined : packagePath(entry);
      if (typeof path !== 'string') {
        if (path instanceof Error) fail(path);
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      entry.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > maxUnpackedBytes) fail(new Error('its files add up to more than 64 MiB'));
        else chunks.push(chunk);
      });
      entry.on('end', () => {
        if (!failed) files.set(path, Buffer.concat(chunks));
      });
    });
    parser.on('error', (error: Error) => fail(error));
    parser.on('end', () => {
      if (!failed) resolve(files);
    });
    parser.end(data);
  });
}

// A path inside the package, `undefined` for an entry to skip, or why the tarball is refused.
function packagePath(entry: ReadEntry): string | undefined | Error {
  const raw = entry.path;
  if (entry.type === 'SymbolicLink' || entry.type === 'Link') {
    return new Error(`it holds a link (${JSON.stringify(raw)})`);
  }
  if (raw.startsWith('/') || /^[A-Za-z]:/.test(raw) || raw.includes('\\') || raw.includes('\0')) {
    return new Error(`it holds an entry outside the package (${JSON.stringify(raw)})`);
  }
  const parts = raw.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) {
    return new Error(`it holds an entry outside the package (${JSON.stringify(raw)})`);
  }
  const regular =
    entry.type === 'File' || entry.type === 'OldFile' || entry.type === 'ContiguousFile';
  if (!regular || parts[0] !== 'package' || parts.length < 2) return undefined;
  return parts.slice(1).join('/');
}
