import { relative, resolve, sep } from 'node:path';
import { createWarning, type Diagnostic } from '../errors/diagnostic.js';
import { SpecforgeError } from '../errors/specforge-error.js';
import type { FileSystem } from '../fs/file-system.js';
import { assertDocumentSize } from '../fs/input-limits.js';
import { decodeUtf8 } from '../text/decode-utf8.js';

/** A spec file read from disk and decoded, ready to parse. */
export interface SpecFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the project root with `/` separators, as recorded in provenance. */
  projectPath: string;
  /** The file's bytes, exactly (hashed for provenance). */
  bytes: Uint8Array;
  /** The decoded text, byte-order mark removed. */
  text: string;
  /** One `SPECFORGE_SPEC_INVALID_UTF8` warning per invalid byte sequence, with its position. */
  warnings: Diagnostic[];
}

/** Options for {@link readSpecFile}. */
export interface ReadSpecFileOptions {
  /** The file system to read through. */
  fs: FileSystem;
  /** Directory that relative `file` paths are resolved against. */
  cwd: string;
  /** The project root; provenance paths are relative to it. */
  root: string;
  /** How to name the file in messages (defaults to the path as given). */
  displayName?: string;
}

/**
 * Reads a spec file and refuses what cannot be a spec: a missing path, a directory, an empty
 * file, a binary file. Bytes that are not valid UTF-8 do not stop it: each one becomes a
 * warning with its line and column, and U+FFFD stands in its place in the text.
 */
export async function readSpecFile(file: string, options: ReadSpecFileOptions): Promise<SpecFile> {
  const { fs } = options;
  const path = resolve(options.cwd, file);
  const name = options.displayName ?? file;
  const location = { file: name };
  const kind = await fs.kind(path);
  if (kind === undefined)
    throw new SpecforgeError('SPECFORGE_SPEC_NOT_FOUND', { file: name }, { location });
  if (kind === 'directory')
    throw new SpecforgeError('SPECFORGE_SPEC_IS_DIRECTORY', { file: name }, { location });

  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code ?? String(cause);
    throw new SpecforgeError(
      'SPECFORGE_SPEC_UNREADABLE',
      { file: name, reason },
      { location, cause },
    );
  }
  assertDocumentSize(bytes.length, name);
  if (bytes.includes(0))
    throw new SpecforgeError('SPECFORGE_SPEC_BINARY', { file: name }, { location });

  const decoded = decodeUtf8(bytes);
  if (decoded.text.trim() === '')
    throw new SpecforgeError('SPECFORGE_SPEC_EMPTY', { file: name }, { location });
  const warnings = decoded.invalid.map((bad) =>
    createWarning(
      'SPECFORGE_SPEC_INVALID_UTF8',
      { bytes: bad.bytes },
      { file: name, line: bad.line, column: bad.column },
    ),
  );
  return {
    path,
    projectPath: toProjectPath(options.root, path),
    bytes,
    text: decoded.text,
    warnings,
  };
}

/** `path` relative to `root`, with `/` separators on every platform. */
export function toProjectPath(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}
