import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, posix, sep } from 'node:path';
import { SpecforgeError } from '@specforge/core';

/**
 * The integrity of one text, in the `sha256-<base64>` form the lock and copy forks record.
 *
 * @example
 * ```ts
 * integrityOf(''); // 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='
 * ```
 */
export function integrityOf(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/**
 * Computes a pack's integrity: `sha256-<base64>` over its files, the same on every machine.
 *
 * The files are given relative to `dir` (with `/` or the platform separator), sorted by their
 * `/`-separated path (by UTF-16 code units, not locale), and hashed as `<path>\0<length>\0`
 * followed by the content with CRLF and CR line endings turned into LF, so that a checkout with
 * `core.autocrlf` hashes like any other. Duplicates count once. List `package.json` among the
 * files; it is not added for you.
 *
 * @param dir - The pack folder.
 * @param files - The pack's files, relative to `dir`, e.g. `['package.json', 'plan.md']`.
 * @returns The integrity string, e.g. `sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=`.
 * @throws {@link @specforge/core!SpecforgeError} `SPECFORGE_PACK_MANIFEST_INVALID` when a path leaves the folder
 * or a file cannot be read.
 *
 * @example
 * ```ts
 * await hashPackDir('templates/speckit', ['package.json', 'plan.md']); // 'sha256-…'
 * ```
 */
export async function hashPackDir(dir: string, files: readonly string[]): Promise<string> {
  return hashPackFiles(dir, files, new Map());
}

/**
 * {@link hashPackDir}, with the bytes of files already read (by path `join(dir, file)`) taken
 * as they are instead of being read again: how a pack just loaded is hashed.
 */
export async function hashPackFiles(
  dir: string,
  files: readonly string[],
  known: ReadonlyMap<string, Uint8Array>,
): Promise<string> {
  const paths = [...new Set(files.map((file) => normalizePackPath(dir, file)))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const contents = await Promise.all(
    paths.map((path) => known.get(join(dir, path)) ?? readPackFile(dir, path)),
  );
  const hash = createHash('sha256');
  for (const [index, path] of paths.entries()) {
    const content = normalizeLineEndings(contents[index]!);
    // Lengths frame each entry, so no two different file sets hash alike.
    hash.update(`${path}\0${content.length}\0`, 'utf8');
    hash.update(content);
  }
  return `sha256-${hash.digest('base64')}`;
}

function normalizePackPath(dir: string, file: string): string {
  const slashed = sep === '/' ? file : file.split(sep).join('/');
  const path = posix.normalize(slashed);
  if (
    path === '.' ||
    path === '..' ||
    path.startsWith('../') ||
    posix.isAbsolute(path) ||
    /^[A-Za-z]:/.test(path)
  ) {
    throw new SpecforgeError(
      'SPECFORGE_PACK_MANIFEST_INVALID',
      { reason: `the pack file "${file}" is not a file inside the pack folder.` },
      { location: { file: join(dir, 'package.json') } },
    );
  }
  return path;
}

async function readPackFile(dir: string, path: string): Promise<Buffer> {
  try {
    return await readFile(join(dir, path));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new SpecforgeError(
      'SPECFORGE_PACK_MANIFEST_INVALID',
      {
        reason: `the pack file "${path}" cannot be read (${code === 'EISDIR' ? 'it is a folder' : (code ?? String(cause))}).`,
      },
      { location: { file: join(dir, 'package.json') }, cause },
    );
  }
}

// On bytes, not text, so that content which is not UTF-8 still hashes exactly.
function normalizeLineEndings(content: Uint8Array): Uint8Array {
  if (!content.includes(13)) return content;
  const out = Buffer.alloc(content.length);
  let length = 0;
  for (let i = 0; i < content.length; i++) {
    const byte = content[i]!;
    if (byte === 13) {
      out[length++] = 10;
      if (content[i + 1] === 10) i++;
    } else {
      out[length++] = byte;
    }
  }
  return out.subarray(0, length);
}
