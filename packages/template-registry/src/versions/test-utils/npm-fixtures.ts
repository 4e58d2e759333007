import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import cacache from 'cacache';
import { c as createTar, Header } from 'tar';

/** The prefix npm's HTTP cache puts before a response's address in its cache keys. */
export const requestCachePrefix = 'make-fetch-happen:request-cache:';

/** A made-up address (`.invalid` never resolves) for the tarball of `name` at `version`. */
export function tarballKey(name: string, version: string, at = 'https://packages.invalid'): string {
  return `${requestCachePrefix}${at}/${name}/-/${name.slice(name.lastIndexOf('/') + 1)}-${version}.tgz`;
}

/** A pack's `package.json`: the npm package `name` as a pack that extends the built-in speckit pack. */
export function packManifest(
  name: string,
  version: string,
  pack: string,
  templates: Record<string, string> = { plan: 'plan.md' },
): string {
  return JSON.stringify({
    name,
    version,
    specforge: { name: pack, extends: '@specforge/templates-speckit', templates },
  });
}

/** An overlay of speckit's plan that renames its Context section to `title`. */
export const planOverlay = (title: string) =>
  `---\nextends: speckit/plan\n---\n<!-- specforge: rename context "${title}" -->\n`;

/** Writes `files` (paths with `/`) under `dir`. */
export async function writeTree(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

/** A gzipped package tarball, made by `tar` as npm makes them: every file under `package/`. */
export async function packTarball(files: Record<string, string>): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'specforge-tarball-'));
  try {
    await writeTree(join(dir, 'package'), files);
    const file = join(dir, 'pack.tgz');
    await createTar({ gzip: true, portable: true, cwd: dir, file }, ['package']);
    return await readFile(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One raw entry of {@link rawTarball}: any path and type, as a hostile tarball may hold. */
export interface RawEntry {
  path: string;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link';
  body?: string;
  linkpath?: string;
}

/** A gzipped tarball written header by header, with paths and types that `tar c` would not write. */
export function rawTarball(entries: readonly RawEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const body = Buffer.from(entry.body ?? '');
    const header = new Header({
      path: entry.path,
      type: entry.type ?? 'File',
      size: entry.type === undefined || entry.type === 'File' ? body.length : 0,
      mode: 0o644,
      mtime: new Date(0),
      uid: 0,
      gid: 0,
      ...(entry.linkpath === undefined ? {} : { linkpath: entry.linkpath }),
    });
    const block = Buffer.alloc(512);
    header.encode(block, 0);
    blocks.push(block);
    if (header.size) {
      blocks.push(body, Buffer.alloc((512 - (body.length % 512)) % 512));
    }
  }
  blocks.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(blocks));
}

/**
 * Puts `data` into the npm cache folder `npmCache` (the one holding `_cacache`) under `key`;
 * returns its integrity.
 */
export async function putInNpmCache(npmCache: string, key: string, data: Buffer): Promise<string> {
  // cacache resolves to an integrity object, whatever its typings say.
  return String(await cacache.put(join(npmCache, '_cacache'), key, data));
}
